package coach.discord;

import coach.discord.DiscordMessageRules.Rejection;
import coach.discord.FakeDiscord.Routed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Editing one of the bot's channel messages, as Discord documents "Edit Message" ({@code PATCH
 * channels/C/messages/M}): a message that was never posted in that channel is 404 10008 "Unknown
 * Message" (the bot can only edit its own, and the fake knows only the bot's); the new body obeys
 * {@link DiscordMessageRules#checkEdit}; the answer is the edited message, with the same id and an
 * edit time.
 */
final class FakeMessageEdits implements FakeDiscord.Route {

  private static final Pattern EDIT = Pattern.compile("channels/([0-9]+)/messages/([0-9]+)");

  private final FakeDiscord discord;

  FakeMessageEdits(FakeDiscord discord) {
    this.discord = discord;
  }

  @Override
  public Optional<Routed> answer(String id, String method, String path, JsonNode body) {
    Matcher edit = EDIT.matcher(path);
    if (!method.equals("PATCH") || !edit.matches()) {
      return Optional.empty();
    }
    String channel = edit.group(1);
    String message = edit.group(2);
    if (!discord.botMessageChannel(message).map(channel::equals).orElse(false)) {
      return Optional.of(Routed.of(Rejection.of(404, 10008, "Unknown Message")));
    }
    Optional<Rejection> invalid = DiscordMessageRules.checkEdit(body, 0);
    if (invalid.isPresent()) {
      return Optional.of(Routed.of(invalid.get()));
    }
    ObjectNode edited = DiscordPayloads.botMessage(message, channel, body);
    edited.put("edited_timestamp", "2026-12-07T09:05:00.000000+00:00");
    return Optional.of(Routed.ok(edited));
  }
}
