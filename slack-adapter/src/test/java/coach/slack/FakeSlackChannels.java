package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Team channels for {@link FakeSlack}, as an {@link FakeSlack.Extension}: the channels a test
 * declares (creator, whether the bot is a member, archived), their messages ({@code
 * chat.postMessage}, {@code conversations.history}, {@code chat.getPermalink}, {@code
 * reactions.add}; {@link FakeSlackUpdates} edits them), {@code conversations.info}, {@code
 * views.open} (checked by {@link FakeSlackViews}), and {@code users.info} with the admin and owner
 * flags and the display names a test sets. A test can make a method answer {@code missing_scope}
 * (naming the scope in {@code needed}) or a channel refuse posts with an error code, as Slack does
 * for a removed bot. It also sends channel events: thread replies, with {@code thread_ts}.
 */
final class FakeSlackChannels implements FakeSlack.Extension {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** A channel as conversations.info describes it. */
  private record Channel(String creator, boolean member, boolean archived) {}

  /** A message the bot posted in a channel. */
  record Posted(String channel, String ts, String text, JsonNode blocks) {}

  private final FakeSlack slack;
  private final Map<String, Channel> channels = new ConcurrentHashMap<>();
  private final Set<String> admins = ConcurrentHashMap.newKeySet();
  private final Map<String, String> displayNames = new ConcurrentHashMap<>();
  private final Map<String, String> postErrors = new ConcurrentHashMap<>();
  private final Set<String> lostAnswers = ConcurrentHashMap.newKeySet();
  private final Map<String, String> missingScopes = new ConcurrentHashMap<>();
  private final List<Posted> posted = new CopyOnWriteArrayList<>();
  private final AtomicLong ts = new AtomicLong(1_800_000_000_000_000L);
  private volatile Optional<String> grantedScopes = Optional.empty();

  FakeSlackChannels(FakeSlack slack) {
    this.slack = slack;
    slack.extend(this);
  }

  @Override
  public Set<String> methods() {
    return Set.of(
        "conversations.info",
        "conversations.history",
        "chat.getPermalink",
        "reactions.add",
        "views.open");
  }

  /** A public channel created by {@code creator}; {@code member}: whether the bot is in it. */
  void channel(String id, String creator, boolean member) {
    channels.put(id, new Channel(creator, member, false));
    if (member) {
      slack.addChannel(id); // so that ephemeral messages can go there too
    }
  }

  void admin(String user) {
    admins.add(user);
  }

  /** users.info gives {@code user} this display name (else "Ada " + id). */
  void displayName(String user, String name) {
    displayNames.put(user, name);
  }

  /** Whether {@code id} is one of the channels a test declared. */
  boolean has(String id) {
    return channels.containsKey(id);
  }

  /** The bot's message {@code ts} in {@code channel} as it reads now. */
  Optional<Posted> find(String channel, String ts) {
    return posted.stream()
        .filter(p -> p.channel().equals(channel) && p.ts().equals(ts))
        .findFirst();
  }

  /** Replaces the content of a posted message (chat.update); false when there is no such one. */
  boolean replace(String channel, String ts, String text, JsonNode blocks) {
    for (int i = 0; i < posted.size(); i++) {
      Posted p = posted.get(i);
      if (p.channel().equals(channel) && p.ts().equals(ts)) {
        posted.set(i, new Posted(channel, ts, text, blocks));
        return true;
      }
    }
    return false;
  }

  /** From now on chat.postMessage in {@code channel} answers {@code error} (not_in_channel). */
  void refusePosts(String channel, String error) {
    postErrors.put(channel, error);
  }

  /** The next post in {@code channel} goes out, but its answer is lost (HTTP 500). */
  void loseNextAnswer(String channel) {
    lostAnswers.add(channel);
  }

  /** From now on {@code method} answers missing_scope with {@code needed}. */
  void missingScope(String method, String scope) {
    missingScopes.put(method, scope);
  }

  /** auth.test's X-OAuth-Scopes header: the scopes of the installed token. */
  void grantedScopes(String commaList) {
    grantedScopes = Optional.of(commaList);
  }

