package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The users' direct messages to the bot, as {@code conversations.history} gives a DM channel's (ids
 * starting with {@code D}): the newest first, at most {@code limit} (default 100), with each
 * message's {@code user}, {@code text}, {@code ts} and {@code client_msg_id}. The fake keeps the
 * DMs it sent as events and those sent while the app was away (never sent as events). Other
 * channels are left to the fake's other answers.
 */
final class FakeSlackDmHistory implements FakeSlack.Extension {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Map<String, List<JsonNode>> byChannel = new ConcurrentHashMap<>();

  /** Keeps the message event {@code message} in its channel's history, as the newest. */
  void record(JsonNode message) {
    List<JsonNode> history =
        byChannel.computeIfAbsent(message.path("channel").asText(), c -> new ArrayList<>());
    ObjectNode kept = message.deepCopy();
    kept.remove("channel_type");
    synchronized (history) {
      history.add(kept);
    }
  }

  @Override
  public Set<String> methods() {
    return Set.of("conversations.history");
  }

  @Override
  public Optional<FakeSlack.Answer> answer(String method, Map<String, String> params) {
    String channel = params.getOrDefault("channel", "");
    if (!method.equals("conversations.history") || !channel.startsWith("D")) {
      return Optional.empty();
    }
    int limit = Integer.parseInt(params.getOrDefault("limit", "100"));
    ObjectNode out = JSON.createObjectNode().put("ok", true).put("has_more", false);
    ArrayNode messages = out.putArray("messages");
    List<JsonNode> history = byChannel.getOrDefault(channel, List.of());
    synchronized (history) {
      for (int i = history.size() - 1; i >= 0 && messages.size() < limit; i--) {
        messages.add(history.get(i));
      }
    }
    return Optional.of(new FakeSlack.Answer(200, Map.of(), out));
  }
}
