package coach.core.clarify;

import coach.core.coverage.LabelTally;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * How well the clarifier's topics agree with a labelled set: per topic true and false positives,
 * false negatives, precision, recall and F1, and micro precision, recall and F1 over all topic
 * decisions pooled. No decisions at all scores 0, never 1: an empty set proves nothing.
 */
public final class QuestionEvaluation {

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

  private final LabelTally tally =
      LabelTally.inOrder(LabelTally.Convention.UNDEFINED_IS_ZERO, TopicIds.ALL);
  private final List<Miss> misses = new ArrayList<>();
  private int questions;

  private QuestionEvaluation() {}

  /** Runs the clarifier over the labelled questions. */
  public static QuestionEvaluation run(Clarifier clarifier, List<LabelledQuestion> set) {
    return run(clarifier::explain, set);
  }

  /**
   * Runs {@code explain} (a question's topics, in order, each with why it was found) over the
   * labelled questions.
   */
  static QuestionEvaluation run(
      Function<String, Map<String, String>> explain, List<LabelledQuestion> set) {
    QuestionEvaluation evaluation = new QuestionEvaluation();
    for (LabelledQuestion question : set) {
      Map<String, String> why = explain.apply(question.question());
      List<String> found = new ArrayList<>(why.keySet());
      evaluation.questions++;
      evaluation.tally.add(question.topics(), found);
      if (!Set.copyOf(found).equals(question.topics())) {
        evaluation.misses.add(new Miss(question, found, String.join("\n    ", why.values())));
      }
    }
    return evaluation;
  }

  /** Counts by topic, in the contract's topic order. */
  public Map<String, LabelTally.Counts> byTopic() {
    return tally.byLabel();
  }

  public List<Miss> misses() {
    return misses;
  }

  public int questions() {
    return questions;
  }

  public double microPrecision() {
    return tally.microPrecision();
  }

  public double microRecall() {
    return tally.microRecall();
  }

  public double microF1() {
    return tally.microF1();
  }

  /** A table for people: one line a topic, then the totals. */
  public String report() {
    return tally.table("topic", 16) + totals();
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
}
