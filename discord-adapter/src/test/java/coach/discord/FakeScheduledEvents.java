package coach.discord;

import coach.discord.DiscordMessageRules.Rejection;
import coach.discord.FakeDiscord.Routed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The server's Guild Scheduled Events, as Discord documents them ("Guild Scheduled Event"): {@code
 * POST guilds/G/scheduled-events} creates one, {@code GET}, {@code PATCH} and {@code DELETE guilds/
 * G/scheduled-events/E} read, modify and delete it. Its rules: every write needs the Manage Events
 * permission (else 403 50013 Missing Permissions; Administrator includes it); the name has 1 to 100
 * characters; the start is in the future; an EXTERNAL event (entity type 3) has {@code
 * entity_metadata.location} (1 to 100 characters) and a {@code scheduled_end_time} after the start;
 * status goes from SCHEDULED (1) to ACTIVE (2) or CANCELED (4), and from ACTIVE to COMPLETED (3),
 * nowhere else; an id it does not know is 404 10070 Unknown Guild Scheduled Event. A refused body
 * is 400 50035 Invalid Form Body with the offending fields. "Now" is the wall clock, as Discord's.
 */
final class FakeScheduledEvents implements FakeDiscord.Route {

  static final long MANAGE_EVENTS = 1L << 33;
  static final long ADMINISTRATOR = 1L << 3;
  static final int EXTERNAL = 3;
  static final int SCHEDULED = 1;
  static final int ACTIVE = 2;
  static final int COMPLETED = 3;
  static final int CANCELED = 4;
  static final int MAX_NAME = 100;
  static final int MAX_LOCATION = 100;
  static final int MAX_DESCRIPTION = 1000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ALL = Pattern.compile("guilds/([0-9]+)/scheduled-events");
  private static final Pattern ONE = Pattern.compile("guilds/([0-9]+)/scheduled-events/([0-9]+)");

  private final LongSupplier botPermissions;
  private final Map<String, ObjectNode> events = new ConcurrentHashMap<>();

  /**
   * @param botPermissions the bot's permissions in the server (its roles' together)
   */
  FakeScheduledEvents(FakeDiscord discord, LongSupplier botPermissions) {
    this.botPermissions = botPermissions;
    discord.addRoute(this);
  }

  /** The events as they stand, by id. */
  Map<String, ObjectNode> events() {
    return Map.copyOf(events);
  }

  /** Someone deletes an event in Discord's own interface. */
  void deleteByHand(String id) {
    events.remove(id);
  }

  @Override
  public Optional<Routed> answer(String id, String method, String path, JsonNode body) {
    Matcher all = ALL.matcher(path);
    Matcher one = ONE.matcher(path);
    if (all.matches() && method.equals("POST")) {
      return Optional.of(create(id, all.group(1), body));
    }
    if (!one.matches()) {
      return Optional.empty();
    }
    ObjectNode event = events.get(one.group(2));
    if (!method.equals("GET") && !mayManageEvents()) {
      return Optional.of(Routed.of(Rejection.of(403, 50013, "Missing Permissions")));
    }
    if (event == null || !event.path("guild_id").asText().equals(one.group(1))) {
      return Optional.of(Routed.of(Rejection.of(404, 10070, "Unknown Guild Scheduled Event")));
    }
    return Optional.of(
        switch (method) {
          case "GET" -> Routed.ok(event);
          case "PATCH" -> modify(event, body);
          case "DELETE" -> {
            events.remove(one.group(2));
            yield Routed.noContent();
          }
          default -> Routed.of(Rejection.of(405, 0, "405: Method Not Allowed"));
        });
  }

  private boolean mayManageEvents() {
    return (botPermissions.getAsLong() & (MANAGE_EVENTS | ADMINISTRATOR)) != 0;
  }

  private Routed create(String id, String guild, JsonNode body) {
    if (!mayManageEvents()) {
      return Routed.of(Rejection.of(403, 50013, "Missing Permissions"));
    }
    ObjectNode event = JSON.createObjectNode();
    event
        .put("id", id)
        .put("guild_id", guild)
        .put("creator_id", FakeDiscord.BOT_ID)
        .put("status", SCHEDULED)
        .put("user_count", 0)
        .putNull("entity_id")
        .putNull("image");
    event.set("creator", DiscordPayloads.botUser());
    apply(event, body);
    Optional<Rejection> invalid = check(event, true);
    if (invalid.isPresent()) {
      return Routed.of(invalid.get());
    }
    events.put(id, event);
    return Routed.ok(event);
  }

