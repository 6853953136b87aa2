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
}