  /** Messages the bot posted in channels, oldest first. */
  List<Posted> posted() {
    return List.copyOf(posted);
  }

  @Override
  public Optional<FakeSlack.Answer> answer(String method, Map<String, String> params) {
    String scope = missingScopes.get(method);
    if (scope != null) {
      ObjectNode error = error("missing_scope");
      error.put("needed", scope).put("provided", "chat:write,commands,im:history");
      return ok(error);
    }
    String channel = params.getOrDefault("channel", "");
    switch (method) {
      case "auth.test":
        return grantedScopes.map(
            scopes ->
                new FakeSlack.Answer(
                    200,
                    Map.of("X-OAuth-Scopes", scopes),
                    JSON.createObjectNode()
                        .put("ok", true)
                        .put("team", "Team One")
                        .put("user", "coach")
                        .put("team_id", "T1")
                        .put("user_id", "UBOT")
                        .put("bot_id", "B1")));
      case "users.info":
        return ok(user(params.getOrDefault("user", "U0")));
      case "conversations.info":
        return ok(info(channel));
      case "chat.postMessage":
        return channels.containsKey(channel) ? post(channel, params) : Optional.empty();
      case "chat.getPermalink":
        return ok(
            JSON.createObjectNode()
                .put("ok", true)
                .put("channel", channel)
                .put(
                    "permalink",
                    "https://team-one.slack.com/archives/"
                        + channel
                        + "/p"
                        + params.getOrDefault("message_ts", "").replace(".", "")));
      case "reactions.add":
        return ok(
            channels.containsKey(channel) && !params.getOrDefault("timestamp", "").isBlank()
                ? JSON.createObjectNode().put("ok", true)
                : error("channel_not_found"));
      case "views.open":
        return ok(
            FakeSlackViews.open(params)
                .map(FakeSlackChannels::refused)
                .orElseGet(
                    () -> {
                      ObjectNode out = JSON.createObjectNode().put("ok", true);
                      out.putObject("view").put("id", "VMODAL").put("type", "modal");
                      return out;
                    }));
      case "conversations.history":
        return ok(history(channel, params.getOrDefault("oldest", "0")));
      default:
        return Optional.empty();
    }
  }

  private Optional<FakeSlack.Answer> post(String channel, Map<String, String> params) {
    String error = postErrors.get(channel);
    if (error != null) {
      return ok(error(error));
    }
    Optional<SlackMessageRules.Refusal> refusal = SlackMessageRules.message(params);
    if (refusal.isPresent()) {
      return ok(error(refusal.get().error()));
    }
    String stamp = nextTs();
    JsonNode blocks;
    try {
      blocks = JSON.readTree(params.getOrDefault("blocks", "[]"));
    } catch (Exception e) {
      return ok(error("invalid_blocks"));
    }
    posted.add(new Posted(channel, stamp, params.getOrDefault("text", ""), blocks));
    if (lostAnswers.remove(channel)) {
      return Optional.of(new FakeSlack.Answer(500, Map.of(), error("internal_error")));
    }
    return ok(JSON.createObjectNode().put("ok", true).put("channel", channel).put("ts", stamp));
  }

  private ObjectNode user(String id) {
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    ObjectNode u = out.putObject("user");
    u.put("id", id).put("name", id.toLowerCase()).put("tz", "Europe/Berlin");
    u.put("is_admin", admins.contains(id)).put("is_owner", false);
    u.putObject("profile")
        .put("display_name", displayNames.getOrDefault(id, "Ada " + id))
        .put("real_name", "Ada");
    return out;
  }

  private ObjectNode info(String id) {
    Channel channel = channels.get(id);
    if (channel == null) {
      return error("channel_not_found");
    }
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    out.putObject("channel")
        .put("id", id)
        .put("name", "team-" + id.toLowerCase())
        .put("is_channel", true)
        .put("is_private", false)
        .put("is_archived", channel.archived())
        .put("is_member", channel.member())
        .put("creator", channel.creator());
    return out;
  }

