package coach.core.practice;

import coach.core.curriculum.FactTopic;
import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Answers a candidate's clarifying question the way the interviewer would: from the prompt's facts,
 * picked by the topics' cue phrases.
 */
final class InterviewerFacts {

  private static final Pattern NON_WORD = Pattern.compile("[^\\p{L}\\p{N}']+");
  private static final Pattern SENTENCE = Pattern.compile("(?<=[.!?])\\s+|\\n+");

  private InterviewerFacts() {}

  /** Whether every sentence of the message is a question: it asks, it doesn't answer. */
  static boolean isOnlyQuestions(String text) {
    String stripped = text.strip();
    if (!stripped.endsWith("?")) {
      return false;
    }
    for (String sentence : SENTENCE.split(stripped)) {
      if (!sentence.isBlank() && !sentence.strip().endsWith("?")) {
        return false;
      }
    }
    return true;
  }

  /** The facts whose topics the question asks about, best matches first (at most two). */
  static List<InterviewerFact> answer(Prompt prompt, String question) {
    String normalised =
        " " + NON_WORD.matcher(question.toLowerCase(Locale.ROOT)).replaceAll(" ") + " ";
    List<InterviewerFact> best = new ArrayList<>();
    int bestScore = 0;
    for (InterviewerFact fact : prompt.facts()) {
      int score = score(fact.topic(), normalised);
      if (score > bestScore) {
        best.clear();
        bestScore = score;
      }
      if (score > 0 && score == bestScore) {
        best.add(fact);
      }
    }
    return best.size() > 2 ? best.subList(0, 2) : best;
  }

  private static int score(FactTopic topic, String normalised) {
    int score = 0;
    for (String cue : topic.cues()) {
      String phrase = " " + NON_WORD.matcher(cue).replaceAll(" ").strip() + " ";
      if (normalised.contains(phrase) || normalised.contains(phrase.stripTrailing() + "s ")) {
        score += phrase.split(" ").length;
      }
    }
    return score;
  }
}
