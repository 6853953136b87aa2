package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.LexicalCoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.RubricIds;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whole practice sessions through the chat port, with a fixed clock and a real database. The
 * detector here credits exactly the concept ids an answer spells out, so each test controls what is
 * covered.
 */
class PracticeConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final CoverageDetector DETECTOR = new ConceptIdDetector(CURRICULUM);
  private static final Prompt FRAUD = CURRICULUM.prompt("fraud-checkout").orElseThrow();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Conversation alice;

  @BeforeEach
  void openCoach() {
    database = TestDatabases.open(folder);
    alice = new Conversation(newCoach(database, 2), new Sender(UserId.console("alice"), "alice"));
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private Coach newCoach(Database db, int maxFollowups) {
    return new Coach(db, CURRICULUM, DETECTOR, clock, ZoneId.of("Europe/Berlin"), maxFollowups);
  }

  /** How many concepts of a section the prompt exercises. */
  private static int inScope(int section, String promptId) {
    return CURRICULUM
        .conceptsOf(CURRICULUM.section(section), CURRICULUM.prompt(promptId).orElseThrow())
        .size();
  }

  private static String followup(String conceptId) {
    return FRAUD.followup(CURRICULUM.concept(conceptId).orElseThrow());
  }

  @Test
  void aFullSessionAsksEverySectionInOrderAndStoresEveryAnswer() {
    String intro = alice.say("practice fraud-checkout");
    assertThat(intro)
        .contains(FRAUD.title())
        .contains("Section 1 of 10: " + CURRICULUM.section(0).title());

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(2));
      assertThat(alice.say("my answer for section " + (i + 1))).contains("Follow-up:");
      String next = alice.say("next");
      if (i < 9) {
        assertThat(next)
            .contains("Section " + (i + 2) + " of 10: " + CURRICULUM.section(i + 1).title());
      } else {
        assertThat(next).contains("Scorecard: " + FRAUD.title()).contains("in 20 minutes");
      }
    }

    List<Map<String, Object>> sessions = rows("SELECT * FROM practice_sessions");
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0))
        .containsEntry("prompt_id", "fraud-checkout")
        .containsEntry("state", "completed")
        .containsEntry("user_id", "console:alice")
        .containsEntry("ended_at", clock.instant().toEpochMilli());
    List<Map<String, Object>> answers = rows("SELECT * FROM answers ORDER BY received_at");
    assertThat(answers)
        .extracting(a -> a.get("section"))
        .containsExactlyElementsOf(RubricIds.SECTIONS);
    assertThat(answers.get(3))
        .containsEntry("text", "my answer for section 4")
        .containsEntry("kind", "answer")
        .containsEntry("received_at", Instant.parse("2026-11-25T09:08:00Z").toEpochMilli());
    assertThat(rows("SELECT time_zone FROM users"))
        .containsExactly(Map.of("time_zone", "Europe/Berlin"));
  }

  @Test
  void followUpsAskAboutMissingConceptsInOrderOfImportanceThenMoveOn() {
    alice.say("practice fraud-checkout");
    String first =
        alice.say("the score drives decision.action and the decision.user is the risk team");
    assertThat(first)
        .contains("Covered:")
        .contains(CURRICULUM.concept("decision.action").orElseThrow().name())
        .contains("Follow-up: " + followup("decision.goal"))
        .doesNotContain(followup("decision.action"))
        .doesNotContain(followup("decision.user"));

    String second = alice.say("the goal: decision.goal");
    assertThat(second).contains("Follow-up: " + followup("decision.error_costs"));

    String third = alice.say("hmm, not sure");
    assertThat(third)
        .contains("didn't spot")
        .contains("Section 2 of 10: " + CURRICULUM.section(1).title());

    assertThat(rows("SELECT kind FROM answers ORDER BY received_at, kind"))
        .extracting(r -> r.get("kind"))
        .containsExactlyInAnyOrder("answer", "followup", "followup");
    assertThat(rows("SELECT concept_id FROM coverage_events WHERE outcome = 'missed'"))
        .containsExactly(Map.of("concept_id", "decision.error_costs"));
  }

  @Test
  void theNumberOfFollowUpsIsConfigurable() {
    Conversation direct =
        new Conversation(newCoach(database, 0), new Sender(UserId.console("dora"), "dora"));
    direct.say("practice fraud-checkout");
    assertThat(direct.say("block or approve"))
        .doesNotContain("Follow-up")
        .contains("Section 2 of 10");
  }

  @Test
  void aClarifyingQuestionIsAnsweredFromTheFactsAndNotTakenAsAnAnswer() {
    alice.say("practice fraud-checkout");
    String latencyFact = FRAUD.fact("latency").orElseThrow().answer();
    String reply = alice.say("What's the latency budget for scoring a payment?");
    assertThat(reply)
        .contains(latencyFact)
        .contains("checking your assumptions")
        .doesNotContain("Follow-up");
    assertThat(rows("SELECT kind, section FROM answers"))
        .containsExactly(Map.of("kind", "question", "section", "decision"));
    assertThat(rows("SELECT concept_id FROM coverage_events"))
        .containsExactly(Map.of("concept_id", "assumptions.check_in"));
    assertThat(rows("SELECT current_section FROM practice_sessions"))
        .containsExactly(Map.of("current_section", "decision"));

    assertThat(alice.say("How many payments a day do we see?"))
        .contains(FRAUD.fact("scale").orElseThrow().answer());
    assertThat(alice.say("Do you like jazz?")).contains("state the assumption you'd make");
  }

  @Test
  void skipRecordsTheSectionsUncoveredConceptsAsMissed() {
    alice.say("practice fraud-checkout");
    alice.say("decision.user and decision.goal");
    assertThat(alice.say("skip"))
        .contains("Skipped " + CURRICULUM.section(0).title())
        .contains("Section 2 of 10");
    assertThat(
            rows(
                "SELECT concept_id FROM coverage_events WHERE outcome = 'missed' ORDER BY concept_id"))
        .extracting(r -> r.get("concept_id"))
        .containsExactly("decision.action", "decision.error_costs", "decision.human_review");
  }

  @Test
  void aSessionSurvivesARestartAtTheSameSectionWithEarlierAnswersKept() {
    alice.say("practice churn-prediction");
    alice.say("the CS team acts on a daily list");
    alice.say("next");
    alice.say("about 2 million customers");
    database.close();

    database = TestDatabases.open(folder);
    Conversation again = new Conversation(newCoach(database, 2), alice.sender());
    assertThat(again.say("resume"))
        .contains("Resuming")
        .contains("1 answer here already")
        .contains("Section 2 of 10: " + CURRICULUM.section(1).title())
        .contains("Follow-up waiting for you");
    again.say("and the list is due by 8am");
    assertThat(rows("SELECT section, text FROM answers"))
        .extracting(r -> r.get("section") + ": " + r.get("text"))
        .containsExactlyInAnyOrder(
            "decision: the CS team acts on a daily list",
            "assumptions: about 2 million customers",
            "assumptions: and the list is due by 8am");
  }

  @Test
  void anAnswerAfterARestartContinuesWithoutResume() {
    alice.say("practice lead-scoring");
    database.close();
    database = TestDatabases.open(folder);
    Conversation again = new Conversation(newCoach(database, 2), alice.sender());
    assertThat(again.say("sales reps work the top of the list")).contains("Follow-up:");
    assertThat(rows("SELECT section FROM answers")).containsExactly(Map.of("section", "decision"));
  }

  @Test
  void backPauseResumeAndStop() {
    alice.say("practice search-ranking");
    alice.say("people searching the shop");
    alice.say("next");
    assertThat(alice.say("back"))
        .contains("Back to " + CURRICULUM.section(0).title())
        .contains("Section 1 of 10");
    alice.say("and the goal is more purchases from search");
    assertThat(alice.say("pause")).contains("Paused at " + CURRICULUM.section(0).title());
    assertThat(rows("SELECT state FROM practice_sessions"))
        .containsExactly(Map.of("state", "paused"));

    clock.advance(Duration.ofDays(3));
    assertThat(alice.say("resume")).contains("2 answers here already").contains("Section 1 of 10");
    alice.say("next");
    String summary = alice.say("stop");
    assertThat(summary)
        .contains("Session stopped. Scorecard")
        .contains(
            CURRICULUM.section(0).title() + ": 0/" + inScope(0, "search-ranking") + " covered")
        .contains(
            CURRICULUM.section(1).title()
                + ": 0/"
                + inScope(1, "search-ranking")
                + " covered (no answer)")
        .contains(CURRICULUM.section(2).title() + ": not reached")
        .contains("in 72 h 0 min")
        .doesNotContain("null");
    assertThat(rows("SELECT state FROM practice_sessions"))
        .containsExactly(Map.of("state", "stopped"));
    assertThat(alice.say("next")).contains("has ended").contains("`stop`");
    assertThat(alice.say("an answer with no session")).contains("haven't saved that");
  }

  @Test
  void theScorecardNamesWhatToWorkOnAndOffersTheNextPrompt() {
    alice.say("practice fraud-checkout");
    // everything in the first section covered: no follow-up, one depth question, then on
    assertThat(
            alice.say(
                "decision.action decision.user decision.goal decision.error_costs"
                    + " decision.human_review"))
        .contains("Going deeper: " + FRAUD.depthQuestion(CURRICULUM.section(0)).orElseThrow())
        .doesNotContain("Follow-up");
    assertThat(alice.say("we would think about that"))
        .contains("That covers " + CURRICULUM.section(0).title() + ". Section 2 of 10");
    clock.advance(Duration.ofMinutes(1));
    for (int i = 2; i < 10; i++) {
      alice.say("next");
    }
    var scorecard = alice.press("practice:next").orElseThrow();
    assertThat(scorecard.endsSession()).isTrue();
    String text = scorecard.plainText();
    assertThat(text)
        .contains("Scorecard: " + FRAUD.title())
        .contains(CURRICULUM.section(0).title() + ": 5/5 covered")
        .contains(
            CURRICULUM.section(3).title()
                + ": 0/"
                + CURRICULUM.conceptsOf(CURRICULUM.section(3), FRAUD).size()
                + " covered (no answer)")
        .contains("Work on these next:")
        .contains(CURRICULUM.concept("data.label_delay").orElseThrow().name() + ": ")
        .contains("Learn more: ")
        .contains("Recommended next: `practice ");
    assertThat(text).doesNotContain("Recommended next: `practice fraud-checkout`");
    assertThat(scorecard.blocks())
        .anySatisfy(
            block ->
                assertThat(block.plainText()).startsWith("[Start ").doesNotContain(FRAUD.title()));
  }

  @Test
  void hintPointsAtThePendingFollowUp() {
    alice.say("practice fraud-checkout");
    alice.say("decision.action");
    String hint = alice.say("hint");
    assertThat(hint)
        .startsWith("Hint: " + CURRICULUM.concept("decision.user").orElseThrow().name());
    assertThat(hint).contains(FRAUD.hint(CURRICULUM.concept("decision.user").orElseThrow()));
  }

  @Test
  void startingAnotherPromptClosesTheOpenSessionAndKeepsItsAnswers() {
    alice.say("practice fraud-checkout");
    alice.say("block or approve");
    assertThat(alice.say("practice nearby-places")).contains("I closed your unfinished session");
    assertThat(rows("SELECT prompt_id, state FROM practice_sessions ORDER BY state"))
        .containsExactly(
            Map.of("prompt_id", "nearby-places", "state", "active"),
            Map.of("prompt_id", "fraud-checkout", "state", "stopped"));
    assertThat(rows("SELECT CAST(count(*) AS INTEGER) AS n FROM answers"))
        .containsExactly(Map.of("n", 1));
  }

  /**
   * After a stopped fraud-checkout session (recent, so never picked) every other prompt scores the
   * same for a user with no history, and the first in the curriculum wins: feed-recommendations.
   * Covering feed's top three focus concepts (cold start, two stages, the goal) halves their gap,
   * so feed drops to 5.2 - 0.5 * (1.0 + 0.9 + 0.8) + 0.5 = 4.35 and nearby-places (the goal and
   * cold start) to 4.9, while churn-prediction, none of whose focus concepts is covered, keeps 5.2
   * + 0.5 = 5.7 and comes first of those tied there.
   */
  @Test
  void practiceWithoutAPromptRecommendsOneTowardsTheUsersGaps() {
    Prompt feed = CURRICULUM.prompt("feed-recommendations").orElseThrow();
    Prompt churn = CURRICULUM.prompt("churn-prediction").orElseThrow();
    Conversation bob =
        new Conversation(newCoach(database, 2), new Sender(UserId.console("bob"), "bob"));
    bob.say("practice fraud-checkout");
    bob.say("stop");
    assertThat(bob.say("practice")).as("no gaps known: the first prompt").contains(feed.title());

    alice.say("practice fraud-checkout");
    alice.say("model.cold_start, model.two_stage and decision.goal");
    alice.say("stop");

    String intro = alice.say("practice");
    assertThat(intro)
        .contains(churn.title())
        .contains(churn.brief())
        .contains("Section 1 of 10: " + CURRICULUM.section(0).title());
    assertThat(
            rows("SELECT prompt_id, state FROM practice_sessions WHERE user_id = 'console:alice'"))
        .containsExactlyInAnyOrder(
            Map.of("prompt_id", "fraud-checkout", "state", "stopped"),
            Map.of("prompt_id", "churn-prediction", "state", "active"));
  }

  @Test
  void buttonsActLikeTheirWords() {
    alice.press("practice:start:ticket-triage");
    assertThat(alice.press("practice:next").orElseThrow().plainText()).contains("Section 2 of 10");
    assertThat(alice.press("practice:nonsense").orElseThrow().plainText())
        .contains("doesn't do anything");
  }

  @Test
  void helpAndPromptsListEverything() {
    String help = alice.say("help");
    for (var word : coach.core.chat.CommandWord.values()) {
      assertThat(help).contains("`" + word.word() + "`");
    }
    String prompts = alice.say("/prompts");
    CURRICULUM.prompts().forEach(p -> assertThat(prompts).contains("`" + p.id() + "`"));
  }

  @Test
  void theRealDetectorsFindingsAreShownAndStoredPerUser() {
    Coach withRealDetector =
        new Coach(
            database,
            CURRICULUM,
            LexicalCoverageDetector.create(CURRICULUM),
            clock,
            ZoneId.of("UTC"));
    Conversation bob = new Conversation(withRealDetector, new Sender(UserId.console("bob"), "bob"));
    bob.say("practice fraud-checkout");
    bob.say("next");
    bob.say("next");
    String reply =
        bob.say(
            "Chargebacks are our labels, and they only arrive 30 to 90 days after the payment.");
    assertThat(reply)
        .contains("Covered:")
        .contains(CURRICULUM.concept("data.label_delay").orElseThrow().name())
        .contains(CURRICULUM.concept("data.label_source").orElseThrow().name());
    assertThat(rows("SELECT concept_id FROM answer_concepts ORDER BY concept_id"))
        .extracting(r -> r.get("concept_id"))
        .contains("data.label_delay", "data.label_source");
    assertThat(
            rows(
                "SELECT DISTINCT user_id, outcome FROM coverage_events WHERE concept_id ="
                    + " 'data.label_delay'"))
        .containsExactly(Map.of("user_id", "console:bob", "outcome", "covered"));
  }

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }
}
