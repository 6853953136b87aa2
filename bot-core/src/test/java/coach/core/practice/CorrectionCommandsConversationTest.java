package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
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
 * not, a name given in part or misspelt, the button that claims a follow-up, which answer a
 * correction is stored with, and the labelled lines {@code corrections export} makes of them.
 */
class CorrectionCommandsConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Prompt FRAUD = CURRICULUM.prompt("fraud-checkout").orElseThrow();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Coach coach;
  private Conversation kim;

  @BeforeEach
  void open() {
    database = TestDatabases.open(folder);
    coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    kim = new Conversation(coach, new Sender(UserId.console("kim"), "kim"));
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

  @Test
  void aConceptIsFoundByPartOfItsNameOrWithTwoTypos() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("claim mistakes"))
        .as("the only concept whose name contains the word")
        .startsWith("Counted " + name("decision.error_costs") + " as covered (self-reported).");
    assertThat(kim.say("claim busines gol"))
        .as("two letters off, as many as a short name allows")
        .startsWith("Counted " + name("decision.goal") + " as covered (self-reported).");
    assertThat(rows("SELECT concept_id FROM corrections ORDER BY created_at, concept_id"))
        .extracting(r -> r.get("concept_id"))
        .containsExactlyInAnyOrder("decision.error_costs", "decision.goal");
  }

  @Test
  void theFollowUpOffersAButtonThatClaimsIt() {
    kim.say("practice fraud-checkout");
    Reply followUp = kim.reply(new Inbound.Message(kim.sender(), "a-1", "decision.action")).get();
    assertThat(followUp.plainText())
        .contains("Follow-up: " + FRAUD.followup(CURRICULUM.concept("decision.user").get()));
    String button = PracticeReplies.CLAIM_PREFIX + "decision.user";
    assertThat(followUp.blocks())
        .filteredOn(Reply.Block.Choices.class::isInstance)
        .map(b -> ((Reply.Block.Choices) b).choices())
        .singleElement()
        .satisfies(
            choices ->
                assertThat(choices).contains(new Reply.Block.Choice(button, "I covered that")));
    assertThat(kim.press(button).orElseThrow().plainText())
        .startsWith("Counted " + name("decision.user") + " as covered (self-reported).");
  }

  /**
   * A claim goes with the latest answer, a contest with the latest answer that earned the credit;
   * the export labels each corrected answer with what it covers by the user's word. A claim made
   * before any answer belongs to no answer and is not exported.
   */
  @Test
  void correctionsAreStoredWithTheirAnswersAndExportedAsLabelledAnswers() {
    kim.say("practice fraud-checkout");
    kim.say("claim human in the loop");
    clock.advance(Duration.ofSeconds(10));
    kim.sayWithId("answer-1", "we block, and analysts read it: decision.action decision.user");
    clock.advance(Duration.ofSeconds(10));
    kim.sayWithId("answer-2", "to cut losses: decision.action decision.goal");
    clock.advance(Duration.ofSeconds(10));
    kim.say("What's the latency budget?");
    clock.advance(Duration.ofSeconds(10));
    kim.say("claim cost of mistakes");
    clock.advance(Duration.ofSeconds(10));
    kim.say("contest user of the output");
    clock.advance(Duration.ofSeconds(10));
    kim.say("contest triggered action");

    String first = "we block, and analysts read it: decision.action decision.user";
    String second = "to cut losses: decision.action decision.goal";
    assertThat(
            rows(
                "SELECT c.concept_id, c.verdict, a.text FROM corrections c"
                    + " LEFT JOIN answers a ON a.id = c.answer_id ORDER BY c.created_at"))
        .extracting(r -> r.get("concept_id") + " " + r.get("verdict") + " / " + r.get("text"))
        .containsExactly(
            "decision.human_review claimed / null",
            "decision.error_costs claimed / " + second,
            "decision.user contested / " + first,
            "decision.action contested / " + second);

    assertThat(coach.correctionsExport())
        .extracting(l -> l.prompt() + " " + l.section() + " " + l.answer() + " -> " + l.expected())
        .containsExactly(
            "fraud-checkout decision " + second + " -> [decision.error_costs, decision.goal]",
            "fraud-checkout decision " + first + " -> [decision.action]");
  }
}
