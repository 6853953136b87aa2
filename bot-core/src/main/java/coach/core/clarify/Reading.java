package coach.core.clarify;

import static coach.core.clarify.Words.FILLERS;

import coach.core.coverage.Token;
import java.util.BitSet;
import java.util.List;
import java.util.Map;

/**
 * One sentence, read: its text, its (typo-repaired) tokens, where its cues sit (first and last
 * token of each), the topic matches that survived {@link TopicMatcher}, and whether it is shaped as
 * a question.
 */
record Reading(
    String text,
    List<Token> tokens,
    Map<CueKind, List<int[]>> cues,
    List<Match> matches,
    boolean question) {

  boolean has(CueKind kind) {
    return cues.containsKey(kind);
  }

  /**
   * Whether a cue of this kind sits outside every cue of kind {@code cover} ("give me" asks, but
   * not inside "give me a sec").
   */
  boolean hasOutside(CueKind kind, CueKind cover) {
    List<int[]> covers = cues.getOrDefault(cover, List.of());
    for (int[] at : cues.getOrDefault(kind, List.of())) {
      if (covers.stream().noneMatch(c -> c[0] <= at[0] && at[1] <= c[1] && c[1] > at[1])) {
        return true;
      }
    }
    return false;
  }

  /** Whether a cue of this kind starts within the first {@code reach} tokens. */
  boolean opensWith(CueKind kind, int reach) {
    for (int[] at : cues.getOrDefault(kind, List.of())) {
      if (at[0] <= reach) {
        return true;
      }
    }
    return false;
  }

  /** Whether cues of this kind cover every token (a tag sentence: "ok?", "right?"). */
  boolean coveredBy(CueKind kind) {
    BitSet covered = new BitSet();
    for (int[] at : cues.getOrDefault(kind, List.of())) {
      covered.set(at[0], at[1] + 1);
    }
    for (int i = 0; i < tokens.size(); i++) {
      if (!covered.get(i) && !FILLERS.contains(tokens.get(i).raw())) {
        return false;
      }
    }
    return !tokens.isEmpty();
  }
}
