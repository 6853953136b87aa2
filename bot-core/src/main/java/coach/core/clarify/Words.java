package coach.core.clarify;

import coach.core.coverage.Token;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The closed word classes the clarifier reads by (question words, fillers, sentence subjects, words
 * that open a new part of a question), and the stateless token tests built on them that both the
 * message reading and the topic matching use.
 */
final class Words {

  private Words() {}

  static final Set<String> WH_WORDS =
      Set.of("how", "what", "what's", "whats", "which", "who", "whom", "whether", "where");

  /** Sentence openers that make a sentence without a question mark a statement. */
  static final Set<String> SUBJECTS =
      Set.of(
          "i",
          "i'm",
          "im",
          "we",
          "we're",
          "it",
          "it's",
          "its",
          "this",
          "that",
          "that's",
          "they",
          "they're",
          "there",
          "there's",
          "honestly",
          "personally",
          "imo",
          "our",
          "my",
          "the",
          "these",
          "those",
          "you",
          "he",
          "she",
          "obviously",
          "clearly",
          "basically");

  /** Words that narrow a request once something is set aside ("..., just the volume"). */
  static final Set<String> NARROWING =
      Set.of("just", "only", "rather", "instead", "but", "need", "want", "interested");

  static final Set<String> FILLERS =
      Set.of(
          "so",
          "and",
          "ok",
          "okay",
          "also",
          "hmm",
          "um",
          "uh",
          "then",
          "oh",
          "alright",
          "right",
          "well",
          "hey",
          "hi",
          "hello",
          "quick",
          "question",
          "first",
          "next",
          "another",
          "one",
          "more",
          "thing",
          "last",
          "lastly",
          "finally",
          "plus",
          "btw",
          "sorry",
          "but",
          "just",
          "actually",
          "cool",
          "great",
          "thanks",
          "got",
          "second",
          "third",
          "secondly",
          "q",
          "qs");

  static final Set<String> INTERROGATIVES =
      Set.of(
          "what",
          "what's",
          "whats",
          "how",
          "how's",
          "hows",
          "why",
          "which",
          "who",
          "who's",
          "whom",
          "whose",
          "when",
          "where",
          "do",
          "does",
          "did",
          "is",
          "are",
          "was",
          "were",
          "can",
          "could",
          "should",
          "would",
          "will",
          "shall",
          "may",
          "might",
          "have",
          "has",
          "any",
          "roughly",
          "approx",
          "approximately",
          "wat",
          "wht",
          "hw");

  static final Set<String> WH_OPENERS =
      Set.of(
          "what", "what's", "whats", "how", "how's", "hows", "why", "which", "who", "who's", "whom",
          "whose", "when", "where");

  static final Set<String> ASKING_PREPOSITIONS =
      Set.of("with", "in", "at", "on", "by", "for", "to", "from", "under", "within", "of");

  static final Set<String> CONTINUERS = Set.of("and", "also", "plus", "but", "so");

  static final Set<String> NEW_PART =
      Set.of(
          "and", "also", "plus", "then", "but", "or", "i", "we", "so", "if", "does", "do", "um",
          "uh", "you", "they");

  static final Set<String> OPTION_WORDS = Set.of("or", "vs", "versus");

  static List<Token> withoutFillers(List<Token> tokens) {
    int i = 0;
    while (i < tokens.size() && i < 4 && FILLERS.contains(tokens.get(i).raw())) {
      i++;
    }
    return tokens.subList(i, tokens.size());
  }

  /**
   * Whether the clause starting at token {@code i} asks something new: it opens with a question
   * word, or with "and", "also", "plus", "but" or "so" before one (", and how many ...").
   */
  static boolean asksOn(List<Token> tokens, int i) {
    String first = tokens.get(i).raw();
    if (WH_OPENERS.contains(first)) {
      return true;
    }
    // "..., with what RAM ceiling?"
    if (ASKING_PREPOSITIONS.contains(first)
        && i + 1 < tokens.size()
        && WH_OPENERS.contains(tokens.get(i + 1).raw())) {
      return true;
    }
    return CONTINUERS.contains(first)
        && i + 1 < tokens.size()
        && INTERROGATIVES.contains(tokens.get(i + 1).raw())
        && !tokens.get(i + 1).raw().equals("any");
  }

  static boolean opensPart(String word) {
    return INTERROGATIVES.contains(word) || NEW_PART.contains(word);
  }

  /** Clauses opening with a premise ("given ...", "since ...", "you said ..."). */
  static Set<Integer> premiseClauses(List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    Set<Integer> clauses = new java.util.HashSet<>();
    for (int[] at : cues.getOrDefault(CueKind.PREMISE, List.of())) {
      // "..., with what RAM ceiling?" asks
      if (at[1] + 1 < tokens.size() && WH_OPENERS.contains(tokens.get(at[1] + 1).raw())) {
        continue;
      }
      int clause = tokens.get(at[0]).clause();
      int first = at[0];
      while (first > 0
          && tokens.get(first - 1).clause() == clause
          && FILLERS.contains(tokens.get(first - 1).raw())) {
        first--;
      }
      if (first == 0 || tokens.get(first - 1).clause() != clause) {
        clauses.add(clause);
      }
    }
    return clauses;
  }
}
