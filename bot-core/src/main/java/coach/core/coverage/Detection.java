package coach.core.coverage;

import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What the detector read in one answer.
 *
 * @param covered the concepts the answer covers, sorted
 * @param evidence for covered concepts, the words that earned the credit (a short quote of the
 *     sentence), when the detector can tell
 * @param dismissed concepts the answer names only to wave away ("no need for shadow mode", "rules
 *     are boring"); never also covered
 * @param dismissedSections sections the answer waves away as a whole ("monitoring is overkill")
 * @param touched concepts the answer names without committing to them (only asks about them, or
 *     says it is unsure), with the sentence: the detector's "partial" readings, which call for a
 *     narrower follow-up rather than the generic one
 */
public record Detection(
    SortedSet<String> covered,
    Map<String, String> evidence,
    Set<String> dismissed,
    Set<String> dismissedSections,
    Map<String, String> touched) {

  public Detection {
    covered = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(covered));
    evidence = Map.copyOf(evidence);
    dismissed = Set.copyOf(dismissed);
    dismissedSections = Set.copyOf(dismissedSections);
    touched = Map.copyOf(touched);
  }

  /** Only what was covered, with no evidence or dismissals. */
  public static Detection coveredOnly(SortedSet<String> covered) {
    return new Detection(covered, Map.of(), Set.of(), Set.of(), Map.of());
  }
}
