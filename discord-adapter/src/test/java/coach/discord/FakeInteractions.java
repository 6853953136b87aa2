package coach.discord;

import coach.discord.DiscordMessageRules.Rejection;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What the loopback Discord knows of the interactions it dispatched, and Discord's documented rules
 * for answering them ("Receiving and Responding"): the initial response ({@code POST
 * interactions/ID/TOKEN/callback}) must come within 3 seconds of the interaction (later, or for an
 * interaction Discord never sent, it fails with 404 10062 "Unknown interaction"); an interaction is
 * acknowledged once (a second callback fails with 400 40060 "Interaction has already been
 * acknowledged"); follow-ups and the {@code @original} message ({@code webhooks/APP/TOKEN...})
 * exist only after the initial response (before it, or for a token Discord never issued, 404 10015
 * "Unknown Webhook"). Message bodies in a response or follow-up obey {@link DiscordMessageRules}.
 * An interaction's creation time is read from its id (a snowflake), as Discord and JDA do.
 */
final class FakeInteractions {

  static final Duration INITIAL_RESPONSE_DEADLINE = Duration.ofSeconds(3);
  static final long DISCORD_EPOCH_MILLIS = 1_420_070_400_000L;

  /**
   * Callback types that carry a message to create (4) or to put in place of the clicked one (7).
   */
  private static final int CHANNEL_MESSAGE = 4;

  private static final int UPDATE_MESSAGE = 7;

  private record Interaction(String id, String token, Instant created) {}

  private final Map<String, Interaction> byId = new ConcurrentHashMap<>();
  private final Map<String, Interaction> byToken = new ConcurrentHashMap<>();
  private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();

  /** When a snowflake id was made. */
  static Instant createdAt(String snowflake) {
    return Instant.ofEpochMilli((Long.parseLong(snowflake) >> 22) + DISCORD_EPOCH_MILLIS);
  }

  /** A snowflake id for the instant {@code at}; {@code increment} tells ids of one milli apart. */
  static long snowflake(Instant at, long increment) {
    return ((at.toEpochMilli() - DISCORD_EPOCH_MILLIS) << 22) | (increment & 0xFFF);
  }

  /** An interaction being dispatched; a redelivery of the same id keeps what is known of it. */
  void dispatched(String id, String token) {
    Interaction interaction = new Interaction(id, token, createdAt(id));
    if (byId.putIfAbsent(id, interaction) == null) {
      byToken.put(token, interaction);
    }
  }

  /** The initial response: {@code POST interactions/ID/TOKEN/callback}. */
  Optional<Rejection> callback(String id, String token, JsonNode body, int files, Instant now) {
    Interaction interaction = byId.get(id);
    if (interaction == null
        || !interaction.token().equals(token)
        || now.isAfter(interaction.created().plus(INITIAL_RESPONSE_DEADLINE))) {
      return Optional.of(Rejection.of(404, 10062, "Unknown interaction"));
    }
    int type = body.path("type").asInt();
    if (type == CHANNEL_MESSAGE || type == UPDATE_MESSAGE) {
      JsonNode data = body.path("data");
      Optional<Rejection> invalid =
          type == CHANNEL_MESSAGE
              ? DiscordMessageRules.checkNew(data, files)
              : DiscordMessageRules.checkEdit(data, files);
      if (invalid.isPresent()) {
        return invalid;
      }
    }
    if (acknowledged.putIfAbsent(id, type) != null) {
      return Optional.of(Rejection.of(400, 40060, "Interaction has already been acknowledged."));
    }
    return Optional.empty();
  }

  /**
   * A request on an interaction's webhook: {@code POST webhooks/APP/TOKEN} (a follow-up), {@code
   * GET/PATCH/DELETE webhooks/APP/TOKEN/messages/@original} or {@code .../messages/ID}.
   */
  Optional<Rejection> webhook(
      String application, String token, String method, JsonNode body, int files) {
    Interaction interaction = byToken.get(token);
    if (!application.equals(FakeDiscord.BOT_ID)
        || interaction == null
        || !acknowledged.containsKey(interaction.id())) {
      return Optional.of(Rejection.of(404, 10015, "Unknown Webhook"));
    }
    return switch (method) {
      case "POST" -> DiscordMessageRules.checkNew(body, files);
      case "PATCH" -> DiscordMessageRules.checkEdit(body, files);
      default -> Optional.empty();
    };
  }

  /** The callback type the interaction was acknowledged with, if it was. */
  Optional<Integer> acknowledgement(String id) {
    return Optional.ofNullable(acknowledged.get(id));
  }
}
