package coach.core.coverage;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * How well a detector agrees with a labelled set: per concept true and false positives and false
 * negatives, precision, recall and F1, plus micro and macro F1. A figure whose denominator is zero
 * (0/0: nothing detected, nothing expected) is undefined and returned as {@link Double#NaN}, never
 * as a perfect 1.0; reports print it as {@code -}.
 */
public final class Evaluation {

  /** Counts for one concept. */
  public static final class Counts {
    int truePositives;
    int falsePositives;
    int falseNegatives;

    public int truePositives() {
      return truePositives;
    }

    public int falsePositives() {
      return falsePositives;
    }

    public int falseNegatives() {
      return falseNegatives;
    }

    /** TP / (TP + FP); NaN when the concept was never detected. */
    public double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN); NaN when the concept was never expected. */
    public double recall() {
      return ratio(truePositives, truePositives + falseNegatives);
    }

    /** 2TP / (2TP + FP + FN); NaN when the concept was neither detected nor expected. */
    public double f1() {
      return Evaluation.f1(truePositives, falsePositives, falseNegatives);
    }
  }

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

  private final Map<String, Counts> byConcept = new TreeMap<>();
  private final List<Miss> misses = new ArrayList<>();
  private int answers;

  /** Runs {@code detector} over {@code set}, counting against every concept in {@code concepts}. */
  public static Evaluation run(
      CoverageDetector detector, List<LabelledAnswer> set, Collection<String> concepts) {
    Evaluation evaluation = new Evaluation();
    concepts.forEach(c -> evaluation.byConcept.put(c, new Counts()));
    for (LabelledAnswer answer : set) {
      SortedSet<String> detected =
          detector.detect(answer.answer(), answer.prompt(), answer.section());
      evaluation.add(answer, detected);
    }
    return evaluation;
  }

  private void add(LabelledAnswer answer, SortedSet<String> detected) {
    answers++;
    for (String concept : detected) {
      Counts counts = byConcept.computeIfAbsent(concept, c -> new Counts());
      if (answer.expected().contains(concept)) {
        counts.truePositives++;
      } else {
        counts.falsePositives++;
      }
    }
    for (String concept : answer.expected()) {
      if (!detected.contains(concept)) {
        byConcept.computeIfAbsent(concept, c -> new Counts()).falseNegatives++;
      }
    }
    if (!detected.equals(answer.expected())) {
      misses.add(new Miss(answer, detected));
    }
  }

  public Map<String, Counts> byConcept() {
    return byConcept;
  }

  public List<Miss> misses() {
    return misses;
  }

  public int answers() {
    return answers;
  }

  /** F1 over all decisions pooled; NaN when nothing was detected or expected at all. */
  public double microF1() {
    return f1(sum(c -> c.truePositives), sum(c -> c.falsePositives), sum(c -> c.falseNegatives));
  }

  /** Precision over all decisions pooled; NaN when nothing was detected. */
  public double microPrecision() {
    int tp = sum(c -> c.truePositives);
    return ratio(tp, tp + sum(c -> c.falsePositives));
  }

  /** Recall over all decisions pooled; NaN when nothing was expected. */
  public double microRecall() {
    int tp = sum(c -> c.truePositives);
    return ratio(tp, tp + sum(c -> c.falseNegatives));
  }

  /**
   * The mean of per-concept F1, over concepts that occur in the labels or the detections; NaN when
   * none does.
   */
  public double macroF1() {
    return byConcept.values().stream()
        .filter(c -> c.truePositives + c.falsePositives + c.falseNegatives > 0)
        .mapToDouble(Counts::f1)
        .average()
        .orElse(Double.NaN);
  }

  /** A table for people: one line a concept, then the totals. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-32s %4s %4s %4s %6s %6s %6s%n",
            "concept",
            "TP",
            "FP",
            "FN",
            "P",
            "R",
            "F1"));
    for (var entry : byConcept.entrySet()) {
      Counts c = entry.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "%-32s %4d %4d %4d %6s %6s %6s%n",
              entry.getKey(),
              c.truePositives,
              c.falsePositives,
              c.falseNegatives,
              figure(c.precision()),
              figure(c.recall()),
              figure(c.f1())));
    }
    return out.append(totals()).toString();
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
        figure(microPrecision()),
        figure(microRecall()),
        figure(microF1()),
        figure(macroF1()));
  }

  /** Three decimals, or {@code -} for an undefined figure. */
  private static String figure(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }

  private int sum(java.util.function.ToIntFunction<Counts> field) {
    return byConcept.values().stream().mapToInt(field).sum();
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? Double.NaN : (double) numerator / denominator;
  }

  private static double f1(int truePositives, int falsePositives, int falseNegatives) {
    return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
  }
}
