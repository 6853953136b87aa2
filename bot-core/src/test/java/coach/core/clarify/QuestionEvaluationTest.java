package coach.core.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The clarifier's evaluation from known findings, worked out by hand: four questions, TP 3 (scale,
 * latency, users), FP 1 (goal), FN 2 (labels, privacy); P = 3/4, R = 3/5, F1 = 2PR / (P + R) = 2/3.
 */
class QuestionEvaluationTest {

  private static final Map<String, List<String>> FOUND =
      Map.of(
          "how many a day?", List.of("scale"),
          "how fast, and what are the labels?", List.of("latency"),
          "who uses it?", List.of("users", "goal"),
          "hmm", List.of());

  private static Map<String, String> explain(String question) {
    Map<String, String> why = new LinkedHashMap<>();
    FOUND.get(question).forEach(topic -> why.put(topic, "found " + topic));
    return why;
  }

  private static LabelledQuestion labelled(String id, String question, String... topics) {
    return new LabelledQuestion(id, "fraud-checkout", question, Set.of(topics));
  }

  private static final List<LabelledQuestion> SET =
      List.of(
          labelled("q1", "how many a day?", "scale"),
          labelled("q2", "how fast, and what are the labels?", "latency", "labels"),
          labelled("q3", "who uses it?", "users"),
          labelled("q4", "hmm", "privacy"));

  @Test
  void figuresFromKnownFindings() {
    QuestionEvaluation evaluation = QuestionEvaluation.run(QuestionEvaluationTest::explain, SET);

    assertThat(evaluation.questions()).isEqualTo(4);
    assertThat(evaluation.microPrecision()).isCloseTo(0.75, within(1e-12));
    assertThat(evaluation.microRecall()).isCloseTo(0.6, within(1e-12));
    assertThat(evaluation.microF1()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(evaluation.totals())
        .isEqualTo("questions 4  micro P 0.750  micro R 0.600  micro F1 0.667\n");

    var labels = evaluation.byTopic().get("labels");
    assertThat(List.of(labels.truePositives(), labels.falsePositives(), labels.falseNegatives()))
        .containsExactly(0, 0, 1);
    assertThat(labels.precision()).as("never found: 0/0 reads 0 here").isZero();
    assertThat(labels.f1()).isZero();
    assertThat(evaluation.byTopic().get("users").f1()).isEqualTo(1.0);
    assertThat(evaluation.byTopic().keySet()).startsWith(TopicIds.ALL.toArray(String[]::new));
  }

  @Test
  void missesAreTheQuestionsWhoseTopicsDifferWithWhatIsMissingAndExtra() {
    QuestionEvaluation evaluation = QuestionEvaluation.run(QuestionEvaluationTest::explain, SET);

    assertThat(evaluation.misses())
        .extracting(m -> m.question().id())
        .containsExactly("q2", "q3", "q4");
    QuestionEvaluation.Miss q2 = evaluation.misses().get(0);
    assertThat(q2.missing()).containsExactly("labels");
    assertThat(q2.extra()).isEmpty();
    assertThat(q2.why()).isEqualTo("found latency");
    QuestionEvaluation.Miss q3 = evaluation.misses().get(1);
    assertThat(q3.missing()).isEmpty();
    assertThat(q3.extra()).containsExactly("goal");
  }

  @Test
  void theReportListsEveryTopicThenTheTotals() {
    String report = QuestionEvaluation.run(QuestionEvaluationTest::explain, SET).report();
    assertThat(report)
        .startsWith("topic              TP   FP   FN      P      R     F1\n")
        .contains("\nscale               1    0    0  1.000  1.000  1.000\n")
        .contains("\nlabels              0    0    1  0.000  0.000  0.000\n")
        .contains("\ngoal                0    1    0  0.000  0.000  0.000\n")
        .endsWith("questions 4  micro P 0.750  micro R 0.600  micro F1 0.667\n");
    assertThat(report.lines().count()).isEqualTo(1 + TopicIds.ALL.size() + 1);
  }

  @Test
  void noQuestionsScoreZeroNotOne() {
    QuestionEvaluation evaluation =
        QuestionEvaluation.run(QuestionEvaluationTest::explain, List.of());
    assertThat(evaluation.totals())
        .isEqualTo("questions 0  micro P 0.000  micro R 0.000  micro F1 0.000\n");
  }
}
