package coach.discord;

import coach.discord.FakeDiscord.Routed;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages of each channel, as Discord's "Get Channel Messages" ({@code GET
 * channels/C/messages}) gives them: the newest first, at most 50 (its default page). The fake keeps
 * the users' DMs it dispatched, those sent while the bot was away (never dispatched), and the bot's
 * own messages.
 */
final class FakeDmHistory implements FakeDiscord.Route {

  private static final Pattern MESSAGES = Pattern.compile("channels/([0-9]+)/messages");
  private static final int PAGE = 50;

  private final Map<String, List<JsonNode>> byChannel = new ConcurrentHashMap<>();

  /** Keeps {@code message} in its channel's history, as the newest. */
  void record(JsonNode message) {
    List<JsonNode> history =
        byChannel.computeIfAbsent(message.path("channel_id").asText(), c -> new ArrayList<>());
    synchronized (history) {
      history.add(message.deepCopy());
    }
  }

  @Override
  public Optional<Routed> answer(String id, String method, String path, JsonNode body) {
    Matcher messages = MESSAGES.matcher(path);
    if (!method.equals("GET") || !messages.matches()) {
      return Optional.empty();
    }
    List<JsonNode> history = byChannel.getOrDefault(messages.group(1), List.of());
    ArrayNode page = JsonNodeFactory.instance.arrayNode();
    synchronized (history) {
      for (int i = history.size() - 1; i >= 0 && page.size() < PAGE; i--) {
        page.add(history.get(i));
      }
    }
    return Optional.of(Routed.ok(page));
  }
}
