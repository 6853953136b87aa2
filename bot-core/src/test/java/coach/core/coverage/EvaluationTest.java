package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Precision, recall and F1 from known counts; 0/0 is undefined, never a perfect score. */
class EvaluationTest {

  private static final List<String> CONCEPTS = List.of("a", "b", "c", "d");

  /** GIVEN answers whose detections are written beside them. */
  private static Evaluation evaluate(Map<String, String> detectedByAnswer, LabelledAnswer... set) {
    CoverageDetector detector = (answer, prompt, section) -> ids(detectedByAnswer.get(answer));
    return Evaluation.run(detector, List.of(set), CONCEPTS);
  }

  private static LabelledAnswer labelled(String answer, String expected) {
    return new LabelledAnswer(answer, Optional.empty(), Optional.empty(), answer, ids(expected));
  }

  private static SortedSet<String> ids(String spaced) {
    SortedSet<String> ids = new TreeSet<>();
    for (String id : spaced.split(" ")) {
      if (!id.isEmpty()) {
        ids.add(id);
      }
    }
    return ids;
  }

  @Test
  void countsPrecisionRecallAndF1PerConceptAndPooled() {
    Evaluation evaluation =
        evaluate(
            Map.of("one", "a c", "two", "a", "three", "", "four", ""),
            labelled("one", "a b"),
            labelled("two", "a"),
            labelled("three", ""),
            labelled("four", "b"));

    assertThat(evaluation.answers()).isEqualTo(4);
    LabelTally.Counts a = evaluation.byConcept().get("a");
    assertThat(List.of(a.truePositives(), a.falsePositives(), a.falseNegatives()))
        .containsExactly(2, 0, 0);
    assertThat(a.precision()).isEqualTo(1.0);
    assertThat(a.recall()).isEqualTo(1.0);
    assertThat(a.f1()).isEqualTo(1.0);

    LabelTally.Counts b = evaluation.byConcept().get("b");
    assertThat(List.of(b.truePositives(), b.falsePositives(), b.falseNegatives()))
        .containsExactly(0, 0, 2);
    assertThat(b.precision()).as("never detected: 0/0").isNaN();
    assertThat(b.recall()).isZero();
    assertThat(b.f1()).isZero();

    LabelTally.Counts c = evaluation.byConcept().get("c");
    assertThat(c.precision()).isZero();
    assertThat(c.recall()).as("never expected: 0/0").isNaN();
    assertThat(c.f1()).isZero();

    LabelTally.Counts d = evaluation.byConcept().get("d");
    assertThat(List.of(d.precision(), d.recall(), d.f1())).allMatch(x -> x.isNaN());

    // pooled: TP 2, FP 1, FN 2
    assertThat(evaluation.microPrecision()).isCloseTo(2.0 / 3, within(1e-12));
    assertThat(evaluation.microRecall()).isCloseTo(0.5, within(1e-12));
    assertThat(evaluation.microF1()).isCloseTo(4.0 / 7, within(1e-12));
    // the mean over a, b and c; d occurs nowhere and is left out
    assertThat(evaluation.macroF1()).isCloseTo(1.0 / 3, within(1e-12));
    assertThat(evaluation.misses()).hasSize(2);

    assertThat(evaluation.report())
        .contains("a                                   2    0    0  1.000  1.000  1.000")
        .contains("b                                   0    0    2      -  0.000  0.000")
        .contains("d                                   0    0    0      -      -      -")
        .endsWith("answers 4  micro P 0.667  micro R 0.500  micro F1 0.571  macro F1 0.333\n");
  }

  @Test
  void anEmptySetScoresNothingRatherThanPerfect() {
    Evaluation evaluation = evaluate(Map.of());

    assertThat(evaluation.microPrecision()).isNaN();
    assertThat(evaluation.microRecall()).isNaN();
    assertThat(evaluation.microF1()).isNaN();
    assertThat(evaluation.macroF1()).isNaN();
    assertThat(evaluation.totals())
        .isEqualTo("answers 0  micro P -  micro R -  micro F1 -  macro F1 -\n")
        .doesNotContain("1.000");
  }

  @Test
  void aDetectorThatFindsNothingScoresZeroNotPerfect() {
    Evaluation evaluation =
        evaluate(Map.of("one", "", "two", ""), labelled("one", "a"), labelled("two", "b"));

    assertThat(evaluation.microPrecision()).isNaN();
    assertThat(evaluation.microRecall()).isZero();
    assertThat(evaluation.microF1()).isZero();
    assertThat(evaluation.macroF1()).isZero();
  }
}
