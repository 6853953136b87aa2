package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import java.util.Optional;
import java.util.SortedSet;
import org.junit.jupiter.api.Test;

/**
 * What the detector must not credit: dismissed practices, negations, what the speaker does not
 * know, counterfactuals, anecdotes and homonyms. Each test also has positive controls, close
 * wordings that are credited, so a detector that credits nothing fails it.
 */
class LexicalCoverageNegationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final LexicalCoverageDetector DETECTOR =
      LexicalCoverageDetector.create(CURRICULUM);

  private static SortedSet<String> detect(String section, String answer) {
    return DETECTOR.detect(answer, Optional.of("fraud-checkout"), Optional.of(section));
  }

  @Test
  void aDismissedPracticeIsNotCovered() {
    assertThat(detect("metrics", "We can skip calibration for now."))
        .doesNotContain("metrics.calibration");
    assertThat(detect("validation", "no need for shadow mode, we go straight to production"))
        .doesNotContain("validation.shadow");
    // positive controls: the same words without the dismissal
    assertThat(detect("metrics", "We can check calibration for now."))
        .contains("metrics.calibration");
    assertThat(detect("validation", "shadow mode first, then we go to production"))
        .contains("validation.shadow");
    assertThat(detect("metrics", "I'd check calibration with a reliability curve"))
        .contains("metrics.calibration");
  }

  @Test
  void anArrowIsASequenceNotAThreshold() {
    assertThat(detect("decision", "Score -> 3 actions: approve, step-up, decline."))
        .doesNotContain("metrics.threshold")
        .contains("decision.action");
    // positive control: a score compared with a cutoff is a threshold, arrow or not
    assertThat(detect("decision", "Score above 0.9 -> decline."))
        .contains("metrics.threshold", "decision.action");
  }

  @Test
  void aDismissalWithAConditionStillNamesTheRisk() {
    assertThat(
            detect(
                "data",
                "leakage isn't a problem as long as we only use what we know at checkout time"))
        .contains("data.leakage");
  }

  @Test
  void aNegatedHomonymDoesNotVeto() {
    assertThat(detect("decision", "The goal is fewer fraud losses, not accuracy."))
        .contains("decision.goal");
    assertThat(detect("decision", "The goal of the model is accuracy."))
        .doesNotContain("decision.goal");
  }

  @Test
  void whatIsNotKnownIsNotCoveredInTheNextClauseEither() {
    assertThat(detect("decision", "I'm not 100% sure what we'd do, like whether we block them"))
        .doesNotContain("decision.action");
    assertThat(detect("fallback", "ownership TBD")).doesNotContain("fallback.ownership");
    // positive controls: the same things said as known
    assertThat(detect("decision", "We'd block them.")).contains("decision.action");
    assertThat(detect("fallback", "the risk team owns the fallback"))
        .contains("fallback.ownership");
  }

  @Test
  void aDismissedRiskIsNotCovered() {
    assertThat(detect("data", "I'd just ignore leakage here")).doesNotContain("data.leakage");
    // positive control: the same risk attended to
    assertThat(detect("data", "I'd just watch for leakage here")).contains("data.leakage");
  }

  @Test
  void notKnowingCoversNothing() {
    assertThat(
            detect("metrics", "I don't really know what calibration means here, can you explain?"))
        .isEmpty();
    assertThat(detect("validation", "not sure about shadow mode"))
        .doesNotContain("validation.shadow");
    // positive controls: the same concepts said with confidence
    assertThat(detect("metrics", "I'd check calibration here")).contains("metrics.calibration");
    assertThat(detect("validation", "shadow mode first")).contains("validation.shadow");
  }

  @Test
  void whatIsWavedAwayAfterwardsIsNotCovered() {
    assertThat(detect("baseline", "Moving averages are too simple for us, I'd skip them."))
        .doesNotContain("baseline.simple_model");
    assertThat(detect("metrics", "Calibration - we could do it but honestly no, not needed."))
        .doesNotContain("metrics.calibration");
    assertThat(detect("metrics", "I'd like something like NDCG but we can't get judgments, so no."))
        .doesNotContain("metrics.model");
    assertThat(detect("validation", "also shadow mode... no wait, that's validation."))
        .doesNotContain("validation.shadow");
    assertThat(
            detect(
                "validation", "We could ship to 1% first, but we always ship to everyone at once."))
        .doesNotContain("validation.staged_rollout");
    // positive controls: the same proposals, not waved away
    assertThat(detect("baseline", "Moving averages are simple, I'd start with them."))
        .contains("baseline.simple_model");
    assertThat(detect("metrics", "Calibration - we could do it, and honestly we should."))
        .contains("metrics.calibration");
    assertThat(detect("metrics", "I'd like something like NDCG.")).contains("metrics.model");
    assertThat(detect("validation", "also shadow mode.")).contains("validation.shadow");
    assertThat(detect("validation", "We could ship to 1% first, then to everyone."))
        .contains("validation.staged_rollout");
  }

  @Test
  void aDeniedCounterfactualCoversNothing() {
    assertThat(
            detect(
                "serving",
                "If we had a feature store we could score in real time, but we don't have one."))
        .doesNotContain("serving.online_features", "serving.mode");
    // positive control: the same design, had
    assertThat(detect("serving", "We have a feature store, so we can score in real time."))
        .contains("serving.online_features", "serving.mode");
  }

  @Test
  void conditionsAndLimitsAreNotNegations() {
    assertThat(detect("baseline", "if a learned ranker can't beat it on NDCG we stay on BM25"))
        .contains("metrics.model", "baseline.yardstick");
    assertThat(detect("metrics", "guardrail: p95 latency can't go over 150ms"))
        .contains("assumptions.latency");
    assertThat(detect("metrics", "the model must not add more than 10ms p95, that's a guardrail"))
        .contains("assumptions.latency");
  }

  @Test
  void anecdotesAndPeopleAreNotPractices() {
    assertThat(detect("validation", "I shadowed a support agent for a day last month."))
        .doesNotContain("validation.shadow");
    assertThat(detect("validation", "Years ago marketing A/B tested the checkout copy."))
        .doesNotContain("validation.ab_test");
    // positive controls: the same verbs applied to the model
    assertThat(detect("validation", "We shadow the new model for a week."))
        .contains("validation.shadow");
    assertThat(detect("validation", "We A/B test the new model on checkout."))
        .contains("validation.ab_test");
  }

  @Test
  void negationReachesTheSecondItemOfAnOrList() {
    assertThat(detect("metrics", "We won't look at calibration or thresholds, just accuracy."))
        .doesNotContain("metrics.calibration", "metrics.threshold");
    // positive control: without the negation both items count
    assertThat(detect("metrics", "We will look at calibration or thresholds, not just accuracy."))
        .contains("metrics.calibration", "metrics.threshold");
  }

  @Test
  void askingWhichSenseCoversNothing() {
    assertThat(detect("fallback", "Rollback, like the Walmart rollback deals?"))
        .doesNotContain("fallback.rollback", "assumptions.check_in");
    // positive control: the same word in the sense the outline means
    assertThat(detect("fallback", "Rollback, like going back to the previous model."))
        .contains("fallback.rollback");
  }

  @Test
  void homonymsDoNotCount() {
    assertThat(detect("model", "we are shipping a big new product feature next quarter"))
        .doesNotContain("model.features");
    assertThat(detect("data", "the shipping label printer in the warehouse is broken"))
        .doesNotContain("data.label_source", "data.label_delay", "data.label_noise");
    assertThat(detect("validation", "we ordered pizza and everyone got two slices"))
        .doesNotContain("validation.slices");
    assertThat(detect("metrics", "there was a product recall of the blenders last year"))
        .doesNotContain("metrics.model");
    assertThat(detect("fallback", "we would retrain the support agents on the new macros"))
        .doesNotContain("fallback.retraining");
    // positive controls: the same words in their ML sense
    assertThat(detect("model", "the model's features include basket size and account age"))
        .contains("model.features");
    assertThat(detect("data", "the chargeback is the label")).contains("data.label_source");
    assertThat(detect("validation", "we check the errors in slices by country"))
        .contains("validation.slices");
    assertThat(detect("metrics", "we track the recall of the model")).contains("metrics.model");
    assertThat(detect("fallback", "we would retrain the model on the new data"))
        .contains("fallback.retraining");
  }
}
