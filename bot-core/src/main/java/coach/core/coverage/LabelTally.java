package coach.core.coverage;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ToIntFunction;

/**
 * Per-label agreement between expected and found label sets, item by item: true positives, false
 * positives and false negatives per label, with precision, recall and F1 per label, pooled over all
 * decisions (micro) and averaged over the labels that occur (macro). What a figure that divides by
 * zero reads, and how F1 is computed, is the {@link Convention} chosen. Serves both the coverage
 * detector's {@link Evaluation} and the clarifier's question evaluation. Not thread-safe.
 */
public final class LabelTally {

  /** How figures read where they divide by zero, and how F1 is computed. */
  public enum Convention {
    /** 0/0 is undefined, {@link Double#NaN} (never a perfect 1.0); F1 is 2TP / (2TP + FP + FN). */
    UNDEFINED_IS_NAN,
    /** 0/0 reads 0; F1 is the harmonic mean of precision and recall, 0 when both are 0. */
    UNDEFINED_IS_ZERO;

    double ratio(int numerator, int denominator) {
      if (denominator == 0) {
        return this == UNDEFINED_IS_NAN ? Double.NaN : 0.0;
      }
      return (double) numerator / denominator;
    }

    double f1(int truePositives, int falsePositives, int falseNegatives) {
      if (this == UNDEFINED_IS_NAN) {
        return ratio(2 * truePositives, 2 * truePositives + falsePositives + falseNegatives);
      }
      double p = ratio(truePositives, truePositives + falsePositives);
      double r = ratio(truePositives, truePositives + falseNegatives);
      return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
    }
  }

  /** Counts for one label. */
  public static final class Counts {
    private final Convention convention;
    private int truePositives;
    private int falsePositives;
    private int falseNegatives;

    private Counts(Convention convention) {
      this.convention = convention;
    }

    public int truePositives() {
      return truePositives;
    }

    public int falsePositives() {
      return falsePositives;
    }

    public int falseNegatives() {
      return falseNegatives;
    }

    /** TP / (TP + FP); undefined when the label was never found. */
    public double precision() {
      return convention.ratio(truePositives, truePositives + falsePositives);
    }

    /** TP / (TP + FN); undefined when the label was never expected. */
    public double recall() {
      return convention.ratio(truePositives, truePositives + falseNegatives);
    }

    /** F1 per the convention; undefined when the label was neither found nor expected. */
    public double f1() {
      return convention.f1(truePositives, falsePositives, falseNegatives);
    }
  }

  private final Convention convention;
  private final Map<String, Counts> byLabel;

  private LabelTally(
      Convention convention, Map<String, Counts> byLabel, Collection<String> labels) {
    this.convention = convention;
    this.byLabel = byLabel;
    labels.forEach(label -> byLabel.put(label, new Counts(convention)));
  }

  /** A tally that reports {@code labels} (and any other label it meets) in sorted order. */
  public static LabelTally sorted(Convention convention, Collection<String> labels) {
    return new LabelTally(convention, new TreeMap<>(), labels);
  }

  /** A tally that reports {@code labels} in the order given, then other labels as first met. */
  public static LabelTally inOrder(Convention convention, Collection<String> labels) {
    return new LabelTally(convention, new LinkedHashMap<>(), labels);
  }

  /**
   * Counts one item: each found label is a true positive when expected and a false positive when
   * not; each expected label not found is a false negative.
   */
  public void add(Collection<String> expected, Collection<String> found) {
    for (String label : found) {
      Counts counts = byLabel.computeIfAbsent(label, l -> new Counts(convention));
      if (expected.contains(label)) {
        counts.truePositives++;
      } else {
        counts.falsePositives++;
      }
    }
    for (String label : expected) {
      if (!found.contains(label)) {
        byLabel.computeIfAbsent(label, l -> new Counts(convention)).falseNegatives++;
      }
    }
  }

  /** The counts by label, in the tally's order. */
  public Map<String, Counts> byLabel() {
    return byLabel;
  }

  /** Precision over all decisions pooled; undefined when nothing was found. */
  public double microPrecision() {
    int tp = sum(c -> c.truePositives);
    return convention.ratio(tp, tp + sum(c -> c.falsePositives));
  }

  /** Recall over all decisions pooled; undefined when nothing was expected. */
  public double microRecall() {
    int tp = sum(c -> c.truePositives);
    return convention.ratio(tp, tp + sum(c -> c.falseNegatives));
  }

  /** F1 over all decisions pooled; undefined when nothing was found or expected at all. */
  public double microF1() {
    return convention.f1(
        sum(c -> c.truePositives), sum(c -> c.falsePositives), sum(c -> c.falseNegatives));
  }

  /**
   * The mean of per-label F1, over labels that occur in the expected or the found sets; NaN when
   * none does.
   */
  public double macroF1() {
    return byLabel.values().stream()
        .filter(c -> c.truePositives + c.falsePositives + c.falseNegatives > 0)
        .mapToDouble(Counts::f1)
        .average()
        .orElse(Double.NaN);
  }

  private int sum(ToIntFunction<Counts> field) {
    return byLabel.values().stream().mapToInt(field).sum();
  }

  /**
   * A table for people: one line a label ({@code labelHeader} heads the column, {@code labelWidth}
   * wide) with TP, FP, FN, precision, recall and F1; an undefined figure prints "-".
   */
  public String table(String labelHeader, int labelWidth) {
    String text = "%-" + labelWidth + "s %4s %4s %4s %6s %6s %6s%n";
    String row = "%-" + labelWidth + "s %4d %4d %4d %6s %6s %6s%n";
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, text, labelHeader, "TP", "FP", "FN", "P", "R", "F1"));
    for (Map.Entry<String, Counts> entry : byLabel().entrySet()) {
      Counts c = entry.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              row,
              entry.getKey(),
              c.truePositives(),
              c.falsePositives(),
              c.falseNegatives(),
              figure(c.precision()),
              figure(c.recall()),
              figure(c.f1())));
    }
    return out.toString();
  }

  /** A figure to three decimals, or "-" when it is undefined. */
  public static String figure(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.3f", value);
  }
}
