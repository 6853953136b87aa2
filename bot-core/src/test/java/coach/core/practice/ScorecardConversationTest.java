package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.Prompt;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scorecard's figures, the concepts to work on and the recommendation, worked out by hand. */
class ScorecardConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Prompt FRAUD = CURRICULUM.prompt("fraud-checkout").orElseThrow();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Conversation kim;

  @BeforeEach
  void open() {
    database = TestDatabases.open(folder);
    kim =
        new Conversation(
            new Coach(
                database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC")),
            new Sender(UserId.console("kim"), "kim"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private static Concept concept(String id) {
    return CURRICULUM.concept(id).orElseThrow();
  }

  /** "Name: why Learn more: ref." with the concept's first reference, else its section's. */
  private static String workOn(String id) {
    Concept concept = concept(id);
    var ref =
        concept.refs().isEmpty()
            ? CURRICULUM.section(concept.sectionId()).orElseThrow().refs().get(0)
            : concept.refs().get(0);
    return concept.name() + ": " + concept.why() + " Learn more: " + ref.describe() + ".";
  }

  /**
   * Covered: the triggered action and the goal (said), the cost of mistakes (claimed) and the
   * check-in (a question): 4. Missed: the user of the output (the follow-up left for {@code next}).
   * Reached: section 2. To work on, with no focus concept of sections 1 and 2 left, come the
   * uncovered concepts of those sections, the most missed first: the user of the output (which has
   * no reference of its own, so its section's), human review, then volume and scale.
   *
   * <p>Recommended: fraud is excluded; lead-scoring leads its focus with the missed user of the
   * output (gap 1 + 0.5 * 1/3) and covers none of the rest: 5.2 + 1/6 + 0.5 = 5.87, above
   * search-ranking and on-device-ml (untouched, 5.7).
   */
  @Test
  void aStoppedSessionsScorecardIsWorkedOutByHand() {
    kim.say("practice fraud-checkout");
    clock.advance(Duration.ofSeconds(40));
    assertThat(kim.say("decision.action decision.goal"))
        .contains("Follow-up: " + FRAUD.followup(concept("decision.user")));
    kim.say("claim cost of mistakes");
    kim.say("next");
    clock.advance(Duration.ofSeconds(40));
    kim.say("What's the latency budget?");
    clock.advance(Duration.ofSeconds(70)); // 2 min 30 s in all

    String card = kim.say("stop");
    Prompt lead = CURRICULUM.prompt("lead-scoring").orElseThrow();
    assertThat(card)
        .startsWith("Session stopped. Scorecard: " + FRAUD.title())
        .contains(CURRICULUM.section(0).title() + ": 3/5 covered")
        .contains(CURRICULUM.section(2).title() + ": not reached")
        .contains(
            "You covered 4 of the "
                + CURRICULUM.conceptsFor(FRAUD).size()
                + " concepts this prompt exercises in 2 minutes, over 1 answer.")
        .contains("Self-reported: Cost of mistakes (you told me you covered it).")
        .contains(
            "Work on these next:\n- "
                + workOn("decision.user")
                + "\n- "
                + workOn("decision.human_review")
                + "\n- "
                + workOn("assumptions.scale"))
        .contains("Recommended next: `practice lead-scoring` (" + lead.title() + ").");
  }

  /**
   * Stopped in section 1: the prompt's focus concept of that section comes first, then its other
   * concepts, the one this user missed before (the cost of mistakes, a follow-up left unanswered in
   * an earlier session) ahead of those never missed.
   */
  @Test
  void toWorkOnStartsWithTheCurrentSectionsFocusThenTheConceptsMissedMost() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("decision.action decision.user decision.goal"))
        .contains("Follow-up: " + FRAUD.followup(concept("decision.error_costs")));
    kim.say("decision.human_review");
    kim.say("stop");
    clock.advance(Duration.ofMinutes(1));

    kim.say("practice fraud-checkout");
    assertThat(kim.say("stop"))
        .contains(
            "Work on these next:\n- "
                + workOn("decision.action")
                + "\n- "
                + workOn("decision.error_costs")
                + "\n- "
                + workOn("decision.user")
                + "\nRecommended next:");
  }

  @Test
  void toWorkOnNeverNamesASectionNotReached() {
    kim.say("practice fraud-checkout");
    kim.say("decision.action decision.user decision.goal decision.error_costs");
    assertThat(kim.say("stop"))
        .contains(
            "\n"
                + CURRICULUM.section(0).title()
                + ": 4/5 covered\n"
                + CURRICULUM.section(1).title()
                + ": not reached\n")
        .contains("in under a minute, over 1 answer.")
        .contains(
            "Work on these next:\n- " + workOn("decision.human_review") + "\nRecommended next:");
  }

  @Test
  void timeSpentReadsInMinutesThenHours() {
    assertThat(ScorecardReplies.minutes(Duration.ofSeconds(59))).isEqualTo("under a minute");
    assertThat(ScorecardReplies.minutes(Duration.ofSeconds(60))).isEqualTo("1 minute");
    assertThat(ScorecardReplies.minutes(Duration.ofMinutes(119).plusSeconds(59)))
        .isEqualTo("119 minutes");
    assertThat(ScorecardReplies.minutes(Duration.ofMinutes(120))).isEqualTo("2 h 0 min");
    assertThat(ScorecardReplies.minutes(Duration.ofMinutes(195))).isEqualTo("3 h 15 min");
  }
}
