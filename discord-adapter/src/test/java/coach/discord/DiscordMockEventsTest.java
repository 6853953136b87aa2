package coach.discord;

import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import coach.discord.FakeDiscord.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Mock sessions as the server's Guild Scheduled Events: created on schedule, moved and cancelled
 * with the session, recreated when someone deleted one by hand, and without the Manage Events
 * permission left alone, the organiser told once. And the README's invite link asks for that
 * permission.
 */
class DiscordMockEventsTest extends DiscordMockHarness {

  static final String PERMISSIONS_IN_README = "permissions=";

  List<Call> eventCalls() {
    return discord.calls(c -> c.path().startsWith(EVENTS));
  }

  @Test
  void aSessionIsAnExternalServerEventCreatedMovedAndCancelledWithIt() {
    start();
    String id = schedule(options("at", at("18:00"), "minutes", 90));

    Call create = discord.awaitCalls(postTo(EVENTS), 1, WAIT).get(0);
    JsonNode body = create.body();
    assertThat(body.path("name").asText()).isEqualTo("Mock interview #" + id);
    assertThat(body.path("entity_type").asInt()).as("EXTERNAL").isEqualTo(3);
    assertThat(body.path("privacy_level").asInt()).as("GUILD_ONLY").isEqualTo(2);
    assertThat(body.path("entity_metadata").path("location").asText())
        .isEqualTo("#practice https://discord.com/channels/700/701");
    assertThat(instant(body.path("scheduled_start_time"))).isEqualTo(utc("18:00"));
    assertThat(instant(body.path("scheduled_end_time"))).isEqualTo(utc("19:30"));
    assertThat(body.path("description").asText()).contains("90 minutes");
    String eventId = mock.session(id).orElseThrow().eventRef().orElseThrow();
    assertThat(guild.events().events()).containsOnlyKeys(eventId);

    command(ORGANISER, true, "move", options("id", id, "at", at("19:00")));
    Call patch =
        discord
            .awaitCalls(
                c -> c.method().equals("PATCH") && c.path().equals(EVENTS + "/" + eventId), 1, WAIT)
            .get(0);
    assertThat(instant(patch.body().path("scheduled_start_time"))).isEqualTo(utc("19:00"));
    assertThat(instant(patch.body().path("scheduled_end_time"))).isEqualTo(utc("20:30"));
    JsonNode moved = guild.events().events().get(eventId);
    assertThat(instant(moved.path("scheduled_start_time"))).isEqualTo(utc("19:00"));

    command(ORGANISER, true, "cancel", options("id", id));
    List<Call> patches =
        discord.awaitCalls(
            c -> c.method().equals("PATCH") && c.path().equals(EVENTS + "/" + eventId), 2, WAIT);
    assertThat(patches.get(1).body().path("status").asInt()).as("CANCELED").isEqualTo(4);
    assertThat(guild.events().events().get(eventId).path("status").asInt()).isEqualTo(4);
    assertThat(discord.calls(postTo(EVENTS))).as("one event for the session's life").hasSize(1);
  }

  @Test
  void theEventIsActiveWhileTheSessionRunsAndCompletedWhenItEnds() {
    start();
    String id = schedule(options("at", at("18:00"), "minutes", 60, "prompts", "fraud-checkout"));
    Call post = announcement(id);
    press(ANA, "Ana", post, "mock-going:" + id);
    press(BEN, "Ben", post, "mock-going:" + id);
    String eventId = mock.session(id).orElseThrow().eventRef().orElseThrow();
    assertThat(guild.events().events().get(eventId).path("status").asInt())
        .as("SCHEDULED")
        .isEqualTo(1);

    runTimersAt(utc("18:00"));
    List<Call> started =
        discord.awaitCalls(
            c -> c.method().equals("PATCH") && c.path().equals(EVENTS + "/" + eventId), 1, WAIT);
    assertThat(started.get(0).body().path("status").asInt()).as("ACTIVE").isEqualTo(2);
    assertThat(guild.events().events().get(eventId).path("status").asInt()).isEqualTo(2);

    runTimersAt(utc("18:30"));
    runTimersAt(utc("19:00"));
    List<Call> ended =
        discord.awaitCalls(
            c -> c.method().equals("PATCH") && c.path().equals(EVENTS + "/" + eventId), 2, WAIT);
    assertThat(ended.get(1).body().path("status").asInt()).as("COMPLETED").isEqualTo(3);
    assertThat(guild.events().events().get(eventId).path("status").asInt()).isEqualTo(3);
    assertThat(discord.calls(c -> c.status() >= 400 && c.path().startsWith(EVENTS)))
        .as("no transition Discord refuses")
        .isEmpty();
  }

