package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyRequest;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SchedulesCommandTest {

  @TempDir Path folder;

  private Map<String, String> env() {
    return Map.of("COACH_DB_URL", "jdbc:sqlite:" + folder.resolve("coach.db"));
  }

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new Main.Launch(
                env(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
            args);
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void listsEachChannelsScheduleAsTextAndJson() throws Exception {
    assertThat(run("schedules")).contains("No channel has daily prompts.");
    try (Services services =
        Services.start(env(), ZoneId.of("UTC"), new PrintStream(new ByteArrayOutputStream()))) {
      services.daily.command(
          new DailyRequest(
              ChannelRef.slack("T1", "C9"),
              new Sender(UserId.slack("T1", "U1"), "Olga"),
              "e1",
              "at 09:00 zone Europe/Berlin days weekdays prompts fraud-checkout",
              true,
              Optional::empty));
    }

    assertThat(run("schedules"))
        .contains("slack:T1:C9  09:00 Europe/Berlin, weekdays  next ")
        .contains("09:00 CET");
    JsonNode json = new ObjectMapper().readTree(run("schedules", "--format", "json"));
    JsonNode daily = json.get("daily").get(0);
    assertThat(daily.get("channel").asText()).isEqualTo("slack:T1:C9");
    assertThat(daily.get("time").asText()).isEqualTo("09:00");
    assertThat(daily.get("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(daily.get("days").asText()).isEqualTo("mon,tue,wed,thu,fri");
    assertThat(daily.get("prompts").get(0).asText()).isEqualTo("fraud-checkout");
    assertThat(daily.get("state").asText()).isEqualTo("active");
    assertThat(daily.get("organiser").asText()).isEqualTo("slack:T1:U1");
    assertThat(daily.get("next_post").asText()).endsWith(":00:00Z");
    assertThat(json.get("mock_sessions").isArray()).isTrue();
  }

  @Test
  void listsUpcomingMockSessionsWithWhoIsGoing() throws Exception {
    assertThat(run("schedules")).contains("No mock sessions are coming up.");
    String id;
    try (Services services =
        Services.start(env(), ZoneId.of("UTC"), new PrintStream(new ByteArrayOutputStream()))) {
      services.mock.command(
          new DailyRequest(
              ChannelRef.discord("42", "77"),
              new Sender(UserId.discord("1"), "Olga"),
              "e1",
              "schedule at 2030-01-15 18:00 zone Europe/Berlin capacity 2 weekly prompts"
                  + " fraud-checkout",
              true,
              Optional::empty));
      id = services.mock.upcoming().get(0).id();
      services.mock.press(new Sender(UserId.discord("2"), "Ana"), "mock-going:" + id, "p1");
      services.mock.press(new Sender(UserId.discord("3"), "Ben"), "mock-going:" + id, "p2");
      services.mock.press(new Sender(UserId.discord("4"), "Cai"), "mock-going:" + id, "p3");
    }

    assertThat(run("schedules"))
        .contains("mock #" + id + "  discord:42:77  ")
        .contains("18:00")
        .contains("going 2/2  weekly");
    JsonNode mock =
        new ObjectMapper()
            .readTree(run("schedules", "--format", "json"))
            .get("mock_sessions")
            .get(0);
    assertThat(mock.get("id").asText()).isEqualTo(id);
    assertThat(mock.get("channel").asText()).isEqualTo("discord:42:77");
    assertThat(mock.get("starts_at").asText()).isEqualTo("2030-01-15T17:00:00Z");
    assertThat(mock.get("zone").asText()).isEqualTo("Europe/Berlin");
    assertThat(mock.get("minutes").asInt()).isEqualTo(60);
    assertThat(mock.get("capacity").asInt()).isEqualTo(2);
    assertThat(mock.get("min").asInt()).isEqualTo(2);
    assertThat(mock.get("rsvp_deadline").asText()).isEqualTo("2030-01-15T15:00:00Z");
    assertThat(mock.get("weekly").asBoolean()).isTrue();
    assertThat(mock.get("prompts").get(0).asText()).isEqualTo("fraud-checkout");
    assertThat(mock.get("state").asText()).isEqualTo("scheduled");
    assertThat(mock.get("going").get(0).asText()).isEqualTo("discord:2");
    assertThat(mock.get("going").get(1).asText()).isEqualTo("discord:3");
    assertThat(mock.get("waitlist").get(0).asText()).isEqualTo("discord:4");
  }
}
