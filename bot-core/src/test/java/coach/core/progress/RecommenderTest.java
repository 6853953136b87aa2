package coach.core.progress;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The next prompt, worked out by hand on the shipped curriculum. A prompt scores the sum over its
 * focus concepts of weight times gap (weights 1.0, 0.9, ... down to 0.3), plus 0.5 if the user has
 * never started it, minus 100 if it is one of their last three. With no history every gap is 1:
 * fraud-checkout (nine focus concepts) scores 5.5 + 0.5 = 6.0, every other prompt (eight) 5.2 + 0.5
 * = 5.7, and ties go to the earlier prompt.
 */
class RecommenderTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private final Recommender recommender = new Recommender(CURRICULUM);

  private static ConceptStats covered(int times) {
    return new ConceptStats(times, 0, 0, 0, 0, Optional.empty(), Optional.empty());
  }

  private static ConceptStats missed(int times) {
    return new ConceptStats(0, times, 0, 0, 0, Optional.empty(), Optional.empty());
  }

  private String next(Map<String, ConceptStats> stats, List<String> recent, String exclude) {
    return recommender.next(stats, recent, Optional.ofNullable(exclude)).id();
  }

  @Test
  void theGapIsOneForANewConceptLessTheMoreItWasCoveredAndMoreForMissesUpToThree() {
    assertThat(Recommender.gap(ConceptStats.NONE)).isEqualTo(1.0);
    assertThat(Recommender.gap(covered(1))).isEqualTo(0.5);
    assertThat(Recommender.gap(covered(3))).isEqualTo(0.25);
    assertThat(Recommender.gap(missed(1))).isCloseTo(1 + 0.5 / 3, within(1e-12));
    assertThat(Recommender.gap(missed(3))).isEqualTo(1.5);
    assertThat(Recommender.gap(missed(7))).as("three misses at most").isEqualTo(1.5);
    assertThat(Recommender.gap(new ConceptStats(1, 2, 0, 0, 0, Optional.empty(), Optional.empty())))
        .isCloseTo(0.5 + 1.0 / 3, within(1e-12));
  }

  @Test
  void withNoHistoryTheLongestFocusWinsThenTheEarliestPrompt() {
    assertThat(next(Map.of(), List.of(), null)).isEqualTo("fraud-checkout");
    assertThat(next(Map.of(), List.of(), "fraud-checkout")).isEqualTo("feed-recommendations");
  }

  @Test
  void theLastThreePromptsAreNotRecommendedAndOnesStartedBeforeLoseTheirBonus() {
    // newest first: fraud, feed and nearby are recent; churn was done before them and scores
    // 5.2 without the bonus, below lead-scoring's 5.7
    assertThat(
            next(
                Map.of(),
                List.of(
                    "fraud-checkout", "feed-recommendations", "nearby-places", "churn-prediction"),
                null))
        .isEqualTo("lead-scoring");
    // fraud, started before the last three, may come again, but without the bonus its 5.5 is
    // below lead-scoring's 5.7
    assertThat(
            next(
                Map.of(),
                List.of(
                    "feed-recommendations", "nearby-places", "churn-prediction", "fraud-checkout"),
                null))
        .isEqualTo("lead-scoring");
  }

  @Test
  void aMissedConceptPullsUpThePromptsThatFocusOnIt() {
    // on-device-ml leads with serving.edge: 5.2 + 0.5 (missed three times) + 0.5 = 6.2 > 6.0
    assertThat(next(Map.of("serving.edge", missed(3)), List.of(), null)).isEqualTo("on-device-ml");
    // once: 5.2 + 1/6 + 0.5 = 5.87 < 6.0
    assertThat(next(Map.of("serving.edge", missed(1)), List.of(), null))
        .isEqualTo("fraud-checkout");
  }

  @Test
  void aCoveredConceptPushesDownThePromptsThatFocusOnIt() {
    // fraud's third focus concept covered once: 6.0 - 0.8 * 0.5 = 5.6 < 5.7 for feed
    assertThat(next(Map.of("decision.action", covered(1)), List.of(), null))
        .isEqualTo("feed-recommendations");
  }

  @Test
  void theGapsAPromptWorksOnAreItsFocusConceptsWithTheWidestGapsFromOneHalfUp() {
    var feed = CURRICULUM.prompt("feed-recommendations").orElseThrow();
    // feed's focus: cold start, two stages, goal, guardrails, label source, label noise,
    // A/B design, features
    Map<String, ConceptStats> stats =
        Map.of(
            "model.cold_start", covered(3), // 0.25: too small
            "model.two_stage", covered(1), // 0.5: just counts
            "decision.goal", covered(2),
            "metrics.guardrails", covered(2),
            "data.label_source", covered(2),
            "data.label_noise", covered(2),
            "validation.ab_design", covered(2),
            "model.features", new ConceptStats(2, 2, 0, 0, 0, Optional.empty(), Optional.empty()));
    assertThat(recommender.gapsIn(feed, stats))
        .containsExactly("model.features", "model.two_stage");
    assertThat(recommender.gapsIn(feed, Map.of()))
        .as("all equal: the first three in focus order")
        .containsExactly("model.cold_start", "model.two_stage", "decision.goal");
    assertThat(recommender.gapsIn(feed, Map.of("decision.goal", missed(3))))
        .containsExactly("decision.goal", "model.cold_start", "model.two_stage");
  }
}