  private ObjectNode history(String channel, String oldest) {
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    ArrayNode messages = out.putArray("messages");
    List<Posted> newestFirst = new ArrayList<>(posted);
    Collections.reverse(newestFirst);
    for (Posted p : newestFirst) {
      if (p.channel().equals(channel)
          && new BigDecimal(p.ts()).compareTo(new BigDecimal(oldest)) >= 0) {
        ObjectNode m = messages.addObject();
        m.put("type", "message").put("user", "UBOT").put("bot_id", "B1").put("ts", p.ts());
        m.put("text", p.text()).set("blocks", p.blocks());
      }
    }
    return out.put("has_more", false);
  }

  // ---- channel events ----

  /**
   * {@code user} replies in the thread of {@code threadTs} in {@code channel}; returns the envelope
   * id. The reply's own ts is {@code ts}.
   */
  String threadReply(
      String user,
      String channel,
      String threadTs,
      String text,
      String eventId,
      String clientMsgId,
      String ts) {
    return slack.send(
        "events_api",
        SlackEvents.eventCallback(
            eventId, threadMessage(user, channel, threadTs, text, clientMsgId, ts)));
  }

  /** A thread reply also sent to the channel (subtype {@code thread_broadcast}). */
  String threadBroadcast(
      String user, String channel, String threadTs, String text, String eventId, String ts) {
    ObjectNode event = threadMessage(user, channel, threadTs, text, "cm-" + eventId, ts);
    event.put("subtype", "thread_broadcast");
    return slack.send("events_api", SlackEvents.eventCallback(eventId, event));
  }

  private static ObjectNode threadMessage(
      String user, String channel, String threadTs, String text, String clientMsgId, String ts) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "message")
        .put("channel_type", "channel")
        .put("channel", channel)
        .put("user", user)
        .put("team", "T1")
        .put("text", text)
        .put("ts", ts)
        .put("thread_ts", threadTs)
        .put("parent_user_id", "UBOT")
        .put("event_ts", ts);
    if (clientMsgId != null) {
      event.put("client_msg_id", clientMsgId);
    }
    return event;
  }

  /**
   * {@code user} submits the daily schedule form opened for {@code channel}, with a time, a zone
   * and day codes; returns the envelope id (its ack carries the form's errors, if any).
   */
  String submitSchedule(String user, String channel, String time, String zone, List<String> days) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("type", "view_submission").put("api_app_id", "A1").put("trigger_id", "tr-v");
    payload.putObject("team").put("id", "T1").put("domain", "team-one");
    payload.putObject("user").put("id", user).put("username", "u").put("team_id", "T1");
    ObjectNode view = payload.putObject("view");
    view.put("id", "V" + nextTs().replace(".", ""))
        .put("type", "modal")
        .put("callback_id", "daily-schedule")
        .put("private_metadata", channel)
        .put("hash", "h-" + nextTs());
    ObjectNode values = view.putObject("state").putObject("values");
    values.putObject("time").putObject("time").put("type", "timepicker").put("selected_time", time);
    values.putObject("zone").putObject("zone").put("type", "plain_text_input").put("value", zone);
    ArrayNode selected =
        values
            .putObject("days")
            .putObject("days")
            .put("type", "checkboxes")
            .putArray("selected_options");
    for (String day : days) {
      selected
          .addObject()
          .put("value", day)
          .putObject("text")
          .put("type", "plain_text")
          .put("text", day);
    }
    return slack.send("interactive", payload);
  }

  /** A fresh message ts, as Slack would give a member's message. */
  String nextTs() {
    long t = ts.incrementAndGet();
    return (t / 1_000_000) + "." + String.format("%06d", t % 1_000_000);
  }

  private static ObjectNode error(String code) {
    return JSON.createObjectNode().put("ok", false).put("error", code);
  }

  private static ObjectNode refused(SlackMessageRules.Refusal refusal) {
    ObjectNode out = error(refusal.error());
    ArrayNode messages = out.putObject("response_metadata").putArray("messages");
    refusal.messages().forEach(messages::add);
    return out;
  }

  private static Optional<FakeSlack.Answer> ok(ObjectNode body) {
    return Optional.of(new FakeSlack.Answer(200, Map.of(), body));
  }
}
