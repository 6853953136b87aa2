package coach.core.coverage;

import coach.core.coverage.LexiconCompiler.Rule;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Whether one compiled rule matches one sentence, given the spans where each of its groups matched
 * ({@code byGroup[group]}: {@code {start, end}} token positions, null for a group that matched
 * nowhere). A match is one span per group, no two overlapping, all within the rule's window, kept
 * clear of the exclude spans ({@code vetoes}) by more than {@link #EXCLUDE_REACH} tokens and, when
 * cue marks are given, surviving the sentence's negations and dismissals. Stateless.
 */
final class RuleSpans {

  /**
   * How many tokens from a {@code near:} exclude's words a match may end and still stand ("500 QPS,
   * catalogue 2M products, p99 under 120 ms": the milliseconds veto a scale reading of "120 ms",
   * not of "500 QPS").
   */
  static final int EXCLUDE_REACH = 3;

  /** Passed as the marks of {@link #matches} to accept any match that fits, whatever its cues. */
  static final CueMarks IGNORE_CUES = new CueMarks(new PhraseIndex<>(), List.of());

  private RuleSpans() {}

  /**
   * Whether some choice of one span per group fits the rule's window, keeps clear of {@code vetoes}
   * and survives {@code marks} (any cues, with {@link #IGNORE_CUES}).
   */
  static boolean matches(Rule rule, List<int[]>[] byGroup, CueMarks marks, List<int[]> vetoes) {
    return anyCombination(rule, byGroup, marks, vetoes);
  }

  /**
   * Adds to {@code vetoes} the {@code {start, end}} of every choice of one span per group of the
   * exclude {@code rule} that fits its window.
   */
  static void addExcludeSpans(Rule rule, List<int[]>[] byGroup, List<int[]> vetoes) {
    anyCombination(rule, byGroup, null, vetoes);
  }

  /**
   * The spans of an exclude that are not negated: "the goal is retention, not accuracy" does not
   * veto the goal for "accuracy".
   */
  static List<int[]>[] unnegated(List<int[]>[] byGroup, CueMarks marks) {
    @SuppressWarnings("unchecked")
    List<int[]>[] kept = new List[byGroup.length];
    for (int g = 0; g < byGroup.length; g++) {
      if (byGroup[g] == null) {
        continue;
      }
      kept[g] = new ArrayList<>(byGroup[g].size());
      for (int[] span : byGroup[g]) {
        if (span[0] == 0
            || !marks.negationEndsAt(span[0] - 1)
            || !isPlainNegator(marks.tokens().get(span[0] - 1).raw())) {
          kept[g].add(span);
        }
      }
      if (kept[g].isEmpty()) {
        kept[g] = null;
      }
    }
    return kept;
  }

  /** "not", "no", "never", "isn't", "cannot": a negation word (not a verb such as "skip"). */
  private static boolean isPlainNegator(String word) {
    return word.equals("not")
        || word.equals("no")
        || word.equals("never")
        || word.equals("cannot")
        || word.endsWith("n't")
        || word.endsWith("n’t");
  }

  /**
   * Tries every choice of one span per group. With {@code marks}: true when one fits the window,
   * survives, and keeps clear of the {@code vetoes} (exclude spans). Without: an exclude, whose
   * matching spans are all added to {@code vetoes}.
   */
  private static boolean anyCombination(
      Rule rule, List<int[]>[] byGroup, CueMarks marks, List<int[]> vetoes) {
    for (List<int[]> group : byGroup) {
      if (group == null) {
        return false;
      }
    }
    return search(rule, byGroup, 0, Integer.MAX_VALUE, -1, new BitSet(), marks, vetoes);
  }

  private static boolean clearOf(int start, int end, List<int[]> vetoes) {
    for (int[] veto : vetoes) {
      if (start - veto[1] <= EXCLUDE_REACH && veto[0] - end <= EXCLUDE_REACH) {
        return false;
      }
    }
    return true;
  }

  private static boolean search(
      Rule rule,
      List<int[]>[] byGroup,
      int group,
      int start,
      int end,
      BitSet used,
      CueMarks marks,
      List<int[]> vetoes) {
    if (group == byGroup.length) {
      if (marks == null) {
        vetoes.add(new int[] {start, end});
        return false;
      }
      return clearOf(start, end, vetoes)
          && (marks == IGNORE_CUES || marks.survives(rule.kind(), start, end, used));
    }
    for (int[] span : byGroup[group]) {
      if (used.get(span[0], span[1] + 1).cardinality() > 0) {
        continue;
      }
      int newStart = Math.min(start, span[0]);
      int newEnd = Math.max(end, span[1]);
      if (newEnd - newStart > rule.window()) {
        continue;
      }
      used.set(span[0], span[1] + 1);
      boolean ok = search(rule, byGroup, group + 1, newStart, newEnd, used, marks, vetoes);
      used.clear(span[0], span[1] + 1);
      if (ok) {
        return true;
      }
    }
    return false;
  }
}
