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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code claim} and {@code contest} in every case a user meets: no session, no name, an unknown
 * name, a concept already covered, a claim that answers the pending follow-up and one that does
 * not, and which answer a correction is stored with.
 */
class CorrectionCommandsConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Prompt FRAUD = CURRICULUM.prompt("fraud-checkout").orElseThrow();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Conversation kim;

  @BeforeEach
  void open() {
    database = TestDatabases.sqlite(folder);
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

  private static String name(String conceptId) {
    return CURRICULUM.concept(conceptId).orElseThrow().name();
  }

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }

  @Test
  void withoutASessionThereIsNothingToClaimOrContest() {
    assertThat(kim.say("claim triggered action"))
        .startsWith("There's no practice session to claim a concept in.");
    assertThat(kim.say("contest triggered action"))
        .startsWith("There's no practice session to contest a credit in.");
    assertThat(rows("SELECT id FROM corrections")).isEmpty();
  }

  @Test
  void aClaimWithoutANameListsWhatIsStillOpenTheFocusFirst() {
    kim.say("practice fraud-checkout");
    // fraud's focus puts the triggered action first; the rest follow the curriculum
    assertThat(kim.say("claim"))
        .isEqualTo(
            "Which concept did you cover? Name it after `claim`.\nStill open in "
                + CURRICULUM.section(0).title()
                + ": `claim triggered action`, `claim user of the output`, `claim business goal`,"
                + " `claim cost of mistakes`, `claim human in the loop`.");
    assertThat(kim.say("claim quantum blockchain"))
        .startsWith("I don't know a concept called \u201cquantum blockchain\u201d.");
    assertThat(rows("SELECT id FROM corrections")).isEmpty();
  }

  @Test
  void whenTheSectionIsCoveredAClaimSaysSoAndACoveredConceptIsNotClaimedAgain() {
    kim.say("practice fraud-checkout");
    kim.say(
        "decision.action decision.user decision.goal decision.error_costs decision.human_review");
    assertThat(kim.say("claim"))
        .endsWith(
            "Every concept of " + CURRICULUM.section(0).title() + " already counts as covered.");
    assertThat(kim.say("claim triggered action"))
        .isEqualTo(name("decision.action") + " already counts as covered in this session.");
    assertThat(rows("SELECT id FROM corrections")).isEmpty();
  }

  @Test
  void aClaimIsStoredWithTheLatestAnswerNotAQuestion() {
    kim.say("practice fraud-checkout");
    kim.sayWithId("answer-1", "we block: decision.action");
    clock.advance(Duration.ofSeconds(30));
    kim.sayWithId("answer-2", "and the risk team reads it: decision.user");
    clock.advance(Duration.ofSeconds(30));
    kim.sayWithId("question-1", "What's the latency budget?");
    kim.say("claim cost of mistakes");
    assertThat(
            rows(
                "SELECT a.text, c.concept_id, c.verdict FROM corrections c"
                    + " JOIN answers a ON a.id = c.answer_id"))
        .containsExactly(
            Map.of(
                "text", "and the risk team reads it: decision.user",
                "concept_id", "decision.error_costs",
                "verdict", "claimed"));
  }

  @Test
  void claimingThePendingFollowUpAnswersItAndClaimingAnotherConceptDoesNot() {
    kim.say("practice fraud-checkout");
    Concept user = CURRICULUM.concept("decision.user").orElseThrow();
    Concept goal = CURRICULUM.concept("decision.goal").orElseThrow();
    assertThat(kim.say("decision.action")).contains("Follow-up: " + FRAUD.followup(user));

    String other = kim.say("claim business goal");
    assertThat(other)
        .isEqualTo(
            "Counted "
                + goal.name()
                + " as covered (self-reported). I keep your answer with this correction so the"
                + " detector can learn from it.");
    assertThat(kim.say("hint")).as("the follow-up still waits").startsWith("Hint: " + user.name());

    String pending = kim.say("claim");
    assertThat(pending)
        .startsWith("Counted " + user.name() + " as covered (self-reported).")
        .as("the section goes on: the next gap is asked")
        .contains("Follow-up: " + FRAUD.followup(CURRICULUM.concept("decision.error_costs").get()));
    assertThat(rows("SELECT concept_id FROM coverage_events WHERE self_reported = 1"))
        .extracting(r -> r.get("concept_id"))
        .containsExactlyInAnyOrder("decision.goal", "decision.user");
  }

  @Test
  void aContestNeedsOneOfTheSessionsCredits() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("contest triggered action"))
        .isEqualTo("Nothing counts as covered in this session yet, so there's nothing to contest.");
    kim.say("decision.action and decision.goal");
    String credits =
        "Say `contest` and its name; this session's credits are: "
            + name("decision.goal")
            + ", "
            + name("decision.action")
            + ".";
    assertThat(kim.say("contest")).isEqualTo("Which credit isn't what you meant? " + credits);
    assertThat(kim.say("contest human in the loop"))
        .isEqualTo("\u201chuman in the loop\u201d isn't one of this session's credits. " + credits);
    assertThat(rows("SELECT id FROM corrections")).isEmpty();
  }
}
