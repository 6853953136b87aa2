package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import coach.core.coverage.LabelTally.Convention;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The tally behind both evaluations, on four items whose figures are worked out by hand: {a, b}
 * expected and {a, c} found; {a} and {a}; {b} and nothing; nothing and nothing. Per label: a is TP
 * 2, b is FN 2, c is FP 1, d (declared) never occurs. Pooled: TP 2, FP 1, FN 2, so P = 2/3, R = 1/2
 * and F1 = 2PR / (P + R) = (2/3) / (7/6) = 4/7.
 */
class LabelTallyTest {

  private static LabelTally tally(Convention convention) {
    LabelTally tally = LabelTally.sorted(convention, List.of("d", "c", "b", "a"));
    tally.add(Set.of("a", "b"), Set.of("a", "c"));
    tally.add(Set.of("a"), Set.of("a"));
    tally.add(Set.of("b"), Set.of());
    tally.add(Set.of(), Set.of());
    return tally;
  }

  private static List<Integer> counts(LabelTally.Counts c) {
    return List.of(c.truePositives(), c.falsePositives(), c.falseNegatives());
  }

  @Test
  void countsEachFoundLabelAsTrueOrFalsePositiveAndEachUnfoundExpectedOneAsFalseNegative() {
    LabelTally tally = tally(Convention.UNDEFINED_IS_NAN);
    assertThat(counts(tally.byLabel().get("a"))).containsExactly(2, 0, 0);
    assertThat(counts(tally.byLabel().get("b"))).containsExactly(0, 0, 2);
    assertThat(counts(tally.byLabel().get("c"))).containsExactly(0, 1, 0);
    assertThat(counts(tally.byLabel().get("d"))).containsExactly(0, 0, 0);
  }

  @Test
  void pooledFiguresAreWorkedOutByHandUnderBothConventions() {
    for (Convention convention : Convention.values()) {
      LabelTally tally = tally(convention);
      assertThat(tally.microPrecision()).as(convention.name()).isCloseTo(2.0 / 3, within(1e-12));
      assertThat(tally.microRecall()).as(convention.name()).isCloseTo(0.5, within(1e-12));
      assertThat(tally.microF1()).as(convention.name()).isCloseTo(4.0 / 7, within(1e-12));
      // the mean of a (1), b (0) and c (0): d occurs nowhere and is left out
      assertThat(tally.macroF1()).as(convention.name()).isCloseTo(1.0 / 3, within(1e-12));
    }
  }

  @Test
  void f1IsTheHarmonicMeanOfPrecisionAndRecall() {
    // TP 1, FP 3, FN 0: P 1/4, R 1, F1 2 * 1/4 / (5/4) = 2/5; TP 3, FP 1, FN 5: P 3/4, R 3/8,
    // F1 2 * 9/32 / (9/8) = 1/2
    for (Convention convention : Convention.values()) {
      LabelTally tally = LabelTally.sorted(convention, List.of());
      tally.add(Set.of("x"), Set.of("x", "y", "z", "w"));
      assertThat(tally.microF1()).as(convention.name()).isCloseTo(0.4, within(1e-12));
      LabelTally other = LabelTally.sorted(convention, List.of());
      other.add(Set.of("a", "b", "c"), Set.of("a", "b", "c", "d"));
      other.add(Set.of("e", "f", "g", "h", "i"), Set.of());
      assertThat(other.microPrecision()).isCloseTo(0.75, within(1e-12));
      assertThat(other.microRecall()).isCloseTo(0.375, within(1e-12));
      assertThat(other.microF1()).as(convention.name()).isCloseTo(0.5, within(1e-12));
    }
  }

  @Test
  void undefinedFiguresAreNanUnderOneConventionAndZeroUnderTheOtherNeverOne() {
    LabelTally nan = tally(Convention.UNDEFINED_IS_NAN);
    assertThat(nan.byLabel().get("b").precision()).as("b never found: 0/0").isNaN();
    assertThat(nan.byLabel().get("b").recall()).isZero();
    assertThat(nan.byLabel().get("b").f1()).isZero();
    assertThat(nan.byLabel().get("c").precision()).isZero();
    assertThat(nan.byLabel().get("c").recall()).as("c never expected: 0/0").isNaN();
    assertThat(nan.byLabel().get("c").f1()).isZero();
    LabelTally.Counts d = nan.byLabel().get("d");
    assertThat(List.of(d.precision(), d.recall(), d.f1())).allMatch(x -> x.isNaN());

    LabelTally zero = tally(Convention.UNDEFINED_IS_ZERO);
    for (String label : List.of("b", "c", "d")) {
      LabelTally.Counts c = zero.byLabel().get(label);
      assertThat(List.of(c.precision(), c.recall(), c.f1())).as(label).containsOnly(0.0);
    }
    assertThat(zero.byLabel().get("a").f1()).isEqualTo(1.0);
  }

  @Test
  void anEmptyTallyMeasuresNothing() {
    LabelTally nan = LabelTally.sorted(Convention.UNDEFINED_IS_NAN, List.of("a"));
    assertThat(List.of(nan.microPrecision(), nan.microRecall(), nan.microF1(), nan.macroF1()))
        .allMatch(x -> x.isNaN());
    LabelTally zero = LabelTally.sorted(Convention.UNDEFINED_IS_ZERO, List.of("a"));
    assertThat(List.of(zero.microPrecision(), zero.microRecall(), zero.microF1()))
        .containsOnly(0.0);
    assertThat(zero.macroF1()).as("no label occurs: no mean").isNaN();
  }

  @Test
  void labelsAreReportedSortedOrInTheOrderGivenThenAsFirstMet() {
    LabelTally sorted = LabelTally.sorted(Convention.UNDEFINED_IS_NAN, List.of("m", "b"));
    sorted.add(List.of("z"), List.of("a"));
    assertThat(sorted.byLabel().keySet()).containsExactly("a", "b", "m", "z");

    LabelTally inOrder = LabelTally.inOrder(Convention.UNDEFINED_IS_NAN, List.of("m", "b"));
    inOrder.add(List.of("z"), List.of("a"));
    assertThat(inOrder.byLabel().keySet()).containsExactly("m", "b", "a", "z");
  }

  @Test
  void theTablePrintsEveryFigureToThreeDecimalsAndUndefinedOnesAsADash() {
    assertThat(tally(Convention.UNDEFINED_IS_NAN).table("label", 8))
        .isEqualTo(
            """
            label      TP   FP   FN      P      R     F1
            a           2    0    0  1.000  1.000  1.000
            b           0    0    2      -  0.000  0.000
            c           0    1    0  0.000      -  0.000
            d           0    0    0      -      -      -
            """);
    assertThat(LabelTally.figure(2.0 / 3)).isEqualTo("0.667");
    assertThat(LabelTally.figure(Double.NaN)).isEqualTo("-");
  }
}
