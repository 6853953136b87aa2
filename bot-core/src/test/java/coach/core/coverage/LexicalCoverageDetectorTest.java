package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import java.util.Optional;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * How the detector reads answers: affirmations, risks named to avoid them, questions, typos,
 * dismissals and readings per prompt. What it must not credit is in {@link
 * LexicalCoverageNegationTest}.
 */
class LexicalCoverageDetectorTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final LexicalCoverageDetector DETECTOR =
      LexicalCoverageDetector.create(CURRICULUM);

  private static SortedSet<String> detect(String section, String answer) {
    return DETECTOR.detect(answer, Optional.of("fraud-checkout"), Optional.of(section));
  }

  @Test
  void anAffirmativeAnswerCoversItsConcepts() {
    assertThat(
            detect(
                "data",
                "Chargebacks are our labels but they only arrive 30 to 90 days after the purchase."))
        .contains("data.label_source", "data.label_delay");
  }

  @Test
  void plainStatementsLeaveOutQuestionsNegationsAndTakenBackSentences() {
    assertThat(
            DETECTOR.plainStatements(
                "We log every score. Do we have labels? We won't bother with calibration. Shadow"
                    + " mode first. No wait, scratch that. A tiny sliver of orders are fraud."))
        .containsExactly("We log every score.", "A tiny sliver of orders are fraud.");
  }

  @Test
  void sendingDoubtfulCasesToReviewIsAHumanInTheLoop() {
    assertThat(detect("decision", "We decline or send to review when the score is unclear."))
        .contains("decision.action", "decision.human_review");
    assertThat(detect("validation", "The change is sent for code review before merge."))
        .doesNotContain("decision.human_review");
  }

  @Test
  void aRiskNamedToAvoidItIsCovered() {
    assertThat(detect("data", "No leakage: only features known at checkout time."))
        .contains("data.leakage", "data.feature_availability");
  }

  @Test
  void aWordALexiconPrefixMatchesIsNoTypo() {
    assertThat(detect("data", "I'd upweight the closed deals when training"))
        .contains("data.class_imbalance");
  }

  @Test
  void aDefinitionQuestionCoversNothingButAClarifyingQuestionIsACheckIn() {
    assertThat(detect("validation", "what is an A/A test?")).isEmpty();
    assertThat(detect("validation", "we run an A/A test first")).contains("validation.aa_test");
    assertThat(detect("assumptions", "How many transactions per day do we have?"))
        .containsExactly("assumptions.check_in");
    assertThat(detect("assumptions", "Can I assume we need a decision within 100 ms?"))
        .contains("assumptions.check_in", "assumptions.latency");
  }

  @Test
  void aQuestionAnsweredByTheSpeakerIsNoCheckIn() {
    assertThat(detect("assumptions", "How many users do we have? Doesn't matter, it's on device."))
        .doesNotContain(LexicalCoverageDetector.CHECK_IN);
    assertThat(detect("serving", "I'd say we need it real time? Actually no, I don't know."))
        .doesNotContain("serving.mode");
    assertThat(detect("serving", "I'd say we need it real time.")).contains("serving.mode");
    assertThat(detect("assumptions", "How many users do we have? I'd plan for 10M."))
        .contains(LexicalCoverageDetector.CHECK_IN);
  }

  @Test
  void explainNamesThePatternAndSentence() {
    assertThat(
            DETECTOR.explain(
                "We pick the cutoff on the PR curve. No leakage either.", Optional.of("metrics")))
        .containsKey("metrics.threshold")
        .hasEntrySatisfying(
            "metrics.threshold",
            why -> assertThat(why).endsWith("We pick the cutoff on the PR curve."));
  }

  @Test
  void nearExcludesVetoOnlyTheWordsTheyMatch() {
    assertThat(detect("assumptions", "500 QPS peak, catalogue 2M products, p99 budget 120 ms."))
        .contains("assumptions.scale", "assumptions.latency");
    assertThat(detect("assumptions", "p99 under 120 ms."))
        .doesNotContain("assumptions.scale")
        .contains("assumptions.latency");
  }

  @Test
  void aQuestionAfterALeadInOnlyAsks() {
    assertThat(detect("decision", "Quick question: are we only routing tickets to teams?"))
        .contains("assumptions.check_in")
        .doesNotContain("decision.action");
  }

  @Test
  void aQuestionPutToPastDataIsNoCheckIn() {
    assertThat(
            detect(
                "validation", "Replay last quarter: would our ranking have put the deals higher?"))
        .doesNotContain("assumptions.check_in");
    // positive control: the same replay said as a plan is an offline validation
    assertThat(
            detect(
                "validation", "Replay last quarter and check our ranking puts the deals higher."))
        .contains("validation.offline");
    assertThat(detect("assumptions", "Would we have to mask card numbers?"))
        .contains("assumptions.check_in");
  }

  @Test
  void beingUnsureOfSomethingElseDoesNotTakeBackAQuestion() {
    assertThat(
            detect(
                "decision",
                "I think the goal is to reduce fraud losses? I'm not sure what decision exactly."))
        .contains("decision.goal");
  }

  @Test
  void aProposalPutAsAQuestionStatesWhatItProposes() {
    assertThat(detect("baseline", "Could we just flag customers whose logins dropped by half?"))
        .contains("baseline.heuristic");
    assertThat(
            detect(
                "baseline",
                "Could we just flag customers whose logins dropped? Not sure it's good enough."))
        .contains("baseline.heuristic");
  }

  @Test
  void commonMisspellingsAreRepaired() {
    assertThat(detect("data", "lables arrive weeks later")).contains("data.label_delay");
    assertThat(detect("data", "fraud is rare, huge class imbalence"))
        .contains("data.class_imbalance");
    assertThat(detect("data", "watch for leakge from post-purchase fields"))
        .contains("data.leakage");
  }

  @Test
  void realWordsAreNotRepairedIntoLexiconWords() {
    TypoRepair repair =
        new TypoRepair(java.util.Set.of("label", "latency", "recall"), java.util.Set.of());
    assertThat(repair.repair("table")).isEqualTo("table");
    assertThat(repair.repair("lable")).isEqualTo("label");
    assertThat(repair.repair("latancy")).isEqualTo("latency");
    assertThat(repair.repair("xyzzy")).isEqualTo("xyzzy");
  }

  @Test
  void oddInputNeverThrows() {
    String[] inputs = {
      "",
      "   ",
      "🚀🔥💯",
      "שלום, אני חושב שצריך A/B test",
      "مرحبا calibration مهم",
      "\u0000\u0001\u001b[31m\u007f",
      "a\uD800b",
      "?".repeat(500),
      "no ".repeat(5_000),
      "label ".repeat(20_000),
      "x".repeat(100_000),
    };
    for (String input : inputs) {
      assertThatCode(() -> DETECTOR.detect(input, Optional.empty(), Optional.empty()))
          .as(input.length() > 40 ? input.substring(0, 40) : input)
          .doesNotThrowAnyException();
    }
  }

  @Test
  void onlyTheFirstTwentyThousandCharactersAreGraded() {
    String padding = "we talked about the weather. ".repeat(1_000);
    String late = padding + "Chargebacks arrive weeks later.";
    assertThat(late.length()).isGreaterThan(CoverageDetector.MAX_GRADED_CHARS);
    assertThat(DETECTOR.detect(late, Optional.empty(), Optional.empty()))
        .doesNotContain("data.label_delay");
    assertThat(
            DETECTOR.detect(
                "Chargebacks arrive weeks later. " + padding, Optional.empty(), Optional.empty()))
        .contains("data.label_delay");
  }

  @Test
  void theDetectorIsDeterministic() {
    String answer =
        "Two stages: pull a few hundred candidates with an embedding lookup, then rank them with a"
            + " GBDT. New users get popular items until we have a few clicks.";
    SortedSet<String> first = DETECTOR.detect(answer, Optional.empty(), Optional.of("model"));
    for (int i = 0; i < 5; i++) {
      assertThat(DETECTOR.detect(answer, Optional.empty(), Optional.of("model"))).isEqualTo(first);
    }
    assertThat(first).contains("model.two_stage", "model.cold_start");
  }

  private static Detection analyse(String section, String answer) {
    return DETECTOR.analyse(answer, Optional.of("fraud-checkout"), Optional.of(section));
  }

  @Test
  void leavingOutTheBaselineBecauseRulesAreBoringIsADismissalNotABaseline() {
    Detection read = analyse("baseline", "I'd leave out the baseline honestly, rules are boring");
    assertThat(read.covered()).doesNotContain("baseline.heuristic");
    assertThat(read.dismissed()).contains("baseline.heuristic");
    // positive control: the same words without the dismissal are a rule baseline
    assertThat(analyse("baseline", "I'd start with rules as the baseline").covered())
        .contains("baseline.heuristic");
  }

  @Test
  void saidNotNeededAnABTestIsDismissed() {
    Detection read = analyse("validation", "we don't need an A/B test");
    assertThat(read.covered()).doesNotContain("validation.ab_test");
    assertThat(read.dismissed()).contains("validation.ab_test");
    assertThat(analyse("validation", "we need an A/B test").covered())
        .contains("validation.ab_test");
  }

  @Test
  void wavingAwayAWholeSectionIsADismissalOfTheSection() {
    assertThat(analyse("monitoring", "monitoring is overkill").dismissedSections())
        .containsExactly("monitoring");
    assertThat(analyse("assumptions", "No need to assume anything").dismissedSections())
        .containsExactly("assumptions");
    assertThat(analyse("monitoring", "monitoring matters: we alert on drift").dismissedSections())
        .isEmpty();
  }

  @Test
  void aNegatedRiskIsCoveredNotDismissed() {
    Detection read = analyse("data", "No leakage: only features known at checkout time.");
    assertThat(read.covered()).contains("data.leakage");
    assertThat(read.dismissed()).doesNotContain("data.leakage");
  }

  @Test
  void evidenceQuotesTheSentenceThatEarnedTheCredit() {
    Detection read =
        analyse(
            "data",
            "We use the payment history. Chargebacks are the labels and arrive 60 days later.");
    assertThat(read.evidence().get("data.label_delay"))
        .isEqualTo("Chargebacks are the labels and arrive 60 days later.");
  }

  private static java.util.SortedSet<String> on(String prompt, String section, String answer) {
    return DETECTOR.detect(answer, Optional.of(prompt), Optional.of(section));
  }

  @Test
  void aRuleBaselineOfMedianPricesOfSimilarListingsIsAHeuristic() {
    assertThat(on("dynamic-pricing", "baseline", "median of similar listings nearby"))
        .contains("baseline.heuristic");
  }

  @Test
  void skippingTheBaselineToGoStraightToXgboostIsNoSimpleModelBaseline() {
    Detection read =
        DETECTOR.analyse(
            "skip the baseline, go straight to XGBoost",
            Optional.of("fraud-checkout"),
            Optional.of("baseline"));
    assertThat(read.covered()).doesNotContain("baseline.simple_model");
    assertThat(read.dismissedSections()).contains("baseline");
    // positive control
    assertThat(on("fraud-checkout", "baseline", "start with XGBoost as the baseline"))
        .contains("baseline.simple_model");
  }

  @Test
  void aFalsePositiveCostIsAnErrorCostNotALabelSource() {
    assertThat(on("fraud-checkout", "decision", "the false positive cost is a lost sale"))
        .contains("decision.error_costs")
        .doesNotContain("data.label_source");
  }

  @Test
  void aDecisionAnswerThatNeverMentionsLabelsEarnsNoLabelConcept() {
    assertThat(
            on(
                "fraud-checkout",
                "decision",
                "We block the payment, approve it, or send it to manual review; the risk team owns"
                    + " the queue."))
        .doesNotContain("data.label_noise", "data.label_source")
        .contains("decision.action", "decision.human_review");
    // positive control: the same answer naming where labels come from earns the label source
    assertThat(
            on(
                "fraud-checkout",
                "decision",
                "We block the payment or send it to manual review; the reviewers' verdicts become"
                    + " our labels."))
        .contains("data.label_source");
  }

  @Test
  void definingChurnIsTheLabelSource() {
    assertThat(
            on(
                "churn-prediction",
                "data",
                "Churn is a cancellation of a monthly plan or an annual plan that is not renewed;"
                    + " that is the label."))
        .contains("data.label_source");
  }

  @Test
  void onlySeeingTheChosenPriceMeansBiasedLabels() {
    assertThat(
            on(
                "dynamic-pricing",
                "data",
                "We only see the price the host picked, so there is no counterfactual for the"
                    + " prices they didn't choose."))
        .contains("data.label_noise");
  }

  @Test
  void stockoutsCensorDemand() {
    assertThat(
            on(
                "demand-forecasting",
                "data",
                "Sales are not demand: when an item sells out, the sales that day understate what"
                    + " people wanted, so stockout days are censored."))
        .contains("data.label_noise");
  }

  @Test
  void freshStockAndForecastErrorAreNotFeatureFreshnessOrServiceHealth() {
    assertThat(
            on(
                "demand-forecasting",
                "decision",
                "over-forecasting wastes fresh stock, under-forecasting means empty shelves"))
        .doesNotContain("data.freshness");
    assertThat(
            on(
                "demand-forecasting",
                "monitoring",
                "Track forecast error weekly per region and alert when WAPE drifts."))
        .doesNotContain("monitoring.service_health")
        .contains("monitoring.alerting");
    // positive controls
    assertThat(on("fraud-checkout", "data", "features must be fresh within a minute"))
        .contains("data.freshness");
    assertThat(on("fraud-checkout", "monitoring", "we alert on API errors and timeouts"))
        .contains("monitoring.service_health");
  }
}
