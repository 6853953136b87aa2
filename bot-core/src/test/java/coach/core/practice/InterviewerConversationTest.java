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
import coach.core.curriculum.Section;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The interviewer's behaviour that blind reviews found wanting, each quoted mistake as a regression
 * test: push-back on dismissals, announced moves, late {@code next}s, one picture of the session,
 * scenario fit, claims and contests.
 */
class InterviewerConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final CoverageDetector LEXICAL = LexicalCoverageDetector.create(CURRICULUM);
  private static final CoverageDetector IDS = new ConceptIdDetector(CURRICULUM);

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

  private static Prompt prompt(String id) {
    return CURRICULUM.prompt(id).orElseThrow();
  }

  private static Concept concept(String id) {
    return CURRICULUM.concept(id).orElseThrow();
  }

  private void toSection(Conversation sam, int index) {
    for (int i = 0; i < index; i++) {
      clock.advance(Duration.ofMinutes(1));
      sam.say("next");
    }
    clock.advance(Duration.ofMinutes(1));
  }

  @Test
  void leavingOutTheBaselineBecauseRulesAreBoringIsARedFlagNotARuleBaseline() {
    Conversation sam = user(LEXICAL);
    sam.say("practice dynamic-pricing");
    toSection(sam, 4);
    String reply = sam.say("I'd leave out the baseline honestly, rules are boring");
    assertThat(reply).doesNotContain(concept("baseline.heuristic").name() + ":");
    assertThat(reply).contains("Red flag").contains("Push-back:");
    String moved = sam.say("next");
    assertThat(moved).contains("counts as missed").contains("Section 6 of 10");
  }

  @Test
  void skipTheBaselineGoStraightToXgboostIsARedFlagNotASimpleModelBaseline() {
    Conversation sam = user(LEXICAL);
    sam.say("practice fraud-checkout");
    toSection(sam, 4);
    String reply = sam.say("skip the baseline, go straight to XGBoost");
    assertThat(reply)
        .contains("Red flag")
        .doesNotContain(concept("baseline.simple_model").name() + ":");
  }

  @Test
  void aConceptTheAnswerIsUnsureOfGetsANarrowerFollowUpFirst() {
    Conversation sam = user(LEXICAL);
    sam.say("practice fraud-checkout");
    toSection(sam, 3);
    String reply =
        sam.say("Labels are chargebacks. I'm not sure how long the chargebacks take to arrive.");
    assertThat(reply)
        .contains("Follow-up: you brought up label delay without settling it")
        .contains("how long the chargebacks take to arrive")
        .contains(prompt("fraud-checkout").followup(concept("data.label_delay")));
  }

  @Test
  void saidWeDontNeedAnABTestGetsPushedBackOnceAndNeverCredited() {
    Conversation sam = user(LEXICAL);
    sam.say("practice feed-recommendations");
    toSection(sam, 7);
    String reply = sam.say("we don't need an A/B test");
    assertThat(reply).contains("Red flag").doesNotContain("Noted.");
    assertThat(reply).doesNotContain(concept("validation.ab_test").name() + ":");
    // once: said again, it is noted as missed, not pushed back on a second time
    String again = sam.say("we really don't need an A/B test");
    assertThat(again)
        .doesNotContain("Red flag")
        .doesNotContain("Push-back:")
        .contains("It counts as missed for this session.");
    assertThat(
            rowsOf(
                "SELECT DISTINCT outcome FROM coverage_events WHERE concept_id ="
                    + " 'validation.ab_test'"))
        .containsExactly("missed");
  }

  @Test
  void monitoringIsOverkillAndNoNeedToAssumeAnythingAreRedFlags() {
    Conversation sam = user(LEXICAL);
    sam.say("practice fraud-checkout");
    toSection(sam, 1);
    assertThat(sam.say("No need to assume anything")).contains("Red flag");
    toSection(sam, 7);
    assertThat(sam.say("monitoring is overkill")).contains("Red flag").contains("Push-back:");
  }

  @Test
  void everyAutomaticMoveIsAnnouncedAndANextRightAfterItIsNotApplied() {
    Conversation sam = user(IDS);
    sam.say("practice fraud-checkout");
    sam.say("decision.action");
    sam.say("nothing more");
    String moved = sam.say("still nothing");
    assertThat(moved).contains("Moving on from Decision and costs. Section 2 of 10");
    clock.advance(Duration.ofSeconds(3));
    String early = sam.say("next");
    assertThat(early)
        .contains("I had just moved on to Section 2 of 10")
        .doesNotContain("Section 3 of 10");
    clock.advance(Duration.ofSeconds(2));
    assertThat(sam.say("next")).contains("Section 3 of 10");
  }

  @Test
  void theEndShowsTheScorecardAndStopAfterItShowsItAgain() {
    Conversation sam = user(IDS);
    sam.say("practice churn-prediction");
    toSection(sam, 9);
    assertThat(sam.say("next")).contains("Scorecard: ");
    assertThat(sam.say("stop")).contains("already ended").contains("Scorecard: ");
  }

  @Test
  void aConceptCoveredInAnotherSectionCountsForItsOwnSectionAndIsNeverAskedOrTipped() {
    Conversation sam = user(IDS);
    sam.say("practice fraud-checkout");
    // data concepts said while answering the decision section
    sam.say("decision.action decision.user data.label_delay data.label_source");
    clock.advance(Duration.ofMinutes(1));
    StringBuilder all = new StringBuilder();
    for (int i = 0; i < 12; i++) {
      clock.advance(Duration.ofMinutes(1));
      all.append(sam.say("next"));
    }
    String text = all.toString();
    assertThat(text)
        .doesNotContain(prompt("fraud-checkout").followup(concept("data.label_delay")))
        .contains("Data and labels: 2/");
    assertThat(text.substring(text.indexOf("Work on these next")))
        .doesNotContain(concept("data.label_delay").name() + ":");
  }

  @Test
  void noFollowUpAsksForAFactTheInterviewerJustGave() {
    Conversation sam = user(IDS);
    sam.say("practice search-ranking");
    toSection(sam, 1);
    String told = sam.say("How many searches do we get per day?");
    assertThat(told).contains(prompt("search-ranking").fact("scale").orElseThrow().answer());
    String after = sam.say("assumptions.latency");
    assertThat(after)
        .doesNotContain(prompt("search-ranking").followup(concept("assumptions.scale")))
        .as("a follow-up is asked, about something not told")
        .contains("Follow-up: ");
  }

  @Test
  void everyQuestionToTheInterviewerCountsAsACheckIn() {
    Conversation sam = user(LEXICAL);
    sam.say("practice churn-prediction");
    assertThat(sam.say("How is churn defined?"))
        .contains("checking your assumptions")
        .contains(prompt("churn-prediction").fact("labels").orElseThrow().answer());
    assertThat(sam.say("Is there any budget for this at all?"))
        .contains("checking your assumptions");
    assertThat(
            rowsOf(
                "SELECT concept_id, outcome, CASE WHEN answer_id IS NOT NULL THEN 1 ELSE 0 END"
                    + " FROM coverage_events"))
        .as("each question is stored as a covered check-in, with the question it came from")
        .containsExactly("assumptions.check_in covered 1", "assumptions.check_in covered 1");
  }

  @Test
  void aClaimCreditsTheFollowUpAsSelfReportedAndAContestRemovesACredit() {
    Conversation sam = user(IDS);
    sam.say("practice fraud-checkout");
    String first = sam.say("decision.action");
    Concept asked = firstFollowedUp(first, prompt("fraud-checkout"));
    String claimed = sam.press(PracticeReplies.CLAIM_PREFIX + asked.id()).orElseThrow().plainText();
    assertThat(claimed).contains("Counted " + asked.name() + " as covered (self-reported)");
    String contested = sam.say("contest triggered action");
    assertThat(contested).contains("Removed " + concept("decision.action").name());
    String card = sam.say("stop");
    assertThat(card).contains("Self-reported: " + asked.name());
    assertThat(rowsOf("SELECT concept_id, verdict FROM corrections ORDER BY created_at"))
        .containsExactly(asked.id() + " claimed", "decision.action contested");
    assertThat(rowsOf("SELECT concept_id FROM coverage_events WHERE self_reported = 1"))
        .containsExactly(asked.id());
    assertThat(rowsOf("SELECT concept_id FROM coverage_events WHERE outcome = 'covered'"))
        .doesNotContain("decision.action");
    var progress = coach.progressJson(UserId.console("sam")).orElseThrow();
    assertThat(progress.at("/concepts/" + asked.id() + "/times_self_reported").asInt())
        .isEqualTo(1);
    assertThat(progress.at("/concepts/decision.action/times_covered").asInt()).isZero();
    var file =
        sam.sayWithId("export-1", "export").orElseThrow().blocks().stream()
            .filter(b -> b instanceof coach.core.chat.Reply.Block.File)
            .map(b -> (coach.core.chat.Reply.Block.File) b)
            .findFirst()
            .orElseThrow();
    List<String> exported = new ArrayList<>();
    try {
      new com.fasterxml.jackson.databind.ObjectMapper()
          .readTree(file.data())
          .get("corrections")
          .forEach(c -> exported.add(c.get("concept").asText() + " " + c.get("verdict").asText()));
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
    assertThat(exported)
        .containsExactlyInAnyOrder(asked.id() + " claimed", "decision.action contested");
    sam.say("forget");
    sam.say("forget confirm");
    assertThat(rowsOf("SELECT concept_id FROM corrections")).isEmpty();
  }

  @Test
  void aClaimOfAnUnknownNameListsWhatIsStillOpen() {
    Conversation sam = user(IDS);
    sam.say("practice fraud-checkout");
    assertThat(sam.say("claim quantum blockchain"))
        .contains("I don't know a concept called")
        .contains("Still open in Decision and costs");
  }

  /** A mid-level candidate through every section of every prompt. */
  static List<String> promptIds() {
    return CURRICULUM.prompts().stream().map(Prompt::id).toList();
  }

  @ParameterizedTest
  @MethodSource("promptIds")
  void aMidLevelCandidateGetsOnlyInScopeFollowUpsNeverAboutWhatTheySaidAndEveryMoveAnnounced(
      String promptId) {
    Conversation sam = user(IDS);
    Prompt prompt = prompt(promptId);
    sam.say("practice " + promptId);
    Set<String> said = new HashSet<>();
    List<String> replies = new ArrayList<>();
    for (Section section : CURRICULUM.sections()) {
      // the candidate names every other concept of the section, in-scope or not
      List<Concept> concepts = CURRICULUM.conceptsOf(section);
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < concepts.size(); i += 2) {
        ids.add(concepts.get(i).id());
      }
      said.addAll(ids);
      clock.advance(Duration.ofMinutes(1));
      String reply = sam.say(String.join(" ", ids));
      replies.add(reply);
      for (int turn = 0;
          turn < 4
              && !reply.contains("Section " + (section.index() + 2) + " of")
              && !reply.contains("Scorecard");
          turn++) {
        assertFollowUpsFit(prompt, reply, said);
        clock.advance(Duration.ofMinutes(1));
        reply = sam.say("I am not sure about that one");
        replies.add(reply);
      }
      assertFollowUpsFit(prompt, reply, said);
      if (section.index() < 9) {
        assertThat(reply)
            .as("the move after " + section.id() + " is announced")
            .containsPattern(
                "(That covers|Moving on from) "
                    + section.title()
                    + "\\. Section "
                    + (section.index() + 2)
                    + " of 10");
      }
    }
    assertThat(replies.get(replies.size() - 1)).contains("Scorecard: " + prompt.title());
  }

  private static void assertFollowUpsFit(Prompt prompt, String reply, Set<String> said) {
    for (Concept concept : CURRICULUM.concepts()) {
      if (reply.contains("Follow-up: " + prompt.followup(concept))) {
        assertThat(prompt.exercises(concept.id()))
            .as(concept.id() + " is out of scope for " + prompt.id())
            .isTrue();
        assertThat(said)
            .as("asked about " + concept.id() + " after it was said")
            .doesNotContain(concept.id());
      }
    }
  }

  private static Concept firstFollowedUp(String reply, Prompt prompt) {
    return CURRICULUM.concepts().stream()
        .filter(c -> reply.contains("Follow-up: " + prompt.followup(c)))
        .findFirst()
        .orElseThrow();
  }

  private List<String> rowsOf(String sql) {
    return database.withHandle(
        h ->
            h.createQuery(sql)
                .map(
                    (rs, ctx) -> {
                      StringBuilder row = new StringBuilder();
                      for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.append(i > 1 ? " " : "").append(rs.getString(i));
                      }
                      return row.toString();
                    })
                .list());
  }
}