  private Routed modify(ObjectNode stored, JsonNode body) {
    ObjectNode event = stored.deepCopy();
    apply(event, body);
    int from = stored.path("status").asInt();
    int to = event.path("status").asInt();
    if (from != to
        && !(from == SCHEDULED && (to == ACTIVE || to == CANCELED))
        && !(from == ACTIVE && to == COMPLETED)) {
      ObjectNode errors = JSON.createObjectNode();
      DiscordMessageRules.error(
          errors, "GUILD_SCHEDULED_EVENT_INVALID_STATUS_TRANSITION", "Invalid status.", "status");
      return Routed.of(DiscordMessageRules.invalidFormBody(errors));
    }
    boolean moved =
        body.has("scheduled_start_time")
            && !body.path("scheduled_start_time")
                .asText()
                .equals(stored.path("scheduled_start_time").asText());
    Optional<Rejection> invalid = check(event, moved);
    if (invalid.isPresent()) {
      return Routed.of(invalid.get());
    }
    stored.setAll(event);
    return Routed.ok(stored);
  }

  /** Copies the fields a create or modify body may set. */
  private static void apply(ObjectNode event, JsonNode body) {
    for (String field :
        List.of(
            "name",
            "description",
            "scheduled_start_time",
            "scheduled_end_time",
            "privacy_level",
            "entity_type",
            "entity_metadata",
            "channel_id",
            "status")) {
      if (body.has(field)) {
        event.set(field, body.get(field));
      }
    }
  }

  /** The documented rules for an event as it would stand; the start is checked when it is set. */
  private static Optional<Rejection> check(ObjectNode event, boolean startSet) {
    ObjectNode errors = JSON.createObjectNode();
    int name = event.path("name").asText("").strip().length();
    if (name < 1 || name > MAX_NAME) {
      DiscordMessageRules.error(
          errors,
          "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and " + MAX_NAME + " in length.",
          "name");
    }
    if (event.path("description").asText("").length() > MAX_DESCRIPTION) {
      DiscordMessageRules.error(
          errors,
          "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and " + MAX_DESCRIPTION + " in length.",
          "description");
    }
    Optional<Instant> start = time(event.path("scheduled_start_time"));
    Optional<Instant> end = time(event.path("scheduled_end_time"));
    if (start.isEmpty()) {
      DiscordMessageRules.error(
          errors, "BASE_TYPE_REQUIRED", "This field is required", "scheduled_start_time");
    } else if (startSet && !start.get().isAfter(Instant.now())) {
      DiscordMessageRules.error(
          errors,
          "GUILD_SCHEDULED_EVENT_SCHEDULE_PAST",
          "Cannot schedule event in the past.",
          "scheduled_start_time");
    }
    if (event.path("entity_type").asInt() == EXTERNAL) {
      int location = event.path("entity_metadata").path("location").asText("").strip().length();
      if (location < 1 || location > MAX_LOCATION) {
        DiscordMessageRules.error(
            errors,
            location == 0 ? "BASE_TYPE_REQUIRED" : "BASE_TYPE_BAD_LENGTH",
            location == 0
                ? "This field is required"
                : "Must be between 1 and " + MAX_LOCATION + " in length.",
            "entity_metadata",
            "location");
      }
      if (end.isEmpty()) {
        DiscordMessageRules.error(
            errors, "BASE_TYPE_REQUIRED", "This field is required", "scheduled_end_time");
      } else if (start.isPresent() && !end.get().isAfter(start.get())) {
        DiscordMessageRules.error(
            errors,
            "GUILD_SCHEDULED_EVENT_END_BEFORE_START",
            "Cannot schedule event to end before starting.",
            "scheduled_end_time");
      }
      if (event.hasNonNull("channel_id")) {
        DiscordMessageRules.error(
            errors,
            "GUILD_SCHEDULED_EVENT_EXTERNAL_CHANNEL",
            "An external event has no channel.",
            "channel_id");
      }
    }
    return errors.isEmpty()
        ? Optional.empty()
        : Optional.of(DiscordMessageRules.invalidFormBody(errors));
  }

  private static Optional<Instant> time(JsonNode value) {
    if (!value.isTextual()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OffsetDateTime.parse(value.asText()).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
