package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * {@code chat.update} for {@link FakeSlack}, on the messages the bot posted in {@link
 * FakeSlackChannels}' channels, with the rules of its documentation (docs.slack.dev
 * reference/methods/chat.update): {@code channel} must be a channel the fake knows ({@code
 * channel_not_found}), {@code ts} a message the bot posted there ({@code message_not_found}, also
 * without a ts), and the new content follows the message rules ({@code no_text}, {@code
 * msg_too_long}, {@code invalid_blocks}: 50 blocks and the Block Kit limits). The token is checked
 * by FakeSlack like every method's. An accepted edit replaces the message (history shows it) and is
 * listed by {@link #edits()}.
 */
final class FakeSlackUpdates implements FakeSlack.Extension {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One accepted edit. */
  record Edit(String channel, String ts, String text, JsonNode blocks) {}

  private final FakeSlackChannels channels;
  private final List<Edit> edits = new CopyOnWriteArrayList<>();

  FakeSlackUpdates(FakeSlack slack, FakeSlackChannels channels) {
    this.channels = channels;
    slack.extend(this);
  }

  @Override
  public Set<String> methods() {
    return Set.of("chat.update");
  }

  /** Every accepted edit, oldest first. */
  List<Edit> edits() {
    return List.copyOf(edits);
  }

  /** The accepted edits of one message, oldest first. */
  List<Edit> edits(String channel, String ts) {
    return edits.stream().filter(e -> e.channel().equals(channel) && e.ts().equals(ts)).toList();
  }

  @Override
  public Optional<FakeSlack.Answer> answer(String method, Map<String, String> params) {
    if (!method.equals("chat.update")) {
      return Optional.empty();
    }
    String channel = params.getOrDefault("channel", "");
    String ts = params.getOrDefault("ts", "");
    if (!channels.has(channel)) {
      return ok(error("channel_not_found"));
    }
    if (ts.isBlank() || channels.find(channel, ts).isEmpty()) {
      return ok(error("message_not_found"));
    }
    Optional<SlackMessageRules.Refusal> refusal = SlackMessageRules.message(params);
    if (refusal.isPresent()) {
      ObjectNode out = error(refusal.get().error());
      ArrayNode messages = out.putObject("response_metadata").putArray("messages");
      refusal.get().messages().forEach(messages::add);
      return ok(out);
    }
    JsonNode blocks;
    try {
      blocks = JSON.readTree(params.getOrDefault("blocks", "[]"));
    } catch (Exception e) {
      return ok(error("invalid_blocks_format"));
    }
    String text = params.getOrDefault("text", "");
    channels.replace(channel, ts, text, blocks);
    edits.add(new Edit(channel, ts, text, blocks));
    return ok(
        JSON.createObjectNode()
            .put("ok", true)
            .put("channel", channel)
            .put("ts", ts)
            .put("text", text));
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  private static Optional<FakeSlack.Answer> ok(ObjectNode body) {
    return Optional.of(new FakeSlack.Answer(200, Map.of(), body));
  }
}
