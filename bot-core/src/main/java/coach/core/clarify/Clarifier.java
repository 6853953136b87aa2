package coach.core.clarify;

import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Interim: cue matching until the lexical clarifier lands (replaced on merge). */
public final class Clarifier {
  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");

  public static Clarifier create() {
    return new Clarifier();
  }

  public boolean isClarifyingQuestion(String text) {
    return text.strip().endsWith("?");
  }

  public List<String> topics(String text) {
    return List.of();
  }

  public List<Clarification> answer(Prompt prompt, String text) {
    String n = " " + NON_WORD.matcher(text.toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
    List<Clarification> out = new ArrayList<>();
    for (InterviewerFact f : prompt.facts()) {
      for (String cue : f.topic().cues()) {
        if (n.contains(" " + cue + " ")) {
          out.add(new Clarification(f.topic().id(), f.topic().name(), Optional.of(f.answer())));
          break;
        }
      }
    }
    return out;
  }
}
