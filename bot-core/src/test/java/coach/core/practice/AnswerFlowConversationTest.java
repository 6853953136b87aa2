package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.LexicalCoverageDetector;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a message in a session does besides being graded: it resumes a paused session, a question
 * inside an answer gets the scenario's facts, what the answer left unsettled is asked first, and a
 * practice waved away again in reply to its push-back counts as missed once. (Found by mutation
 * testing: each of these could be broken without a test failing.)
 */
class AnswerFlowConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final CoverageDetector LEXICAL = LexicalCoverageDetector.create(CURRICULUM);
  private static final CoverageDetector IDS = new ConceptIdDetector(CURRICULUM);
  private static final Prompt FRAUD = CURRICULUM.prompt("fraud-checkout").orElseThrow();
  private static final String WELCOME_BACK = "Welcome back: your session is running again.";

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Coach coach;

  @AfterEach
  void closeDatabase() {
    if (database != null) {
      database.close();
    }
  }

  private Conversation user(CoverageDetector detector) {
    database = TestDatabases.open(folder);
    coach = new Coach(database, CURRICULUM, detector, clock, ZoneId.of("UTC"), 2);
    return new Conversation(coach, new Sender(UserId.console("sam"), "sam"));
  }

  private static Concept concept(String id) {
    return CURRICULUM.concept(id).orElseThrow();
  }

  private List<String> rows(String sql) {
    return TestDatabases.strings(database, sql);
  }

  private void toSection(Conversation sam, int index) {
    for (int i = 0; i < index; i++) {
      clock.advance(Duration.ofMinutes(1));
      sam.say("next");
    }
    clock.advance(Duration.ofMinutes(1));
  }

  @Test
  void anAnswerToAPausedSessionResumesItAndSaysSo() {
    Conversation sam = user(IDS);
    sam.say("practice fraud-checkout");
    assertThat(sam.say("decision.action")).doesNotContain(WELCOME_BACK);
    sam.say("pause");
    assertThat(rows("SELECT state FROM practice_sessions")).containsExactly("paused");

    assertThat(sam.say("decision.user")).startsWith(WELCOME_BACK);
    assertThat(rows("SELECT state FROM practice_sessions")).containsExactly("active");
  }

  @Test
  void aQuestionOrAClaimInAPausedSessionResumesItToo() {
    Conversation sam = user(IDS);
    sam.say("practice fraud-checkout");
    sam.say("pause");
    assertThat(sam.say("What's the latency budget?")).startsWith(WELCOME_BACK);
    assertThat(rows("SELECT state FROM practice_sessions")).containsExactly("active");

    sam.say("pause");
    assertThat(sam.say("claim business goal"))
        .startsWith("Counted " + concept("decision.goal").name() + " as covered");
    assertThat(rows("SELECT state FROM practice_sessions")).containsExactly("active");
  }

  @Test
  void aQuestionInsideAnAnswerGetsTheFactsAndTheAnswerIsGraded() {
    Conversation sam = user(LEXICAL);
    sam.say("practice fraud-checkout");
    toSection(sam, 3);
    String reply = sam.say("We train on past payments. What share of payments is fraud?");
    assertThat(reply)
        .startsWith("Noted. I didn't spot any of the outline's concepts in that yet.")
        .contains(FRAUD.fact("labels").orElseThrow().answer())
        .contains("Follow-up: ");
    assertThat(rows("SELECT kind FROM answers")).containsExactly("answer");
    assertThat(rows("SELECT concept_id FROM coverage_events WHERE outcome = 'covered'"))
        .as("an answer, not a check-in")
        .isEmpty();
  }

  /**
   * Fraud's focus ranks class imbalance before decision-time features in Data and labels, so
   * without the answer's doubt the follow-up would be about class imbalance.
   */
  @Test
  void whatTheAnswerLeftUnsettledIsAskedBeforeTheFocus() {
    Conversation sam = user(LEXICAL);
    sam.say("practice fraud-checkout");
    toSection(sam, 3);
    String reply =
        sam.say(
            "Labels are chargebacks, which take weeks. I'm not sure which signals are available"
                + " at the moment the buyer pays.");
    assertThat(reply)
        .contains(
            "Follow-up: you brought up decision-time features without settling it (\u201cI'm not"
                + " sure which signals are available at the moment the buyer pays.\u201d).")
        .contains(FRAUD.followup(concept("data.feature_availability")))
        .doesNotContain(FRAUD.followup(concept("data.class_imbalance")));
  }

  @Test
  void wavedAwayAgainInReplyToThePushBackItCountsAsMissedOnce() {
    Conversation sam = user(LEXICAL);
    sam.say("practice feed-recommendations");
    toSection(sam, 7);
    assertThat(sam.say("we don't need an A/B test")).contains("Push-back:");
    assertThat(sam.say("we really don't need an A/B test"))
        .contains("Noted: you'd leave out Online A/B test. It counts as missed for this session.");

    assertThat(rows("SELECT outcome FROM coverage_events WHERE concept_id = 'validation.ab_test'"))
        .containsExactly("missed");
    assertThat(
            coach
                .progressJson(UserId.console("sam"))
                .orElseThrow()
                .at("/concepts/validation.ab_test/times_missed")
                .asInt())
        .isEqualTo(1);
  }

  @Test
  void wavedAwayAgainLaterItCountsAsMissedASecondTime() {
    Conversation sam = user(LEXICAL);
    sam.say("practice feed-recommendations");
    toSection(sam, 7);
    assertThat(sam.say("we don't need an A/B test")).contains("Push-back:");
    // The push-back is answered with something else: the A/B test is missed once.
    sam.say("We would look at the offline metrics first.");
    assertThat(sam.say("we really don't need an A/B test"))
        .doesNotContain("Push-back:")
        .contains("Noted: you'd leave out Online A/B test. It counts as missed for this session.");

    assertThat(rows("SELECT outcome FROM coverage_events WHERE concept_id = 'validation.ab_test'"))
        .containsExactly("missed", "missed");
  }
}
