package coach.core.clarify;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How well the clarifier's topics agree with a labelled set: per topic true and false positives,
 * false negatives, precision, recall and F1, and micro precision, recall and F1 over all topic
 * decisions pooled. No decisions at all scores 0, never 1: an empty set proves nothing.
 */
public final class QuestionEvaluation {

  /** Counts for one topic. */
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

    public double precision() {
      return ratio(truePositives, truePositives + falsePositives);
    }

    public double recall() {
      return ratio(truePositives, truePositives + falseNegatives);
    }

    public double f1() {
      return harmonic(precision(), recall());
    }
  }

  /** A question the clarifier got wrong: what it found against the labels. */
  public record Miss(LabelledQuestion question, List<String> found, String why) {
    public Set<String> missing() {
      Set<String> missing = new LinkedHashSet<>(question.topics());
      missing.removeAll(found);
      return missing;
    }

    public Set<String> extra() {
      Set<String> extra = new LinkedHashSet<>(found);
      extra.removeAll(question.topics());
      return extra;
    }
  }

  private final Map<String, Counts> byTopic = new LinkedHashMap<>();
  private final List<Miss> misses = new ArrayList<>();
  private int questions;

  private QuestionEvaluation() {
    TopicIds.ALL.forEach(id -> byTopic.put(id, new Counts()));
  }

  /** Runs the clarifier over the labelled questions. */
  public static QuestionEvaluation run(Clarifier clarifier, List<LabelledQuestion> set) {
    QuestionEvaluation evaluation = new QuestionEvaluation();
    for (LabelledQuestion question : set) {
      Map<String, String> why = clarifier.explain(question.question());
      List<String> found = new ArrayList<>(why.keySet());
      evaluation.questions++;
      for (String topic : found) {
        Counts counts = evaluation.byTopic.computeIfAbsent(topic, t -> new Counts());
        if (question.topics().contains(topic)) {
          counts.truePositives++;
        } else {
          counts.falsePositives++;
        }
      }
      for (String topic : question.topics()) {
        if (!found.contains(topic)) {
          evaluation.byTopic.computeIfAbsent(topic, t -> new Counts()).falseNegatives++;
        }
      }
      if (!Set.copyOf(found).equals(question.topics())) {
        evaluation.misses.add(new Miss(question, found, String.join("\n    ", why.values())));
      }
    }
    return evaluation;
  }

  public Map<String, Counts> byTopic() {
    return byTopic;
  }

  public List<Miss> misses() {
    return misses;
  }

  public int questions() {
    return questions;
  }

  public double microPrecision() {
    int tp = sum(c -> c.truePositives);
    return ratio(tp, tp + sum(c -> c.falsePositives));
  }

  public double microRecall() {
    int tp = sum(c -> c.truePositives);
    return ratio(tp, tp + sum(c -> c.falseNegatives));
  }

  public double microF1() {
    return harmonic(microPrecision(), microRecall());
  }

  /** A table for people: one line a topic, then the totals. */
  public String report() {
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%-16s %4s %4s %4s %6s %6s %6s%n",
            "topic",
            "TP",
            "FP",
            "FN",
            "P",
            "R",
            "F1"));
    for (var entry : byTopic.entrySet()) {
      Counts c = entry.getValue();
      out.append(
          String.format(
              Locale.ROOT,
              "%-16s %4d %4d %4d %6.3f %6.3f %6.3f%n",
              entry.getKey(),
              c.truePositives,
              c.falsePositives,
              c.falseNegatives,
              c.precision(),
              c.recall(),
              c.f1()));
    }
    return out.append(totals()).toString();
  }

  /** The totals line only (for held-out sets, whose per-topic figures are not looked at). */
  public String totals() {
    return String.format(
        Locale.ROOT,
        "questions %d  micro P %.3f  micro R %.3f  micro F1 %.3f%n",
        questions,
        microPrecision(),
        microRecall(),
        microF1());
  }

  private int sum(java.util.function.ToIntFunction<Counts> field) {
    return byTopic.values().stream().mapToInt(field).sum();
  }

  private static double ratio(int numerator, int denominator) {
    return denominator == 0 ? 0.0 : (double) numerator / denominator;
  }

  private static double harmonic(double p, double r) {
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
}
