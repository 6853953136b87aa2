package coach.core.privacy;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
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
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code export} field by field, and {@code forget} asking before it deletes. */
class PrivacyConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Conversation kim;

  @BeforeEach
  void open() {
    database = TestDatabases.open(folder);
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    kim = new Conversation(coach, new Sender(UserId.slack("T1", "U42"), "Kim"));
  }

  @AfterEach
  void close() {
    database.close();
  }

  private JsonNode export(String eventId) throws Exception {
    Reply reply = kim.reply(new Inbound.Message(kim.sender(), eventId, "export")).orElseThrow();
    assertThat(reply.plainText())
        .startsWith(
            "Here is everything I have stored about you: your profile, every session and answer,"
                + " your answers in daily-prompt threads, and your coverage history.");
    Reply.Block.File file =
        reply.blocks().stream()
            .filter(Reply.Block.File.class::isInstance)
            .map(Reply.Block.File.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(file.fileName()).isEqualTo("coach-export-slack-T1-U42.json");
    assertThat(file.mimeType()).isEqualTo("application/json");
    return new ObjectMapper().readTree(file.data());
  }

  @Test
  void theExportHoldsTheProfileSessionsAnswersCoverageCorrectionsAndProgress() throws Exception {
    kim.say("timezone Europe/Berlin");
    kim.say("practice fraud-checkout");
    clock.advance(Duration.ofMinutes(1));
    kim.say("we decline: decision.goal and decision.action");
    clock.advance(Duration.ofMinutes(1));
    kim.say("claim human in the loop");
    kim.say("stop");
    clock.advance(Duration.ofMinutes(1));

    JsonNode json = export("export-1");
    assertThat(json.get("exported_at").asText()).isEqualTo("2026-11-25T09:03:00Z");
    assertThat(json.get("user").toString())
        .isEqualTo(
            "{\"id\":\"slack:T1:U42\",\"display_name\":\"Kim\",\"time_zone\":\"Europe/Berlin\","
                + "\"created_at\":\"2026-11-25T09:00:00Z\"}");

    assertThat(json.get("sessions")).hasSize(1);
    JsonNode session = json.get("sessions").get(0);
    String sessionId = session.get("id").asText();
    assertThat(session.get("prompt").asText()).isEqualTo("fraud-checkout");
    assertThat(session.get("state").asText()).isEqualTo("stopped");
    assertThat(session.get("current_section").asText()).isEqualTo("decision");
    assertThat(session.get("started_at").asText()).isEqualTo("2026-11-25T09:00:00Z");
    assertThat(session.get("ended_at").asText()).isEqualTo("2026-11-25T09:02:00Z");
    assertThat(session.get("answers").toString())
        .isEqualTo(
            "[{\"section\":\"decision\",\"kind\":\"answer\",\"text\":\"we decline: decision.goal"
                + " and decision.action\",\"received_at\":\"2026-11-25T09:01:00Z\","
                + "\"concepts\":[\"decision.action\",\"decision.goal\"]}]");

    assertThat(json.get("coverage_events").toString())
        .isEqualTo(
            "[{\"concept\":\"decision.action\",\"outcome\":\"covered\",\"session\":\""
                + sessionId
                + "\",\"self_reported\":false,\"source\":\"practice\",\"at\":\"2026-11-25T09:01:00Z\"},"
                + "{\"concept\":\"decision.goal\",\"outcome\":\"covered\",\"session\":\""
                + sessionId
                + "\",\"self_reported\":false,\"source\":\"practice\",\"at\":\"2026-11-25T09:01:00Z\"},"
                + "{\"concept\":\"decision.human_review\",\"outcome\":\"covered\",\"session\":\""
                + sessionId
                + "\",\"self_reported\":true,\"source\":\"practice\",\"at\":\"2026-11-25T09:02:00Z\"}]");

    assertThat(json.get("corrections")).hasSize(1);
    JsonNode correction = json.get("corrections").get(0);
    assertThat(correction.get("session").asText()).isEqualTo(sessionId);
    assertThat(correction.get("answer").isTextual()).as("the answer it corrects").isTrue();
    assertThat(correction.get("concept").asText()).isEqualTo("decision.human_review");
    assertThat(correction.get("verdict").asText()).isEqualTo("claimed");
    assertThat(correction.get("at").asText()).isEqualTo("2026-11-25T09:02:00Z");

    assertThat(json.at("/progress/user").asText()).isEqualTo("slack:T1:U42");
    assertThat(json.at("/progress/concepts/decision.human_review/times_self_reported").asInt())
        .isEqualTo(1);
  }

  @Test
  void anOpenSessionExportsWithoutAnEnd() throws Exception {
    kim.say("practice fraud-checkout");
    JsonNode session = export("export-2").get("sessions").get(0);
    assertThat(session.get("state").asText()).isEqualTo("active");
    assertThat(session.get("ended_at").isNull()).isTrue();
    assertThat(session.get("answers")).isEmpty();
  }

  @Test
  void forgetAsksUnlessConfirmedAndThenDeletesTheUser() {
    kim.say("practice fraud-checkout");
    assertThat(kim.say("forget"))
        .contains("This deletes everything I have stored about you")
        .contains("Say `forget confirm` (or press the button) to go ahead");
    assertThat(kim.press(PrivacyService.FORGET_ACTION).orElseThrow().plainText())
        .isEqualTo(
            "Done: everything I had stored about you is deleted. If you message me again, we"
                + " start from scratch.");
    int users =
        database.withHandle(
            h -> h.createQuery("SELECT count(*) FROM users").mapTo(Integer.class).one());
    assertThat(users).isZero();
  }
}
