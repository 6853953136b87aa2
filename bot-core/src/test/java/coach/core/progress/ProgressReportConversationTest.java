package coach.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageStore;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.Section;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The parts of {@code progress} a quick look misses: how each weak concept is described, the
 * history's alias and its limit of ten, the JSON per prompt and per concept, and a chart that draws
 * the coverage as shares.
 */
class ProgressReportConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Coach coach;
  private Conversation kim;
  private int events;

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

  private Reply progress() {
    return kim.reply(new Inbound.Message(kim.sender(), "progress-" + ++events, "progress"))
        .orElseThrow();
  }

  /** Every concept id but {@code except}, as one answer. */
  private static String allBut(Set<String> except) {
    return CURRICULUM.concepts().stream()
        .map(Concept::id)
        .filter(id -> !except.contains(id))
        .collect(Collectors.joining(" "));
  }

  /**
   * Every concept is covered twice except three decision concepts: the user of the output is never
   * covered and missed twice (the follow-up left unanswered, then a skip), human review is covered
   * once after being missed once (the skip), and the goal is covered once, by a claim.
   */
  @Test
  void eachWeakConceptSaysHowOftenItWasCoveredClaimedAndMissed() {
    Set<String> weak = Set.of("decision.user", "decision.goal", "decision.human_review");
    kim.say("practice fraud-checkout");
    kim.say(allBut(weak)); // follow-up: the user of the output
    kim.say(allBut(weak)); // missed it; follow-up: the goal
    kim.say("claim"); // the goal, self-reported; the interviewer moves on
    clock.advance(Duration.ofMinutes(1));
    kim.say("back");
    kim.say("skip"); // the user of the output and human review missed
    kim.say("decision.human_review");

    assertThat(progress().plainText())
        .contains(
            "Weakest: User of the output (never covered, missed 2×); Human in the loop (covered"
                + " 1×, missed 1×); Business goal (covered 1× (1 self-reported)).");
  }

  @Test
  void historyListsTheLatestTenSessionsUnderEitherName() {
    assertThat(kim.say("progress history"))
        .isEqualTo("No sessions yet. Say `practice` to start your first.");
    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(1));
      kim.say("practice fraud-checkout");
    }
    assertThat(kim.say("progress sessions"))
        .startsWith("Your sessions")
        .doesNotContain("Showing the latest");
    clock.advance(Duration.ofMinutes(1));
    kim.say("practice nearby-places");
    String history = kim.say("progress sessions");
    assertThat(history)
        .contains("Showing the latest 10 of 11 sessions.")
        .contains("Wed 25 Nov 2026, 09:11 · Nearby places to explore · active")
        .contains("Wed 25 Nov 2026, 09:02 · Fraud scoring at checkout · stopped")
        .doesNotContain("09:01");
  }

  @Test
  void theJsonCountsSessionsAndFocusConceptsPerPrompt() {
    kim.say("practice fraud-checkout");
    kim.say("data.label_delay decision.action and model.cold_start");
    var json = coach.progressJson(UserId.console("kim")).orElseThrow();
    assertThat(json.at("/prompts/fraud-checkout").toString())
        .isEqualTo("{\"sessions\":1,\"focus_covered\":2,\"focus_total\":9}");
    assertThat(json.at("/prompts/feed-recommendations").toString())
        .isEqualTo("{\"sessions\":0,\"focus_covered\":1,\"focus_total\":8}");
    assertThat(json.at("/streak").toString())
        .isEqualTo(
            "{\"days\":1,\"freezes_used\":0,\"practised_today\":true,\"time_zone\":\"UTC\"}");
  }

  /**
   * Covered in practice on two days, once in a daily-post thread and once from a mock interviewer's
   * feedback (recorded as those features do): the JSON splits the coverings by source and dates the
   * first and the last; a concept never covered has no dates.
   */
  @Test
  void theJsonSaysWhereAndWhenEachConceptWasCovered() {
    kim.say("practice fraud-checkout");
    kim.say("decision.action");
    clock.advance(Duration.ofDays(1));
    kim.say("decision.action again");
    clock.advance(Duration.ofHours(1));
    CoverageStore store = new CoverageStore();
    database.inTransaction(
        handle -> {
          store.recordCovered(
              handle,
              kim.sender().id(),
              List.of("decision.action"),
              CoverageStore.Source.DAILY,
              null,
              clock.instant());
          store.recordCovered(
              handle,
              kim.sender().id(),
              List.of("decision.action"),
              CoverageStore.Source.PEER,
              null,
              clock.instant().plusSeconds(60));
          return null;
        });

    var json = coach.progressJson(kim.sender().id()).orElseThrow();
    assertThat(json.at("/concepts/decision.action").toString())
        .isEqualTo(
            "{\"covered\":true,\"times_covered\":4,\"times_missed\":0,"
                + "\"times_self_reported\":0,"
                + "\"sources\":{\"practice\":2,\"daily\":1,\"peer\":1},"
                + "\"first_covered\":\"2026-11-25T09:00:00Z\","
                + "\"last_covered\":\"2026-11-26T10:01:00Z\"}");
    assertThat(json.at("/concepts/decision.user/first_covered").isNull()).isTrue();
    assertThat(json.at("/concepts/decision.user/last_covered").isNull()).isTrue();
  }

  /**
   * The radar draws each section's share of its concepts: the same shares from other counts draw
   * the same chart, and a section half covered is drawn apart from one fully covered.
   */
  @Test
  void theChartDrawsSharesOnAFixedScale() {
    List<Section> sections = CURRICULUM.sections();
    int[] half = new int[sections.size()];
    int[] two = new int[sections.size()];
    int[] tenth = new int[sections.size()];
    int[] ten = new int[sections.size()];
    Arrays.fill(half, 1);
    Arrays.fill(two, 2);
    Arrays.fill(tenth, 5);
    Arrays.fill(ten, 10);
    byte[] oneOfTwo = ProgressChart.radar("kim", sections, half, two);
    assertThat(ProgressChart.radar("kim", sections, tenth, ten))
        .as("5 of 10 is drawn as 1 of 2")
        .isEqualTo(oneOfTwo);
    assertThat(Arrays.equals(ProgressChart.radar("kim", sections, two, two), oneOfTwo))
        .as("everywhere half covered is not drawn as everywhere covered")
        .isFalse();
  }

  @Test
  void theChartDrawsTheCoverageAndIsNamedForTheUser() {
    kim.say("practice fraud-checkout");
    Reply.Block.File before = chartOf(progress());
    assertThat(before.fileName()).isEqualTo("coach-progress-console-kim.png");
    kim.say("decision.action decision.user decision.goal decision.error_costs");
    byte[] after = chartOf(progress()).data();
    assertThat(Arrays.equals(before.data(), after))
        .as("the chart changed with the coverage")
        .isFalse();
    assertThat(Arrays.equals(before.data(), chartOf(emptyProgressOfAnotherKim()).data()))
        .as("the same coverage draws the same chart")
        .isTrue();
  }

  /** A second user named kim with a session and no coverage: the same chart as kim's first. */
  private Reply emptyProgressOfAnotherKim() {
    Conversation other = new Conversation(coach, new Sender(UserId.console("kim2"), "kim"));
    other.say("practice fraud-checkout");
    return other.reply(new Inbound.Message(other.sender(), "p-other", "progress")).orElseThrow();
  }

  private static Reply.Block.File chartOf(Reply reply) {
    List<Reply.Block.File> files =
        reply.blocks().stream()
            .filter(Reply.Block.File.class::isInstance)
            .map(Reply.Block.File.class::cast)
            .toList();
    assertThat(files).hasSize(1);
    return files.get(0);
  }
}
