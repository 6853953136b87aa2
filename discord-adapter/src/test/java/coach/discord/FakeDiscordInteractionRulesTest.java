package coach.discord;

import static org.assertj.core.api.Assertions.assertThat;

import coach.discord.RawDiscordClient.Response;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The loopback Discord answers interactions and gateway sessions as Discord documents: one initial
 * response within 3 seconds, follow-ups only after it, RESUME only of a session it started. Each
 * rule is shown with the refused request and the accepted one beside it. Requests go over plain
 * HTTP and a plain WebSocket, with no library in between.
 */
class FakeDiscordInteractionRulesTest {

  static final ObjectMapper JSON = new ObjectMapper();
  static final String DEFER = "{\"type\":5}";
  static final String FOLLOW_UP = "{\"content\":\"Here you go\"}";

  final FakeDiscord discord = new FakeDiscord();
  final RawDiscordClient client = new RawDiscordClient(discord);
  JsonNode ready;

  @BeforeEach
  void connect() {
    ready = client.identify();
  }

  @AfterEach
  void stop() {
    client.close();
    discord.close();
  }

  static String callback(String id) {
    return "interactions/" + id + "/" + DiscordPayloads.interactionToken(id) + "/callback";
  }

  static String webhook(String id) {
    return "webhooks/" + FakeDiscord.BOT_ID + "/" + DiscordPayloads.interactionToken(id);
  }

  /** A slash command the gateway client received; returns its id. */
  String slashCommand(String id) {
    discord.slash(id, "111", false, "help", null, null, false);
    assertThat(client.next().path("t").asText()).isEqualTo("INTERACTION_CREATE");
    return id;
  }

  static void assertRefused(Response response, int status, int code, String message) {
    assertThat(response.status()).as("%s", response).isEqualTo(status);
    assertThat(response.code()).isEqualTo(code);
    assertThat(response.body().path("message").asText()).isEqualTo(message);
  }

  @Test
  void aSecondInitialResponseIsRefusedAsAlreadyAcknowledged() {
    String id = slashCommand(discord.nextId());
    assertThat(client.rest("POST", callback(id), DEFER).status()).isEqualTo(204);
    assertRefused(
        client.rest("POST", callback(id), DEFER),
        400,
        40060,
        "Interaction has already been acknowledged.");
    assertRefused(
        client.rest("POST", callback(id), "{\"type\":4,\"data\":{\"content\":\"hi\"}}"),
        400,
        40060,
        "Interaction has already been acknowledged.");
  }

  @Test
  void aFollowUpBeforeTheInitialResponseIsAnUnknownWebhook() {
    String id = slashCommand(discord.nextId());
    assertRefused(client.rest("POST", webhook(id), FOLLOW_UP), 404, 10015, "Unknown Webhook");
    client.rest("POST", callback(id), DEFER);
    assertThat(client.rest("POST", webhook(id), FOLLOW_UP).status()).isEqualTo(200);
  }

  @Test
  void editingTheOriginalResponseBeforeItExistsIsAnUnknownWebhook() {
    String id = slashCommand(discord.nextId());
    String original = webhook(id) + "/messages/@original";
    assertRefused(client.rest("PATCH", original, FOLLOW_UP), 404, 10015, "Unknown Webhook");
    assertRefused(client.rest("GET", original, null), 404, 10015, "Unknown Webhook");
    client.rest("POST", callback(id), DEFER);
    assertThat(client.rest("PATCH", original, FOLLOW_UP).status()).isEqualTo(200);
  }

  @Test
  void aTokenDiscordNeverIssuedIsAnUnknownWebhook() {
    String id = slashCommand(discord.nextId());
    client.rest("POST", callback(id), DEFER);
    String forged = "webhooks/" + FakeDiscord.BOT_ID + "/token-1";
    assertRefused(client.rest("POST", forged, FOLLOW_UP), 404, 10015, "Unknown Webhook");
    String otherApp = "webhooks/901/" + DiscordPayloads.interactionToken(id);
    assertRefused(client.rest("POST", otherApp, FOLLOW_UP), 404, 10015, "Unknown Webhook");
  }