  @Test
  void anEventDeletedByHandIsCreatedAgainWhenTheSessionMoves() {
    start();
    String id = schedule(options("at", at("18:00")));
    String first = mock.session(id).orElseThrow().eventRef().orElseThrow();
    guild.events().deleteByHand(first);
    expectedRefusal =
        c -> c.method().equals("GET") && c.path().equals(EVENTS + "/" + first) && c.status() == 404;

    command(ORGANISER, true, "move", options("id", id, "at", at("20:00")));

    List<Call> created = discord.awaitCalls(postTo(EVENTS), 2, WAIT);
    assertThat(instant(created.get(1).body().path("scheduled_start_time"))).isEqualTo(utc("20:00"));
    String second = mock.session(id).orElseThrow().eventRef().orElseThrow();
    assertThat(second).isNotEqualTo(first);
    assertThat(guild.events().events()).containsOnlyKeys(second);
  }

  @Test
  void withoutManageEventsNoEventIsRequestedAndTheOrganiserIsToldOnce() {
    start(FakeDiscordGuild.INVITE_PERMISSIONS & ~FakeDiscordGuild.MANAGE_EVENTS);

    String first = schedule(options("at", at("18:00")));
    String second = schedule(options("at", at("19:00")));
    command(ORGANISER, true, "move", options("id", first, "at", at("20:00")));

    assertThat(eventCalls()).isEmpty();
    assertThat(announcement(first).id()).isNotEqualTo(announcement(second).id());
    List<Call> notices =
        dms(ORGANISER).stream().filter(c -> c.text().contains("Manage Events")).toList();
    assertThat(notices)
        .singleElement()
        .satisfies(
            n ->
                assertThat(n.text())
                    .contains("I couldn't add #" + first + " to the server's Events")
                    .contains("I need the Manage Events permission"));
    assertThat(mock.session(first).orElseThrow().eventRef()).isEmpty();
  }

  @Test
  void theReadmeInviteLinkGrantsEverythingTheBotUsesIncludingManageEvents() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"));
    Matcher link =
        Pattern.compile(
                "https://discord\\.com/oauth2/authorize\\?client_id=APPLICATION_ID&scope=bot%20applications\\.commands&permissions=([0-9]+)")
            .matcher(readme);
    assertThat(link.find()).as("the invite link in the README").isTrue();
    long permissions = Long.parseLong(link.group(1));
    assertThat(permissions).isEqualTo(FakeDiscordGuild.INVITE_PERMISSIONS);
    assertThat(permissions & (1L << 33)).as("Manage Events").isNotZero();
    Matcher mentioned = Pattern.compile(PERMISSIONS_IN_README + "([0-9]+)").matcher(readme);
    while (mentioned.find()) {
      if (!mentioned.group(1).equals("0")) {
        assertThat(Long.parseLong(mentioned.group(1)))
            .as("every permissions integer the README gives")
            .isEqualTo(permissions);
      }
    }
  }

  private static Instant instant(JsonNode time) {
    return java.time.OffsetDateTime.parse(time.asText()).toInstant();
  }
}
