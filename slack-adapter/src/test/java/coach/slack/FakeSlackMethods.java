package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * FakeSlack's answers to authorized Web API calls, with the checks each method's documentation
 * lists: unknown channels ({@code channel_not_found}), unknown users ({@code user_not_found}),
 * message and view payloads ({@link SlackMessageRules}) and the upload steps ({@link
 * FakeSlackFiles}).
 */
final class FakeSlackMethods {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern USER_ID = Pattern.compile("[UW][A-Z0-9]+");

  private final String base;
  private final FakeSlackFiles files;
  private final Set<String> channels = ConcurrentHashMap.newKeySet();
  private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);

  /**
   * @param base the fake's {@code http://host:port}
   */
  FakeSlackMethods(String base, FakeSlackFiles files) {
    this.base = base;
    this.files = files;
    channels.add("C1");
  }

  void addChannel(String id) {
    channels.add(id);
  }

  ObjectNode answer(String method, Map<String, String> params) {
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    switch (method) {
      case "auth.test":
        return out.put("url", "https://team-one.slack.com/")
            .put("team", "Team One")
            .put("user", "coach")
            .put("team_id", "T1")
            .put("user_id", "UBOT")
            .put("bot_id", "B1");
      case "apps.connections.open":
        return out.put("url", base.replace("http://", "ws://") + "/link");
      case "chat.postMessage":
      case "chat.postEphemeral":
        {
          String channel = params.getOrDefault("channel", "");
          if (!knownChannel(channel)) {
            return error("channel_not_found");
          }
          if (method.equals("chat.postEphemeral") && !isUser(params.get("user"))) {
            return error("user_not_in_channel");
          }
          Optional<SlackMessageRules.Refusal> refusal = SlackMessageRules.message(params);
          if (refusal.isPresent()) {
            return refused(refusal.get());
          }
          return method.equals("chat.postMessage")
              ? out.put("channel", channel).put("ts", nextTs())
              : out.put("message_ts", nextTs());
        }
      case "conversations.open":
        {
          String users = params.getOrDefault("users", "");
          if (users.isEmpty()) {
            return error("users_list_not_supplied");
          }
          if (!isUser(users)) {
            return error("user_not_found");
          }
          out.putObject("channel").put("id", "D" + users);
          return out;
        }
      case "views.publish":
        {
          if (!isUser(params.get("user_id"))) {
            return error("invalid_arguments");
          }
          Optional<SlackMessageRules.Refusal> refusal =
              SlackMessageRules.view(params.getOrDefault("view", ""));
          if (refusal.isPresent()) {
            return refused(refusal.get());
          }
          out.putObject("view").put("id", "V1").put("type", "home");
          return out;
        }
      case "users.info":
        {
          String user = params.getOrDefault("user", "");
          if (!isUser(user)) {
            return error("user_not_found");
          }
          ObjectNode u = out.putObject("user");
          u.put("id", user).put("name", user.toLowerCase()).put("tz", "Europe/Berlin");
          u.putObject("profile").put("display_name", "Ada " + user).put("real_name", "Ada");
          return out;
        }
      case "files.getUploadURLExternal":
        return files
            .issue(params.get("filename"), params.getOrDefault("length", ""))
            .map(id -> out.put("upload_url", base + "/upload/" + id).put("file_id", id))
            .orElseGet(() -> error("invalid_arguments"));
      case "files.completeUploadExternal":
        return completeUpload(params, out);
      default:
        return error("unknown_method");
    }
  }

  private ObjectNode completeUpload(Map<String, String> params, ObjectNode out) {
    JsonNode list;
    try {
      list = JSON.readTree(params.getOrDefault("files", ""));
    } catch (Exception e) {
      list = null;
    }
    if (list == null || !list.isArray() || list.isEmpty()) {
      return error("invalid_arguments");
    }
    String channel = params.get("channel_id");
    if (channel != null && !knownChannel(channel)) {
      return error("channel_not_found");
    }
    for (JsonNode file : list) {
      Optional<String> refusal = files.refuseCompletion(file.path("id").asText());
      if (refusal.isPresent()) {
        return error(refusal.get());
      }
    }
    ArrayNode done = out.putArray("files");
    for (JsonNode file : list) {
      String id = file.path("id").asText();
      files.complete(id, channel);
      done.addObject().put("id", id).put("title", file.path("title").asText(files.filename(id)));
    }
    return out;
  }

  private boolean knownChannel(String channel) {
    return channels.contains(channel) || (channel.startsWith("D") && isUser(channel.substring(1)));
  }

  private static boolean isUser(String id) {
    return id != null && USER_ID.matcher(id).matches();
  }

  static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  private static ObjectNode refused(SlackMessageRules.Refusal refusal) {
    ObjectNode out = error(refusal.error());
    ArrayNode messages = out.putObject("response_metadata").putArray("messages");
    refusal.messages().forEach(messages::add);
    return out;
  }

  String nextTs() {
    long t = ts.incrementAndGet();
    return (t / 1_000_000) + "." + String.format("%06d", t % 1_000_000);
  }
}
