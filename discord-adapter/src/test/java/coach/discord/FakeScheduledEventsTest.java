package coach.discord;

import static coach.discord.FakeDiscordMessageRulesTest.assertInvalidFormBody;
import static org.assertj.core.api.Assertions.assertThat;

import coach.discord.RawDiscordClient.Response;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback Discord's Guild Scheduled Events keep Discord's documented rules: each rule once
 * refused (with Discord's status, code and the offending field) and once accepted beside it, over
 * plain HTTP.
 */
class FakeScheduledEventsTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String EVENTS = "guilds/" + FakeDiscord.GUILD_ID + "/scheduled-events";
  static final Instant START =
      Instant.now().plus(Duration.ofDays(2)).truncatedTo(ChronoUnit.SECONDS);

  final FakeDiscord discord = new FakeDiscord();
  final AtomicLong permissions = new AtomicLong(FakeScheduledEvents.MANAGE_EVENTS);
  final FakeScheduledEvents events = new FakeScheduledEvents(discord, permissions::get);
  final RawDiscordClient client = new RawDiscordClient(discord);

  @AfterEach
  void stop() {
    client.close();
    discord.close();
  }

  /** An EXTERNAL event as Coach creates one: name, location, start and end. */
  static ObjectNode external() {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("name", "Mock interview #K7QM")
        .put("privacy_level", 2)
        .put("entity_type", 3)
        .put("scheduled_start_time", START.toString())
        .put("scheduled_end_time", START.plus(Duration.ofHours(1)).toString());
    event.putObject("entity_metadata").put("location", "#practice");
    return event;
  }

  Response create(ObjectNode body) {
    return client.rest("POST", EVENTS, body.toString());
  }

  String created() {
    Response response = create(external());
    assertThat(response.status()).as("%s", response).isEqualTo(200);
    return response.body().path("id").asText();
  }

  static void assertMissingPermissions(Response response) {
    assertThat(response.status()).as("%s", response).isEqualTo(403);
    assertThat(response.code()).isEqualTo(50013);
    assertThat(response.body().path("message").asText()).isEqualTo("Missing Permissions");
  }

  @Test
  void anAcceptedEventIsScheduledAndCanBeReadMovedCancelledAndDeleted() {
    Response response = create(external());
    assertThat(response.status()).isEqualTo(200);
    String id = response.body().path("id").asText();
    assertThat(response.body().path("status").asInt()).as("SCHEDULED").isEqualTo(1);
    assertThat(response.body().path("guild_id").asText()).isEqualTo(FakeDiscord.GUILD_ID);
    assertThat(response.body().path("creator_id").asText()).isEqualTo(FakeDiscord.BOT_ID);

    assertThat(client.rest("GET", EVENTS + "/" + id, null).body().path("name").asText())
        .isEqualTo("Mock interview #K7QM");
    String later = START.plus(Duration.ofHours(2)).toString();
    String end = START.plus(Duration.ofHours(3)).toString();
    Response moved =
        client.rest(
            "PATCH",
            EVENTS + "/" + id,
            JSON.createObjectNode()
                .put("scheduled_start_time", later)
                .put("scheduled_end_time", end)
                .toString());
    assertThat(moved.status()).isEqualTo(200);
    assertThat(moved.body().path("scheduled_start_time").asText()).isEqualTo(later);
    Response cancelled = client.rest("PATCH", EVENTS + "/" + id, "{\"status\":4}");
    assertThat(cancelled.body().path("status").asInt()).isEqualTo(4);
    assertThat(client.rest("DELETE", EVENTS + "/" + id, null).status()).isEqualTo(204);
    assertThat(events.events()).isEmpty();
  }

  @Test
  void theNameHas1To100Characters() {
    assertInvalidFormBody(create(external().put("name", "")), "name");
    assertInvalidFormBody(create(external().put("name", "n".repeat(101))), "name");
    assertThat(create(external().put("name", "n".repeat(100))).status()).isEqualTo(200);
    String id = created();
    assertInvalidFormBody(
        client.rest("PATCH", EVENTS + "/" + id, "{\"name\":\"" + "n".repeat(101) + "\"}"), "name");
  }

  @Test
  void theStartMustBeInTheFuture() {
    Response past =
        create(external().put("scheduled_start_time", Instant.now().minusSeconds(60).toString()));
    assertInvalidFormBody(past, "scheduled_start_time");
    assertThat(
            past.body()
                .path("errors")
                .path("scheduled_start_time")
                .path("_errors")
                .get(0)
                .path("code")
                .asText())
        .isEqualTo("GUILD_SCHEDULED_EVENT_SCHEDULE_PAST");
    String id = created();
    assertInvalidFormBody(
        client.rest(
            "PATCH",
            EVENTS + "/" + id,
            "{\"scheduled_start_time\":\"" + Instant.now().minusSeconds(60) + "\"}"),
        "scheduled_start_time");
  }

  @Test
  void anExternalEventNeedsALocation() {
    ObjectNode none = external();
    none.remove("entity_metadata");
    assertInvalidFormBody(create(none), "entity_metadata", "location");
    ObjectNode blank = external();
    blank.putObject("entity_metadata").put("location", " ");
    assertInvalidFormBody(create(blank), "entity_metadata", "location");
    ObjectNode tooLong = external();
    tooLong.putObject("entity_metadata").put("location", "l".repeat(101));
    assertInvalidFormBody(create(tooLong), "entity_metadata", "location");
    ObjectNode longest = external();
    longest.putObject("entity_metadata").put("location", "l".repeat(100));
    assertThat(create(longest).status()).isEqualTo(200);
  }

  @Test
  void anExternalEventNeedsAnEndTimeAfterItsStart() {
    ObjectNode none = external();
    none.remove("scheduled_end_time");
    assertInvalidFormBody(create(none), "scheduled_end_time");
    assertInvalidFormBody(
        create(external().put("scheduled_end_time", START.toString())), "scheduled_end_time");
    assertThat(
            create(external().put("scheduled_end_time", START.plusSeconds(1).toString())).status())
        .isEqualTo(200);
  }

  @Test
  void everyWriteNeedsManageEventsOrAdministrator() {
    String id = created();
    permissions.set(1L << 11); // Send Messages, not Manage Events

    assertMissingPermissions(create(external()));
    assertMissingPermissions(client.rest("PATCH", EVENTS + "/" + id, "{\"status\":4}"));
    assertMissingPermissions(client.rest("DELETE", EVENTS + "/" + id, null));
    assertThat(client.rest("GET", EVENTS + "/" + id, null).status()).as("reading").isEqualTo(200);

    permissions.set(FakeScheduledEvents.ADMINISTRATOR);
    assertThat(create(external()).status()).isEqualTo(200);
  }

  @Test
  void anUnknownEventIsError10070() {
    for (String method : new String[] {"GET", "PATCH", "DELETE"}) {
      Response response =
          client.rest(method, EVENTS + "/123456", method.equals("PATCH") ? "{}" : null);
      assertThat(response.status()).as(method).isEqualTo(404);
      assertThat(response.code()).isEqualTo(10070);
    }
    assertThat(client.rest("GET", EVENTS + "/" + created(), null).status()).isEqualTo(200);
  }

  @Test
  void statusMovesOnlyFromScheduledToActiveOrCanceledAndFromActiveToCompleted() {
    String cancelled = created();
    assertThat(client.rest("PATCH", EVENTS + "/" + cancelled, "{\"status\":4}").status())
        .isEqualTo(200);
    assertInvalidFormBody(
        client.rest("PATCH", EVENTS + "/" + cancelled, "{\"status\":1}"), "status");
    assertInvalidFormBody(
        client.rest("PATCH", EVENTS + "/" + created(), "{\"status\":3}"), "status");
    String running = created();
    assertThat(client.rest("PATCH", EVENTS + "/" + running, "{\"status\":2}").status())
        .isEqualTo(200);
    assertThat(client.rest("PATCH", EVENTS + "/" + running, "{\"status\":3}").status())
        .isEqualTo(200);
  }
}
