package coach.core.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * How well a detector agrees with a labelled set: per concept true and false positives and false
 * negatives, precision, recall and F1, plus micro and macro F1. A figure whose denominator is zero
 * (0/0: nothing detected, nothing expected) is undefined and returned as {@link Double#NaN}, never
 * as a perfect 1.0; reports print it as {@code -}.
 */
public final class Evaluation {

  /** An answer the detector got wrong. */
  public record Miss(LabelledAnswer answer, SortedSet<String> detected) {
    public SortedSet<String> missing() {
      SortedSet<String> missing = new TreeSet<>(answer.expected());
      missing.removeAll(detected);
      return missing;
    }

    public SortedSet<String> extra() {
      SortedSet<String> extra = new TreeSet<>(detected);
      extra.removeAll(answer.expected());
      return extra;
    }
  }

  private final LabelTally tally;
  private final List<Miss> misses = new ArrayList<>();
  private int answers;

  private Evaluation(Collection<String> concepts) {
    tally = LabelTally.sorted(LabelTally.Convention.UNDEFINED_IS_NAN, concepts);
  }

  /** Runs {@code detector} over {@code set}, counting against every concept in {@code concepts}. */
  public static Evaluation run(
      CoverageDetector detector, List<LabelledAnswer> set, Collection<String> concepts) {
    Evaluation evaluation = new Evaluation(concepts);
    for (LabelledAnswer answer : set) {
      SortedSet<String> detected =
          detector.detect(answer.answer(), answer.prompt(), answer.section());
      evaluation.add(answer, detected);
    }
    return evaluation;
  }

  private void add(LabelledAnswer answer, SortedSet<String> detected) {
    answers++;
    tally.add(answer.expected(), detected);
    if (!detected.equals(answer.expected())) {
      misses.add(new Miss(answer, detected));
    }
  }

  /** Counts by concept, in concept order. */
  public Map<String, LabelTally.Counts> byConcept() {
    return tally.byLabel();
  }

  public List<Miss> misses() {
    return misses;
  }

  public int answers() {
    return answers;
  }

  /** F1 over all decisions pooled; NaN when nothing was detected or expected at all. */
  public double microF1() {
    return tally.microF1();
  }

  /** Precision over all decisions pooled; NaN when nothing was detected. */
  public double microPrecision() {
    return tally.microPrecision();
  }

  /** Recall over all decisions pooled; NaN when nothing was expected. */
  public double microRecall() {
    return tally.microRecall();
  }

  /**
   * The mean of per-concept F1, over concepts that occur in the labels or the detections; NaN when
   * none does.
   */
  public double macroF1() {
    return tally.macroF1();
  }

  /** A table for people: one line a concept, then the totals. */
  public String report() {
    return tally.table("concept", 32) + totals();
  }

  /**
   * The totals line only: answers, micro P/R/F1 and macro F1 (for held-out sets, whose per-concept
   * figures are better not looked at).
   */
  public String totals() {
    return String.format(
        Locale.ROOT,
        "answers %d  micro P %s  micro R %s  micro F1 %s  macro F1 %s%n",
        answers,
        LabelTally.figure(microPrecision()),
        LabelTally.figure(microRecall()),
        LabelTally.figure(microF1()),
        LabelTally.figure(macroF1()));
  }
}
