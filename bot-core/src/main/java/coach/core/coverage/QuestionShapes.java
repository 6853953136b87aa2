package coach.core.coverage;

import java.util.List;
import java.util.Set;

/**
 * The shapes of questions and near-questions in an answer's sentence, read from its tokens: whether
 * it asks, what it asks (a definition, which sense of a word, what past data would have shown), and
 * whether it proposes something in question form. Stateless.
 */
public final class QuestionShapes {

  private QuestionShapes() {}

  /**
   * "Could we just flag customers whose logins dropped?", "what if we start with the rules?", "why
   * not ...": a proposal put as a question states what it proposes.
   */
  public static boolean proposes(List<Token> tokens) {
    for (int i = 0; i + 1 < tokens.size() && i < 6; i++) {
      String word = tokens.get(i).raw();
      String next = tokens.get(i + 1).raw();
      if ((word.equals("what") && next.equals("if"))
          || (word.equals("how") && next.equals("about"))
          || (word.equals("why") && next.equals("not"))
          || (word.equals("we") && (next.equals("just") || next.equals("simply")))) {
        return true;
      }
    }
    return false;
  }

  private static final Set<String> WOULD = Set.of("would", "we'd", "it'd", "they'd", "i'd");

  /**
   * "Would our ranking have put the deals higher?", "did the ones we'd have ranked highest
   * convert?": a question the candidate puts to past data (a backtest), not to the interviewer.
   */
  static boolean asksWhatWouldHaveHappened(List<Token> tokens) {
    for (int i = 0; i < tokens.size(); i++) {
      String word = tokens.get(i).raw();
      if (word.equals("would've") || word.equals("we'd've")) {
        return true;
      }
      if (WOULD.contains(word)) {
        for (int j = i + 1; j <= i + 3 && j < tokens.size(); j++) {
          if (tokens.get(j).raw().equals("have")) {
            boolean obligation = j + 1 < tokens.size() && tokens.get(j + 1).raw().equals("to");
            if (!obligation) {
              return true;
            }
          }
        }
      }
    }
    return false;
  }

  /** Whether the sentence ends with a question mark (trailing symbols and emoji aside). */
  public static boolean isQuestion(String sentence) {
    for (int i = sentence.length() - 1; i >= 0; i--) {
      char c = sentence.charAt(i);
      if (c == '?') {
        return true;
      }
      if (Character.isLetterOrDigit(c) || c == '.' || c == '!') {
        return false;
      }
    }
    return false;
  }

  private static final Set<String> QUESTION_OPENERS =
      Set.of("what", "what's", "whats", "how", "why", "which", "who", "when", "where");

  /** A short sentence opening with a question word, question mark or not ("what about drift"). */
  public static boolean startsLikeQuestion(List<Token> tokens) {
    return !tokens.isEmpty()
        && QUESTION_OPENERS.contains(tokens.get(0).raw())
        && tokens.size() <= 8;
  }

  private static final Set<String> INTERROGATIVES =
      Set.of(
          "what", "what's", "whats", "how", "how's", "why", "which", "who", "whom", "whose", "when",
          "where", "do", "does", "did", "is", "are", "was", "were", "can", "could", "should",
          "would", "will", "shall", "may", "might", "have", "has", "any");
  private static final Set<String> FILLERS =
      Set.of("so", "and", "or", "also", "ok", "okay", "hmm", "um", "then", "but", "and,");

  /**
   * Whether a sentence opens like a question ("do we ...", "what is ...", "so is it ..."), or is a
   * bare term or two with a question mark ("guardrails?").
   */
  public static boolean isInterrogative(List<Token> tokens) {
    if (tokens.size() <= 2) {
      return true;
    }
    for (Token token : tokens) {
      if (!FILLERS.contains(token.raw())) {
        return INTERROGATIVES.contains(token.raw());
      }
    }
    return false;
  }

  /**
   * "Rollback, like the Walmart rollback deals?", "like when a store does a rollback?": the
   * candidate asks which sense of a word is meant (not a figure: "like 300 a second?" proposes
   * one).
   */
  static boolean asksWhichSense(List<Token> tokens) {
    int like = -1;
    if (!tokens.isEmpty() && tokens.get(0).raw().equals("like")) {
      like = 0;
    } else {
      for (int i = 1; i <= 2 && i < tokens.size(); i++) {
        if (tokens.get(i).clause() == 1 && tokens.get(i - 1).clause() == 0) {
          like = tokens.get(i).raw().equals("like") ? i : -1;
          break;
        }
      }
    }
    return like >= 0
        && like + 1 < tokens.size()
        && tokens.get(like + 1).clause() == tokens.get(like).clause()
        && tokens.stream().noneMatch(Token::isNumber);
  }

  /**
   * The clause a question opens with, after a short lead-in ("Quick question: are we ...", "One
   * more thing: do we ...").
   */
  public static List<Token> afterLeadIn(List<Token> tokens) {
    for (int i = 1; i <= 3 && i < tokens.size(); i++) {
      if (tokens.get(i).clause() != tokens.get(0).clause()) {
        return INTERROGATIVES.contains(tokens.get(i).raw())
            ? tokens.subList(i, tokens.size())
            : tokens;
      }
    }
    return tokens;
  }

  private static final Set<String> WHAT_IS = Set.of("what's", "whats", "what're");
  private static final Set<String> CLARIFYING_DETERMINERS =
      Set.of(
          "the",
          "our",
          "your",
          "their",
          "this",
          "that",
          "these",
          "those",
          "we",
          "it",
          "there",
          "expected",
          "current",
          "typical",
          "acceptable",
          "target",
          "budget",
          "volume",
          "scale",
          "latency",
          "traffic",
          "size");

  /** "what is calibration?", "what's an A/A test" (but not "what's the latency budget?"). */
  static boolean isDefinitionQuestion(List<Token> tokens) {
    for (int i = 0; i < tokens.size() - 1; i++) {
      String word = tokens.get(i).raw();
      int next = -1;
      if (WHAT_IS.contains(word)) {
        next = i + 1;
      } else if (word.equals("what")
          && (tokens.get(i + 1).raw().equals("is") || tokens.get(i + 1).raw().equals("are"))) {
        next = i + 2;
      }
      if (next >= 0 && next < tokens.size()) {
        return !CLARIFYING_DETERMINERS.contains(tokens.get(next).raw())
            && !tokens.get(next).isNumber();
      }
    }
    return false;
  }
}
