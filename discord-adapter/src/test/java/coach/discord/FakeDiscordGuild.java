package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What {@link FakeDiscord} needs for channel features, beside it: the server's roles and channel
 * permission overwrites (changed over the gateway, as Discord tells a bot), public threads opened
 * on a message ({@code POST channels/C/messages/M/threads}; a thread has its message's id),
 * reactions, and the interactions of {@code /coach daily ...} (sub-command group, options,
 * autocomplete), button clicks and modal submissions in server channel {@value
 * FakeDiscord#GUILD_CHANNEL_ID}, and messages written in a thread. Members with the organiser role
 * ({@value #ORGANISER_ROLE}) have Manage Channels.
 */
final class FakeDiscordGuild {

  static final String ORGANISER_ROLE = "702";

  static final long MANAGE_CHANNELS = 1L << 4;
  static final long MANAGE_EVENTS = FakeScheduledEvents.MANAGE_EVENTS;
  static final long ADD_REACTIONS = 1L << 6;
  static final long VIEW_CHANNEL = 1L << 10;
  static final long SEND_MESSAGES = 1L << 11;
  static final long EMBED_LINKS = 1L << 14;
  static final long READ_MESSAGE_HISTORY = 1L << 16;
  static final long CREATE_PUBLIC_THREADS = 1L << 35;
  static final long SEND_MESSAGES_IN_THREADS = 1L << 38;

  /** What the README's invite link grants the bot. */
  static final long INVITE_PERMISSIONS =
      VIEW_CHANNEL
          | SEND_MESSAGES
          | EMBED_LINKS
          | ADD_REACTIONS
          | READ_MESSAGE_HISTORY
          | CREATE_PUBLIC_THREADS
          | SEND_MESSAGES_IN_THREADS
          | MANAGE_EVENTS;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern THREAD_CREATE =
      Pattern.compile("channels/([0-9]+)/messages/([0-9]+)/threads");
  private static final Pattern REACTION =
      Pattern.compile("channels/([0-9]+)/messages/([0-9]+)/reactions/([^/]+)/(@|%40)me");

  private final FakeDiscord discord;

  /** Thread id to its parent channel id. */
  private final Map<String, String> threads = new ConcurrentHashMap<>();

  /** What {@code @everyone} may do (the bot has no other role): as in READY's server at first. */
  private volatile long everyone = 3072;

  private final FakeScheduledEvents events;

  FakeDiscordGuild(FakeDiscord discord) {
    this.discord = discord;
    discord.addRoute(this::route);
    this.events = new FakeScheduledEvents(discord, () -> everyone);
  }

  /** The server's scheduled events, which the bot may manage with the Manage Events permission. */
  FakeScheduledEvents events() {
    return events;
  }

  // ---- the server, as the gateway tells it ----

  /** Sets what {@code @everyone} (and so the bot, which has no role of its own) may do. */
  void everyoneMay(long permissions) {
    everyone = permissions;
    ObjectNode event = JSON.createObjectNode().put("guild_id", FakeDiscord.GUILD_ID);
    event.set("role", role(FakeDiscord.GUILD_ID, "@everyone", permissions, 0));
    discord.dispatch("GUILD_ROLE_UPDATE", event);
  }

  /** Creates the role {@value #ORGANISER_ROLE}, with Manage Channels. */
  void addOrganiserRole() {
    ObjectNode event = JSON.createObjectNode().put("guild_id", FakeDiscord.GUILD_ID);
    event.set("role", role(ORGANISER_ROLE, "Organisers", MANAGE_CHANNELS, 1));
    discord.dispatch("GUILD_ROLE_CREATE", event);
  }

  /** Denies {@code permissions} to {@code @everyone} in the server channel (an overwrite). */
  void denyInChannel(long permissions) {
    ObjectNode channel = JSON.createObjectNode();
    channel
        .put("id", FakeDiscord.GUILD_CHANNEL_ID)
        .put("type", 0)
        .put("name", "practice")
        .put("position", 0)
        .put("guild_id", FakeDiscord.GUILD_ID)
        .put("nsfw", false)
        .put("rate_limit_per_user", 0);
    channel
        .putArray("permission_overwrites")
        .addObject()
        .put("id", FakeDiscord.GUILD_ID)
        .put("type", 0)
        .put("allow", "0")
        .put("deny", String.valueOf(permissions));
    discord.dispatch("CHANNEL_UPDATE", channel);
  }

  private static ObjectNode role(String id, String name, long permissions, int position) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("name", name)
        .put("permissions", String.valueOf(permissions))
        .put("position", position)
        .put("color", 0)
        .put("hoist", false)
        .put("managed", false)
        .put("mentionable", false);
  }

  // ---- REST ----

  private Optional<FakeDiscord.Routed> route(String id, String method, String path, JsonNode body) {
    Matcher thread = THREAD_CREATE.matcher(path);
    if (method.equals("POST") && thread.matches()) {
      // A thread started on a message has the message's id.
      threads.put(thread.group(2), thread.group(1));
      return Optional.of(FakeDiscord.Routed.ok(thread(thread.group(2), thread.group(1), body)));
    }
    if (method.equals("PUT") && REACTION.matcher(path).matches()) {
      return Optional.of(FakeDiscord.Routed.ok("{}"));
    }
    return Optional.empty();
  }

  private static ObjectNode thread(String id, String parent, JsonNode body) {
    ObjectNode thread = JSON.createObjectNode();
    thread
        .put("id", id)
        .put("type", 11)
        .put("guild_id", FakeDiscord.GUILD_ID)
        .put("parent_id", parent)
        .put("owner_id", FakeDiscord.BOT_ID)
        .put("name", body.path("name").asText())
        .put("flags", 0)
        .put("member_count", 1)
        .put("message_count", 0)
        .put("total_message_count", 0)
        .put("rate_limit_per_user", 0);
    thread
        .putObject("thread_metadata")
        .put("archived", false)
        .put("locked", false)
        .put("auto_archive_duration", body.path("auto_archive_duration").asInt(1440))
        .put("archive_timestamp", "2026-12-07T09:00:00.000000+00:00")
        .put("create_timestamp", "2026-12-07T09:00:00.000000+00:00");
    return thread;
  }

  /** Threads opened so far, by id, with their parent channel. */
  Map<String, String> threads() {
    return Map.copyOf(threads);
  }

  // ---- interactions ----

  /** The token of interaction {@code id}, in its callback's and follow-ups' paths. */
  static String token(String id) {
    return "token-" + id;
  }

  /** {@code /coach daily SUB option:value...} in the server channel; returns the interaction id. */
  String daily(String user, boolean organiser, String sub, Map<String, String> options) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 2, user, organiser);
    ObjectNode subcommand = group(interaction, "daily").addObject();
    subcommand.put("name", sub).put("type", 1);
    ArrayNode values = subcommand.putArray("options");
    options.forEach(
        (name, value) -> values.addObject().put("name", name).put("type", 3).put("value", value));
    discord.dispatchInteraction(interaction);
    return id;
  }

  /**
   * Typing {@code focused} in {@code /coach daily SUB}, with {@code options} typed so far (the
   * focused one among them); returns the interaction id.
   */
  String autocomplete(String user, String sub, Map<String, String> options, String focused) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 4, user, false);
    ObjectNode subcommand = group(interaction, "daily").addObject();
    subcommand.put("name", sub).put("type", 1);
    ArrayNode values = subcommand.putArray("options");
    options.forEach(
        (name, value) -> {
          ObjectNode option =
              values.addObject().put("name", name).put("type", 3).put("value", value);
          if (name.equals(focused)) {
            option.put("focused", true);
          }
        });
    discord.dispatchInteraction(interaction);
    return id;
  }

  /** {@code /coach feedback} in the server channel. */
  String feedback(String user) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 2, user, false);
    ObjectNode data = interaction.putObject("data");
    data.put("id", "800").put("name", "coach").put("type", 1);
    data.putArray("options").addObject().put("name", "feedback").put("type", 1).putArray("options");
    discord.dispatchInteraction(interaction);
    return id;
  }

  /** A click on button {@code customId} of the bot's message {@code messageId} in the channel. */
  String click(String user, String messageId, String customId) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 3, user, false);
    interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
    interaction.set("message", message(messageId, FakeDiscord.GUILD_CHANNEL_ID, botUser(), ""));
    discord.dispatchInteraction(interaction);
    return id;
  }

  /** Submits the modal {@code customId} with {@code text} in its {@code answer} input. */
  String submitModal(String user, String customId, String text) {
    return submitModal(discord.nextId(), user, customId, text);
  }

  String submitModal(String id, String user, String customId, String text) {
    ObjectNode interaction = interaction(id, 5, user, false);
    ObjectNode data = interaction.putObject("data").put("custom_id", customId);
    ObjectNode label = data.putArray("components").addObject().put("type", 18).put("id", 1);
    label
        .putObject("component")
        .put("type", 4)
        .put("id", 2)
        .put("custom_id", "answer")
        .put("value", text);
    discord.dispatchInteraction(interaction);
    return id;
  }

  // ---- custom prompts ----

  /**
   * {@code /coach prompt SUB option:value...} in the server channel; returns the interaction id.
   */
  String prompt(String user, boolean organiser, String sub, Map<String, String> options) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 2, user, organiser);
    ObjectNode subcommand = group(interaction, "prompt").addObject();
    subcommand.put("name", sub).put("type", 1);
    ArrayNode values = subcommand.putArray("options");
    options.forEach(
        (name, value) -> values.addObject().put("name", name).put("type", 3).put("value", value));
    discord.dispatchInteraction(interaction);
    return id;
  }

  /** A click on button {@code customId} by a member who is (or isn't) an organiser. */
  String clickAs(String user, boolean organiser, String messageId, String customId) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 3, user, organiser);
    interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
    interaction.set("message", message(messageId, FakeDiscord.GUILD_CHANNEL_ID, botUser(), ""));
    discord.dispatchInteraction(interaction);
    return id;
  }

  /** Submits the modal {@code customId} with text inputs by custom id (labels around each). */
  String submitForm(String user, boolean organiser, String customId, Map<String, String> inputs) {
    String id = discord.nextId();
    ObjectNode interaction = interaction(id, 5, user, organiser);
    ObjectNode data = interaction.putObject("data").put("custom_id", customId);
    ArrayNode components = data.putArray("components");
    int n = 1;
    for (Map.Entry<String, String> input : inputs.entrySet()) {
      ObjectNode label = components.addObject().put("type", 18).put("id", n++);
      label
          .putObject("component")
          .put("type", 4)
          .put("id", n++)
          .put("custom_id", input.getKey())
          .put("value", input.getValue());
    }
    discord.dispatchInteraction(interaction);
    return id;
  }

  /** A member's message in thread {@code threadId}; returns the message id. */
  String threadMessage(String threadId, String user, String text) {
    String id = discord.nextId();
    ObjectNode message = message(id, threadId, user(user), text);
    message.put("guild_id", FakeDiscord.GUILD_ID);
    message.set("member", member(List.of()));
    discord.dispatch("MESSAGE_CREATE", message);
    return id;
  }

  private static ArrayNode group(ObjectNode interaction, String name) {
    ObjectNode data = interaction.putObject("data");
    data.put("id", "800").put("name", "coach").put("type", 1);
    ObjectNode group = data.putArray("options").addObject();
    group.put("name", name).put("type", 2);
    return group.putArray("options");
  }

  /** The common part of an interaction in the server channel, by a member. */
  static ObjectNode interaction(String id, int type, String user, boolean organiser) {
    ObjectNode interaction = JSON.createObjectNode();
    interaction
        .put("id", id)
        .put("application_id", FakeDiscord.BOT_ID)
        .put("type", type)
        .put("token", token(id))
        .put("version", 1)
        .put("locale", "en-US")
        .put("app_permissions", String.valueOf(INVITE_PERMISSIONS));
    interaction.putObject("authorizing_integration_owners").put("0", FakeDiscord.GUILD_ID);
    interaction
        .put("context", 0)
        .put("guild_id", FakeDiscord.GUILD_ID)
        .put("guild_locale", "en-US");
    interaction.put("channel_id", FakeDiscord.GUILD_CHANNEL_ID);
    interaction
        .putObject("channel")
        .put("id", FakeDiscord.GUILD_CHANNEL_ID)
        .put("type", 0)
        .put("name", "practice")
        .put("guild_id", FakeDiscord.GUILD_ID)
        .put("position", 0)
        .put("permissions", String.valueOf(INVITE_PERMISSIONS));
    interaction
        .putObject("guild")
        .put("id", FakeDiscord.GUILD_ID)
        .put("locale", "en-US")
        .putArray("features");
    ObjectNode member = member(organiser ? List.of(ORGANISER_ROLE) : List.of());
    member.set("user", user(user));
    member.put(
        "permissions", String.valueOf(INVITE_PERMISSIONS | (organiser ? MANAGE_CHANNELS : 0)));
    interaction.set("member", member);
    return interaction;
  }

  private static ObjectNode member(List<String> roles) {
    ObjectNode member = JSON.createObjectNode();
    ArrayNode list = member.putArray("roles");
    roles.forEach(list::add);
    member.put("joined_at", "2026-01-01T00:00:00.000000+00:00");
    member.put("deaf", false).put("mute", false).put("flags", 0);
    return member;
  }

  static ObjectNode user(String id) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", id).put("username", "user" + id).put("discriminator", "0").putNull("avatar");
    user.put("global_name", "Ada " + id).put("bot", false);
    return user;
  }

  static ObjectNode botUser() {
    ObjectNode bot = JSON.createObjectNode();
    bot.put("id", FakeDiscord.BOT_ID).put("username", "coach").put("discriminator", "0");
    bot.putNull("avatar").put("global_name", "coach").put("bot", true);
    return bot;
  }

  static ObjectNode message(String id, String channel, ObjectNode author, String text) {
    ObjectNode message = JSON.createObjectNode();
    message
        .put("id", id)
        .put("channel_id", channel)
        .put("type", 0)
        .put("content", text)
        .put("timestamp", "2026-12-07T09:00:00.000000+00:00")
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("flags", 0);
    message.set("author", author);
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    message.putArray("embeds");
    message.putArray("components");
    return message;
  }
}
