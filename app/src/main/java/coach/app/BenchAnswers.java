package coach.app;

import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** The benchmarks' answers: made from the curriculum's own sentences, the same for a seed. */
final class BenchAnswers {

  private BenchAnswers() {}

  /**
   * {@code count} answers of chat-like, mixed length (mostly under 80 words, a few up to 600), each
   * as {answer, prompt id, section id}.
   */
  static List<String[]> mixed(Curriculum curriculum, int count, Random random) {
    List<String> sentences = new ArrayList<>();
    for (Concept concept : curriculum.concepts()) {
      sentences.add(concept.hint());
      sentences.add(concept.why());
    }
    for (Prompt prompt : curriculum.prompts()) {
      sentences.add(prompt.brief());
      prompt.facts().forEach(f -> sentences.add(f.answer()));
    }
    sentences.add("no need for shadow mode, we skip calibration 🙂");
    sentences.add("lables arrive weeks later and the imbalence is huge");
    List<String[]> answers = new ArrayList<>(count);
    // chat-like lengths: mostly short, some long, a few very long
    int[] wordTargets = {5, 15, 40, 80, 150, 300, 600};
    int[] percentWeights = {15, 25, 25, 20, 10, 4, 1};
    for (int i = 0; i < count; i++) {
      int roll = random.nextInt(100);
      int bucket = 0;
      while (roll >= percentWeights[bucket]) {
        roll -= percentWeights[bucket];
        bucket++;
      }
      int target = wordTargets[bucket];
      StringBuilder text = new StringBuilder();
      while (text.length() / 6 < target) {
        text.append(sentences.get(random.nextInt(sentences.size()))).append(' ');
      }
      String[] words = text.toString().split("\\s+");
      String answer = String.join(" ", Arrays.copyOf(words, Math.min(words.length, target)));
      Prompt prompt = curriculum.prompts().get(random.nextInt(curriculum.prompts().size()));
      Section section = curriculum.sections().get(random.nextInt(curriculum.sections().size()));
      answers.add(new String[] {answer, prompt.id(), section.id()});
    }
    return answers;
  }
}
