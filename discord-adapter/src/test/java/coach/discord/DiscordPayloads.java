package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON objects the loopback Discord sends: users, messages (as REST answers and as gateway
 * events), the study server and interactions, with the fields JDA needs to build its entities.
 */
final class DiscordPayloads {

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscordPayloads() {}

  static ObjectNode botUser() {
    ObjectNode bot = user(FakeDiscord.BOT_ID, "coach");
    bot.put("bot", true).put("verified", true).put("mfa_enabled", false).put("flags", 0);
    return bot;
  }

  static ObjectNode user(String id, String name) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", id).put("username", name).put("discriminator", "0").putNull("avatar");
    user.put("global_name", name).put("bot", false);
    return user;
  }

  /** The message object Discord answers with after creating a message from {@code body}. */
  static ObjectNode botMessage(String id, String channel, JsonNode body) {
    ObjectNode message = message(id, channel, body.path("content").asText(""), botUser());
    message.put("flags", body.path("flags").asInt(0));
    ArrayNode embeds = message.putArray("embeds");
    for (JsonNode embed : body.path("embeds")) {
      embeds.add(((ObjectNode) embed.deepCopy()).put("type", "rich"));
    }
    message.set(
        "components",
        body.path("components").isArray() ? body.get("components") : JSON.createArrayNode());
    return message;
  }

  /** A message in a channel; no edit time, attachments, embeds or components. */
  static ObjectNode message(String id, String channel, String content, ObjectNode author) {
    ObjectNode message = JSON.createObjectNode();
    message
        .put("id", id)
        .put("channel_id", channel)
        .put("type", 0)
        .put("content", content)
        .put("timestamp", "2026-11-25T09:00:00.000000+00:00")
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

  /**
   * Study server {@value FakeDiscord#GUILD_ID} with channel {@value FakeDiscord#GUILD_CHANNEL_ID}.
   */
  static ObjectNode guild() {
    ObjectNode guild = JSON.createObjectNode();
    guild
        .put("id", FakeDiscord.GUILD_ID)
        .put("name", "Study Group")
        .putNull("icon")
        .put("owner_id", "1")
        .put("afk_timeout", 300)
        .put("verification_level", 0)
        .put("default_message_notifications", 0)
        .put("explicit_content_filter", 0)
        .put("mfa_level", 0)
        .put("member_count", 2)
        .put("preferred_locale", "en-US")
        .put("nsfw_level", 0)
        .put("premium_tier", 0)
        .put("large", false)
        .put("unavailable", false);
    guild.putArray("features");
    guild
        .putArray("roles")
        .addObject()
        .put("id", FakeDiscord.GUILD_ID)
        .put("name", "@everyone")
        .put("permissions", "3072")
        .put("position", 0)
        .put("color", 0)
        .put("hoist", false)
        .put("managed", false)
        .put("mentionable", false);
    ObjectNode channel = guild.putArray("channels").addObject();
    channel
        .put("id", FakeDiscord.GUILD_CHANNEL_ID)
        .put("type", 0)
        .put("name", "practice")
        .put("position", 0)
        .put("guild_id", FakeDiscord.GUILD_ID);
    channel.putArray("permission_overwrites");
    guild.putArray("threads");
    guild.putArray("emojis");
    guild.putArray("stickers");
    guild.putArray("voice_states");
    guild.putArray("guild_scheduled_events");
    ObjectNode self = guild.putArray("members").addObject();
    self.set("user", botUser());
    self.putArray("roles");
    self.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false);
    return guild;
  }

  /** The token Discord gives interaction {@code id}. */
  static String interactionToken(String id) {
    return "token-" + id;
  }

  /** The common part of an interaction, in a DM ({@code guild} false) or the server channel. */
  static ObjectNode interaction(String id, int type, String user, boolean guild) {
    ObjectNode interaction = JSON.createObjectNode();
    interaction
        .put("id", id)
        .put("application_id", FakeDiscord.BOT_ID)
        .put("type", type)
        .put("token", interactionToken(id))
        .put("version", 1)
        .put("locale", "en-US")
        .put("app_permissions", "0");
    interaction
        .putObject("authorizing_integration_owners")
        .put("0", guild ? FakeDiscord.GUILD_ID : user);
    if (guild) {
      interaction.put("context", 0).put("guild_id", FakeDiscord.GUILD_ID);
      interaction.put("guild_locale", "en-US").put("channel_id", FakeDiscord.GUILD_CHANNEL_ID);
      interaction
          .putObject("channel")
          .put("id", FakeDiscord.GUILD_CHANNEL_ID)
          .put("type", 0)
          .put("name", "practice")
          .put("guild_id", FakeDiscord.GUILD_ID)
          .put("position", 0)
          .put("permissions", "3072");
      interaction
          .putObject("guild")
          .put("id", FakeDiscord.GUILD_ID)
          .put("locale", "en-US")
          .putArray("features");
      ObjectNode member = interaction.putObject("member");
      member.set("user", user(user, "Ada " + user));
      member.putArray("roles");
      member.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("permissions", "3072");
      member.put("deaf", false).put("mute", false).put("flags", 0);
    } else {
      String dm = FakeDiscord.dmChannel(user);
      interaction.put("context", 1).put("channel_id", dm);
      ObjectNode channel = interaction.putObject("channel").put("id", dm).put("type", 1);
      channel.putArray("recipients").add(user(user, "Ada " + user));
      interaction.set("user", user(user, "Ada " + user));
    }
    return interaction;
  }

  /** A file attached to a user's message. */
  static ObjectNode attachment(String id, String fileName) {
    return JSON.createObjectNode()
        .put("id", id)
        .put("filename", fileName)
        .put("size", 1234)
        .put("url", "https://cdn.example/" + fileName)
        .put("proxy_url", "https://cdn.example/" + fileName)
        .put("content_type", "application/pdf");
  }

  /**
   * {@code /coach SUB [option:value]}. {@code focused} marks the option as being typed (an
   * autocomplete request, interaction type 4).
   */
  static ObjectNode slashCommand(
      String id,
      String user,
      boolean guild,
      String sub,
      String option,
      String value,
      boolean focused) {
    ObjectNode interaction = interaction(id, focused ? 4 : 2, user, guild);
    ObjectNode data = interaction.putObject("data");
    data.put("id", "800").put("name", "coach").put("type", 1);
    ObjectNode subcommand = data.putArray("options").addObject();
    subcommand.put("name", sub).put("type", 1);
    ArrayNode options = subcommand.putArray("options");
    if (option != null) {
      ObjectNode o = options.addObject().put("name", option).put("type", 3).put("value", value);
      if (focused) {
        o.put("focused", true);
      }
    }
    return interaction;
  }

  /** A click on a button with {@code customId} of the bot's message {@code messageId}. */
  static ObjectNode buttonClick(
      String id, String user, boolean guild, String channel, String messageId, String customId) {
    ObjectNode interaction = interaction(id, 3, user, guild);
    interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
    ObjectNode message = botMessage(messageId, channel, JSON.createObjectNode());
    if (guild) {
      message.put("flags", 64);
    }
    interaction.set("message", message);
    return interaction;
  }
}
