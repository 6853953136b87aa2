package coach.discord;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The interactions of mock sessions, as the loopback Discord dispatches them: {@code /coach mock
 * SUB} with typed options (a String is a string option, an Integer an integer, a Boolean a boolean,
 * a {@link Member} a user) in the server channel, typing in one of its options, a click on a
 * channel message's button by a member with a given name, and in a member's DMs a button click, a
 * string select menu's new values and a modal submitted.
 */
final class FakeMockInteractions {

  /** A user option's value: the member's id. */
  record Member(String id) {}

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeDiscord discord;

  FakeMockInteractions(FakeDiscord discord) {
    this.discord = discord;
  }

  /** {@code /coach mock SUB option:value...}; returns the interaction id. */
  String command(String user, boolean organiser, String sub, Map<String, Object> options) {
    return dispatch(commandInteraction(2, user, organiser, sub, options, null));
  }

  /** Typing {@code focused} in {@code /coach mock SUB}; returns the interaction id. */
  String autocomplete(String user, String sub, Map<String, Object> options, String focused) {
    return dispatch(commandInteraction(4, user, false, sub, options, focused));
  }

  /** {@code /coach mock SUB} in the bot's DMs; returns the interaction id. */
  String commandInDm(String user, String sub, Map<String, Object> options) {
    String id = discord.nextId();
    ObjectNode interaction = DiscordPayloads.interaction(id, 2, user, false);
    fill(interaction, sub, options, null);
    return dispatch(interaction);
  }

  private ObjectNode commandInteraction(
      int type,
      String user,
      boolean organiser,
      String sub,
      Map<String, Object> options,
      String focused) {
    ObjectNode interaction = FakeDiscordGuild.interaction(discord.nextId(), type, user, organiser);
    fill(interaction, sub, options, focused);
    return interaction;
  }

  private static void fill(
      ObjectNode interaction, String sub, Map<String, Object> options, String focused) {
    ObjectNode data = interaction.putObject("data");
    data.put("id", "800").put("name", "coach").put("type", 1);
    ObjectNode group = data.putArray("options").addObject().put("name", "mock").put("type", 2);
    ObjectNode subcommand = group.putArray("options").addObject().put("name", sub).put("type", 1);
    ArrayNode values = subcommand.putArray("options");
    options.forEach(
        (name, value) -> {
          ObjectNode option = values.addObject().put("name", name);
          if (value instanceof Integer n) {
            option.put("type", 4).put("value", n);
          } else if (value instanceof Boolean b) {
            option.put("type", 5).put("value", b);
          } else if (value instanceof Member m) {
            option.put("type", 6).put("value", m.id());
          } else {
            option.put("type", 3).put("value", value.toString());
          }
          if (name.equals(focused)) {
            option.put("focused", true);
          }
        });
  }

  /** A click on button {@code customId} of the channel message {@code messageId}, by a member. */
  String click(String user, String name, String messageId, String customId) {
    String id = discord.nextId();
    ObjectNode interaction = FakeDiscordGuild.interaction(id, 3, user, false);
    ((ObjectNode) interaction.get("member")).set("user", DiscordPayloads.user(user, name));
    interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
    interaction.set(
        "message",
        FakeDiscordGuild.message(
            messageId, FakeDiscord.GUILD_CHANNEL_ID, FakeDiscordGuild.botUser(), ""));
    return dispatch(interaction);
  }

  /** A click on button {@code customId} of the bot's DM message {@code messageId}. */
  String clickInDm(String user, String messageId, String customId) {
    String id = discord.nextId();
    return dispatch(
        DiscordPayloads.buttonClick(
            id, user, false, FakeDiscord.dmChannel(user), messageId, customId));
  }

  /** New values of the string select menu {@code customId} on the bot's DM message. */
  String selectInDm(String user, String messageId, String customId, List<String> values) {
    String id = discord.nextId();
    ObjectNode interaction = DiscordPayloads.interaction(id, 3, user, false);
    ObjectNode data =
        interaction.putObject("data").put("custom_id", customId).put("component_type", 3);
    ArrayNode chosen = data.putArray("values");
    values.forEach(chosen::add);
    interaction.set(
        "message",
        DiscordPayloads.botMessage(
            messageId, FakeDiscord.dmChannel(user), JSON.createObjectNode()));
    return dispatch(interaction);
  }

  /** Submits modal {@code customId} in the DMs with text inputs by custom id. */
  String submitInDm(String user, String customId, Map<String, String> inputs) {
    String id = discord.nextId();
    ObjectNode interaction = DiscordPayloads.interaction(id, 5, user, false);
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
    return dispatch(interaction);
  }

  private String dispatch(ObjectNode interaction) {
    discord.dispatchInteraction(interaction);
    return interaction.path("id").asText();
  }
}