  @Test
  void anInitialResponseAfterThreeSecondsIsAnUnknownInteraction() {
    Instant created = Instant.now().minus(Duration.ofMillis(3100));
    String late = slashCommand(discord.idFrom(created));
    assertRefused(client.rest("POST", callback(late), DEFER), 404, 10062, "Unknown interaction");
    // The token was invalidated with it: no follow-up either.
    assertRefused(client.rest("POST", webhook(late), FOLLOW_UP), 404, 10015, "Unknown Webhook");

    String inTime = slashCommand(discord.nextId());
    assertThat(client.rest("POST", callback(inTime), DEFER).status()).isEqualTo(204);
  }

  @Test
  void theDeadlineIsThreeSecondsAfterTheInteractionWasCreated() {
    Instant created = Instant.parse("2026-11-25T09:00:00Z");
    FakeInteractions interactions = new FakeInteractions();
    String onTime = String.valueOf(FakeInteractions.snowflake(created, 1));
    String late = String.valueOf(FakeInteractions.snowflake(created, 2));
    interactions.dispatched(onTime, "t1");
    interactions.dispatched(late, "t2");
    JsonNode defer = JSON.createObjectNode().put("type", 5);
    assertThat(interactions.callback(onTime, "t1", defer, 0, created.plusMillis(3000))).isEmpty();
    assertThat(interactions.callback(late, "t2", defer, 0, created.plusMillis(3001)))
        .hasValueSatisfying(r -> assertThat(r.code()).isEqualTo(10062));
  }

  @Test
  void aCallbackForAnInteractionDiscordNeverSentIsAnUnknownInteraction() {
    String id = slashCommand(discord.nextId());
    String never = discord.nextId();
    assertRefused(client.rest("POST", callback(never), DEFER), 404, 10062, "Unknown interaction");
    String wrongToken = "interactions/" + id + "/token-1/callback";
    assertRefused(client.rest("POST", wrongToken, DEFER), 404, 10062, "Unknown interaction");
    assertThat(client.rest("POST", callback(id), DEFER).status()).isEqualTo(204);
  }

  @Test
  void interactionAnswersObeyTheMessageRules() {
    String id = slashCommand(discord.nextId());
    assertRefused(
        client.rest("POST", callback(id), "{\"type\":4,\"data\":{\"content\":\"\"}}"),
        400,
        50006,
        "Cannot send an empty message");
    String tooLong = "{\"content\":\"" + "x".repeat(2001) + "\"}";
    assertThat(client.rest("POST", callback(id), "{\"type\":4,\"data\":" + tooLong + "}").code())
        .isEqualTo(50035);
    assertThat(client.rest("POST", callback(id), DEFER).status())
        .as("a refused response acknowledged nothing")
        .isEqualTo(204);
    assertThat(client.rest("POST", webhook(id), tooLong).code()).isEqualTo(50035);
    assertRefused(
        client.rest("POST", webhook(id), "{}"), 400, 50006, "Cannot send an empty message");
  }

  @Test
  void resumingASessionTheGatewayDoesNotKnowIsAnInvalidSession() {
    String session = ready.path("session_id").asText();
    assertThat(session).isNotEmpty();
    try (RawDiscordClient other = new RawDiscordClient(discord)) {
      other.connect();
      other.send(resume("session-404"));
      JsonNode invalid = other.next();
      assertThat(invalid.path("op").asInt()).as("%s", invalid).isEqualTo(9);
      assertThat(invalid.path("d").asBoolean(true)).as("resumable").isFalse();
    }
    try (RawDiscordClient other = new RawDiscordClient(discord)) {
      other.connect();
      other.send(resume(session));
      assertThat(other.next().path("t").asText()).isEqualTo("RESUMED");
    }
    discord.gateway().forgetSessions();
    try (RawDiscordClient other = new RawDiscordClient(discord)) {
      other.connect();
      other.send(resume(session));
      assertThat(other.next().path("op").asInt()).as("a forgotten session").isEqualTo(9);
    }
  }

  static String resume(String session) {
    return "{\"op\":6,\"d\":{\"token\":\""
        + FakeDiscord.TOKEN
        + "\",\"session_id\":\""
        + session
        + "\",\"seq\":1}}";
  }

  @Test
  void identifyingWithAWrongTokenClosesTheGatewayWith4004() {
    try (RawDiscordClient other = new RawDiscordClient(discord)) {
      other.connect();
      other.send("{\"op\":2,\"d\":{\"token\":\"" + FakeDiscord.BAD_TOKEN + "\",\"intents\":0}}");
      assertThat(other.awaitClose()).isEqualTo(4004);
    }
  }
}
