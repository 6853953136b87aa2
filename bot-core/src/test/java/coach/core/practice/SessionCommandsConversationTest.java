package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
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
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The session commands at their edges: without a session, right after one ended and an hour later,
 * {@code next} within and at the end of the grace after an automatic move, {@code hint} and {@code
 * resume} in each state, and the missed concepts {@code next} records.
 */
class SessionCommandsConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Prompt FRAUD = CURRICULUM.prompt("fraud-checkout").orElseThrow();
  private static final String ALL_DECISION =
      "decision.action decision.user decision.goal decision.error_costs decision.human_review";

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

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }

  @Test
  void everySessionCommandWithoutASessionSaysSoAndStartsNothing() {
    Map<String, String> verbs =
        Map.of(
            "next", "move on from",
            "skip", "skip",
            "back", "go back in",
            "hint", "give a hint for",
            "pause", "pause",
            "stop", "stop");
    verbs.forEach(
        (command, verb) ->
            assertThat(kim.say(command))
                .as(command)
                .isEqualTo(
                    "There's no practice session to "
                        + verb
                        + ". Say `practice` to start one (I'll pick a prompt), or `prompts` to"
                        + " choose."));
    assertThat(kim.say("resume"))
        .isEqualTo(
            "There's nothing to resume. Say `practice` to start a session, or `prompts` to choose"
                + " a scenario.");
    assertThat(rows("SELECT id FROM practice_sessions")).isEmpty();
  }

  @Test
  void aSessionThatEndedIsNamedForAnHourThenNoLonger() {
    kim.say("practice fraud-checkout");
    kim.say("stop");
    clock.advance(Duration.ofMinutes(59));
    assertThat(kim.say("next"))
        .isEqualTo(
            "Your session on "
                + FRAUD.title()
                + " has ended. Say `stop` to see its scorecard again, or `practice` to start"
                + " another.");
    assertThat(kim.say("stop"))
        .contains("That session had already ended; here is its scorecard again.")
        .contains("Session stopped. Scorecard: " + FRAUD.title());

    clock.advance(Duration.ofMinutes(1)); // an hour to the millisecond: no longer "just ended"
    assertThat(kim.say("next")).startsWith("There's no practice session to move on from.");
    assertThat(kim.say("stop")).startsWith("There's no practice session to stop.");
  }

  /** Answers until the interviewer moves on by itself from the first section. */
  private void autoMoveToSectionTwo() {
    kim.say("practice fraud-checkout");
    kim.say("decision.action");
    kim.say("nothing more");
    assertThat(kim.say("still nothing"))
        .contains("Moving on from " + CURRICULUM.section(0).title() + ". Section 2 of 10");
  }

  @Test
  void aNextOrSkipIsHeldForTenSecondsAfterAnAutomaticMoveAndNotAMomentLonger() {
    autoMoveToSectionTwo();
    clock.advance(Duration.ofMillis(9_999));
    assertThat(kim.say("skip"))
        .contains("I had just moved on to Section 2 of 10: " + CURRICULUM.section(1).title())
        .contains("say `skip` again to skip it.");
    assertThat(rows("SELECT current_section FROM practice_sessions"))
        .containsExactly(Map.of("current_section", "assumptions"));

    Conversation lea =
        new Conversation(
            new Coach(
                database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC")),
            new Sender(UserId.console("lea"), "lea"));
    lea.say("practice fraud-checkout");
    lea.say("decision.action");
    lea.say("nothing more");
    lea.say("still nothing");
    clock.advance(Duration.ofSeconds(10));
    assertThat(lea.say("next")).contains("Section 3 of 10").doesNotContain("I had just moved");
  }

  @Test
  void theLastAutomaticMoveSaysItWasTheLastSectionAndEndsWithTheScorecard() {
    kim.say("practice fraud-checkout");
    for (int i = 0; i < 9; i++) {
      kim.say("next");
    }
    kim.say("nothing");
    kim.say("nothing more");
    assertThat(kim.say("still nothing"))
        .contains(
            "Moving on from " + CURRICULUM.section(9).title() + ". That was the last section.")
        .contains("Scorecard: " + FRAUD.title());
    assertThat(rows("SELECT state FROM practice_sessions"))
        .containsExactly(Map.of("state", "completed"));
  }

  @Test
  void nextWithAFollowUpPendingRecordsItsConceptAsMissed() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("decision.action"))
        .contains("Follow-up: " + FRAUD.followup(concept("decision.user")));
    kim.say("next");
    assertThat(
            rows(
                "SELECT concept_id, CASE WHEN answer_id IS NULL THEN 1 ELSE 0 END AS by_command"
                    + " FROM coverage_events"
                    + " WHERE outcome = 'missed'"))
        .containsExactly(Map.of("concept_id", "decision.user", "by_command", 1));
  }

  @Test
  void nextAfterAPushBackRecordsTheDismissedConceptAsMissed() {
    Conversation sam =
        new Conversation(
            new Coach(
                database,
                CURRICULUM,
                LexicalCoverageDetector.create(CURRICULUM),
                clock,
                ZoneId.of("UTC")),
            new Sender(UserId.console("sam"), "sam"));
    sam.say("practice feed-recommendations");
    for (int i = 0; i < 7; i++) {
      clock.advance(Duration.ofMinutes(1));
      sam.say("next");
    }
    assertThat(sam.say("we don't need an A/B test"))
        .contains(
            "Red flag: that waves away "
                + Character.toLowerCase(concept("validation.ab_test").name().charAt(0))
                + concept("validation.ab_test").name().substring(1)
                + ".");
    assertThat(sam.say("next"))
        .contains("Leaving out " + concept("validation.ab_test").name() + ": it counts as missed.");
    assertThat(
            rows(
                "SELECT concept_id FROM coverage_events WHERE user_id = 'console:sam'"
                    + " AND outcome = 'missed' AND answer_id IS NULL"))
        .containsExactly(Map.of("concept_id", "validation.ab_test"));
  }

  @Test
  void hintNamesThePendingFollowUpOrOffersTheMostImportantGapWithItsQuestion() {
    kim.say("practice fraud-checkout");
    Concept action = concept("decision.action");
    String fresh = kim.say("hint");
    assertThat(fresh)
        .startsWith("Hint: " + action.name())
        .contains(FRAUD.hint(action))
        .contains("Learn more: " + action.refs().get(0).describe())
        .contains("Or answer this: " + FRAUD.followup(action));

    kim.say("decision.action");
    Concept user = concept("decision.user");
    assertThat(kim.say("hint")).startsWith("Hint: " + user.name()).doesNotContain("Or answer this");
  }

  @Test
  void hintSaysASectionIsCoveredAndPointsAtTheDeeperQuestionOnceAsked() {
    kim.say("practice fraud-checkout");
    // the decision section and all of the assumptions section in one answer
    String assumptions =
        CURRICULUM.conceptsOf(CURRICULUM.section(1), FRAUD).stream()
            .map(Concept::id)
            .reduce("", (a, b) -> a + " " + b);
    assertThat(kim.say(ALL_DECISION + assumptions)).contains("Going deeper: ");
    assertThat(kim.say("hint"))
        .isEqualTo(
            "You've already covered everything I look for in "
                + CURRICULUM.section(0).title()
                + ". Answer the deeper question above, or say `next` when you're ready.");
    kim.say("next");
    assertThat(kim.say("hint"))
        .isEqualTo(
            "You've already covered everything I look for in "
                + CURRICULUM.section(1).title()
                + ". Say `next` when you're ready.");
  }

  @Test
  void resumeStoresTheSessionAsActiveAndRepeatsWhatIsWaiting() {
    kim.say("practice fraud-checkout");
    kim.say("pause");
    assertThat(kim.say("resume"))
        .contains("Resuming " + FRAUD.title() + ".")
        .doesNotContain("here already")
        .doesNotContain("waiting for you");
    assertThat(rows("SELECT state FROM practice_sessions"))
        .containsExactly(Map.of("state", "active"));

    String depth = FRAUD.depthQuestion(CURRICULUM.section(0)).orElseThrow();
    assertThat(kim.say(ALL_DECISION)).contains("Going deeper: " + depth);
    assertThat(kim.say("pause"))
        .contains("Paused at " + CURRICULUM.section(0).title() + " of " + FRAUD.title() + ".");
    assertThat(kim.say("resume"))
        .contains("Resuming " + FRAUD.title() + " (you have 1 answer here already).")
        .contains("Deeper question waiting for you: " + depth);
  }

  @Test
  void anUnknownPromptSuggestsTheNearestIdOnlyWhenItIsClose() {
    assertThat(kim.say("practice lead-scorng"))
        .isEqualTo(
            "There's no prompt called `lead-scorng`. Did you mean `lead-scoring`? Say `prompts`"
                + " to see them all.");
    // 3 edits from fraud-checkout, and 11 characters allow 3
    assertThat(kim.say("practice fraud-check")).contains("Did you mean `fraud-checkout`?");
    // 4 edits, and 10 characters allow 3
    assertThat(kim.say("practice fraud-chec")).doesNotContain("Did you mean");
    // short ids allow 2 edits
    assertThat(kim.say("practice x")).doesNotContain("Did you mean");
    assertThat(rows("SELECT id FROM practice_sessions")).isEmpty();
  }

  @Test
  void startingAnotherPromptNamesTheSessionItCloses() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("practice nearby-places"))
        .startsWith(
            "I closed your unfinished session on " + FRAUD.title() + "; its answers are kept.");
  }

  @Test
  void backInTheFirstSectionSaysThereIsNothingBeforeIt() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("back")).isEqualTo("This is the first section; there's nothing before it.");
    assertThat(rows("SELECT current_section FROM practice_sessions"))
        .containsExactly(Map.of("current_section", "decision"));
  }

  @Test
  void editDistanceCountsInsertionsDeletionsAndSubstitutions() {
    assertThat(ConceptNames.editDistance("kitten", "sitting")).isEqualTo(3);
    assertThat(ConceptNames.editDistance("", "abc")).isEqualTo(3);
    assertThat(ConceptNames.editDistance("abc", "")).isEqualTo(3);
    assertThat(ConceptNames.editDistance("flaw", "lawn")).isEqualTo(2);
    assertThat(ConceptNames.editDistance("same", "same")).isZero();
  }

  @Test
  void aQuoteLongerThanNinetyCharactersIsCutAtAWordWithAnEllipsis() {
    assertThat(AnswerTurns.shortQuote("  we  block\n risky payments "))
        .isEqualTo("we block risky payments");
    String ninety = "a".repeat(40) + " " + "b".repeat(49);
    assertThat(AnswerTurns.shortQuote(ninety)).isEqualTo(ninety);
    String longer = "word ".repeat(30).strip();
    assertThat(AnswerTurns.shortQuote(longer))
        .isEqualTo("word ".repeat(17).strip() + "\u2026")
        .hasSizeLessThanOrEqualTo(90);
    // no space after the 40th character: cut at 88
    String unbroken = "x".repeat(100);
    assertThat(AnswerTurns.shortQuote(unbroken)).isEqualTo("x".repeat(88) + "\u2026");
    // a space at the 40th character is no better
    String early = "a".repeat(40) + " " + "b".repeat(60);
    assertThat(AnswerTurns.shortQuote(early)).isEqualTo(early.substring(0, 88) + "\u2026");
  }
}
