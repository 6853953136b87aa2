package coach.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Coverage over time through the chat port: progress, chart, streaks, history, export, forget. */
class ProgressConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Coach coach;
  private Conversation alice;

  @BeforeEach
  void open() {
    database = TestDatabases.open(folder);
    coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    alice = new Conversation(coach, new Sender(UserId.console("alice"), "alice"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  @Test
  void progressShowsSectionsStreakWeakestConceptsNextStepAndAChart() throws Exception {
    alice.say("practice fraud-checkout");
    alice.say("decision.action and decision.user");
    Reply reply =
        alice
            .reply(new coach.core.chat.Inbound.Message(alice.sender(), "p1", "progress"))
            .orElseThrow();
    String text = reply.plainText();
    assertThat(text)
        .contains("Your progress, alice")
        .contains("Sessions: 1 (0 completed)")
        .contains("Streak: 1 day")
        .contains(CURRICULUM.section(0).title())
        .contains("████░░░░░░ 2/5")
        // never covered, in curriculum order: the three decision concepts not yet said
        .contains(
            "Weakest: Business goal (never covered); Cost of mistakes (never covered); Human"
                + " in the loop (never covered).")
        .contains("Prompts practised: Fraud scoring at checkout: 1 session, 1/9 key concepts.")
        // fraud is recent; of the rest, prompts with either covered concept in focus score lower,
        // and feed is the first of those untouched; its focus concepts are all gaps
        .contains(
            "Next step: `practice feed-recommendations` (Personalised home feed). It works on"
                + " Cold start, Retrieval then ranking, Business goal.");
    Reply.Block.File chart = fileIn(reply);
    assertThat(chart.mimeType()).isEqualTo("image/png");
    BufferedImage image = ImageIO.read(new ByteArrayInputStream(chart.data()));
    assertThat(image.getWidth()).isEqualTo(ProgressChart.WIDTH);
    assertThat(image.getHeight()).isEqualTo(ProgressChart.HEIGHT);
  }

  @Test
  void streaksCountDaysInTheUsersZoneAcrossTheDateLine() {
    alice.say("timezone Asia/Tokyo");
    alice.say("practice fraud-checkout");
    // 01:00 UTC on the 24th is 10:00 on the 24th in Tokyo; 23:30 UTC is 08:30 on the 25th
    clock.set(Instant.parse("2026-11-24T01:00:00Z"));
    alice.say("an answer on Tokyo's 24th");
    clock.set(Instant.parse("2026-11-24T23:30:00Z"));
    alice.say("an answer on Tokyo's 25th");
    assertThat(alice.say("progress")).contains("Streak: 2 days");

    // the same two instants are one UTC day: a UTC user has a one-day streak
    Conversation utc = new Conversation(coach, new Sender(UserId.console("uma"), "uma"));
    clock.set(Instant.parse("2026-11-24T01:00:00Z"));
    utc.say("practice fraud-checkout");
    utc.say("an answer");
    clock.set(Instant.parse("2026-11-24T23:30:00Z"));
    utc.say("another answer");
    assertThat(utc.say("progress")).contains("Streak: 1 day");
  }

  @Test
  void streaksSurviveADaylightSavingChange() {
    alice.say("timezone America/New_York");
    alice.say("practice fraud-checkout");
    // New York leaves daylight saving at 02:00 on Sunday 1 November 2026
    for (String instant :
        List.of("2026-11-01T03:30:00Z", "2026-11-02T04:30:00Z", "2026-11-03T04:30:00Z")) {
      clock.set(Instant.parse(instant)); // 23:30 local on Oct 31, Nov 1 and Nov 2
      alice.say("practising late in the evening");
    }
    assertThat(alice.say("progress")).contains("Streak: 3 days\n").doesNotContain("freeze");
  }

  @Test
  void historyListsPastSessionsWithScorecards() {
    alice.say("practice fraud-checkout");
    alice.say("decision.goal");
    alice.say("stop");
    String history = alice.say("progress history");
    assertThat(history)
        .contains("Your sessions")
        .contains("Wed 25 Nov 2026, 09:00 · Fraud scoring at checkout · stopped")
        .contains(CURRICULUM.section(0).title() + ": 1/5 covered");
  }

  @Test
  void timezoneIsShownAndSet() {
    assertThat(alice.say("timezone")).contains("Your time zone is UTC");
    assertThat(alice.say("timezone europe/berlin"))
        .contains("Time zone set to Europe/Berlin")
        .contains("10:00");
    assertThat(rows("SELECT time_zone FROM users"))
        .containsExactly(Map.of("time_zone", "Europe/Berlin"));
  }

  @Test
  void exportHandsOverEverythingStoredAboutTheUser() throws Exception {
    alice.say("practice fraud-checkout");
    alice.say("my private answer about data.leakage");
    Reply reply =
        alice
            .reply(new coach.core.chat.Inbound.Message(alice.sender(), "x1", "export"))
            .orElseThrow();
    Reply.Block.File file = fileIn(reply);
    var json = new ObjectMapper().readTree(new String(file.data(), StandardCharsets.UTF_8));
    assertThat(json.get("user").get("id").asText()).isEqualTo("console:alice");
    assertThat(json.get("sessions").get(0).get("answers").get(0).get("text").asText())
        .isEqualTo("my private answer about data.leakage");
    assertThat(json.get("coverage_events").toString()).contains("data.leakage");
    assertThat(json.get("progress").get("concepts").get("data.leakage").get("covered").asBoolean())
        .isTrue();
  }

  @Test
  void forgetAsksFirstThenRemovesEveryRowOfTheUserOnly() {
    Conversation bob = new Conversation(coach, new Sender(UserId.console("bob"), "bob"));
    bob.say("practice churn-prediction");
    bob.say("bob's answer");
    bob.say("claim triggered action");
    alice.say("practice fraud-checkout");
    alice.say("decision.goal");
    alice.say("claim triggered action");
    alice.say("skip");

    assertThat(rows("SELECT user_id, verdict FROM corrections ORDER BY user_id"))
        .containsExactly(
            Map.of("user_id", "console:alice", "verdict", "claimed"),
            Map.of("user_id", "console:bob", "verdict", "claimed"));
    int before = countRows("console:alice");
    int bobs = countRows("console:bob");
    assertThat(alice.say("forget")).contains("can't be undone").contains("forget confirm");
    assertThat(alice.say("forget everything"))
        .as("only `forget confirm` deletes")
        .contains("forget confirm");
    assertThat(countRows("console:alice"))
        .as("asking changed nothing but the record of the two messages")
        .isEqualTo(before + 2);
    assertThat(alice.press("privacy:forget:confirm").orElseThrow().plainText()).contains("deleted");
    assertThat(countRows("console:alice")).isZero();
    assertThat(countRows("console:bob")).as("bob's rows, untouched").isEqualTo(bobs);
    assertThat(coach.progressJson(UserId.console("alice"))).isEmpty();
    assertThat(coach.progressJson(UserId.console("bob"))).isPresent();
  }

  private static Reply.Block.File fileIn(Reply reply) {
    return reply.blocks().stream()
        .filter(Reply.Block.File.class::isInstance)
        .map(Reply.Block.File.class::cast)
        .findFirst()
        .orElseThrow();
  }

  /** Rows about a user in every table. */
  private int countRows(String user) {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT (SELECT count(*) FROM users WHERE id = :u)"
                        + " + (SELECT count(*) FROM practice_sessions WHERE user_id = :u)"
                        + " + (SELECT count(*) FROM answers a JOIN practice_sessions s ON s.id ="
                        + " a.session_id WHERE s.user_id = :u)"
                        + " + (SELECT count(*) FROM answers WHERE session_id NOT IN (SELECT id FROM"
                        + " practice_sessions))"
                        + " + (SELECT count(*) FROM answer_concepts WHERE answer_id NOT IN (SELECT id"
                        + " FROM answers))"
                        + " + (SELECT count(*) FROM coverage_events WHERE user_id = :u)"
                        + " + (SELECT count(*) FROM corrections WHERE user_id = :u)"
                        + " + (SELECT count(*) FROM processed_events WHERE user_id = :u)")
                .bind("u", user)
                .mapTo(Integer.class)
                .one());
  }

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }
}
