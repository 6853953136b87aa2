package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A loopback Slack for tests: the Web API ({@code POST /api/<method>}, recording every call), the
 * file upload URL, and the Socket Mode WebSocket that sends envelopes and records the acks. Team
 * T1, bot user UBOT; the DM channel of user U is {@code D} + U. A bot token {@code xoxb-revoked} is
 * refused.
 */
final class FakeSlack implements AutoCloseable {

  static final String BOT_TOKEN = "xoxb-test-bot";
  static final String APP_TOKEN = "xapp-test-app";

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One Web API call as received. */
  record Call(
      String method,
      Map<String, String> params,
      String authorization,
      long atNanos,
      JsonNode response) {
    String param(String name) {
      return params.getOrDefault(name, "");
    }

    JsonNode json(String name) {
      try {
        return JSON.readTree(param(name));
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }
  }

  /** A canned failure for the next call of a method. */
  record Failure(int status, Map<String, String> headers, String body) {}

  /** Answers a test adds (methods or channels this fake does not know); asked before the fake. */
  interface Extension {
    /** The answer to {@code method}, or empty to let the fake (or the next extension) answer. */
    Optional<Answer> answer(String method, Map<String, String> params);
  }

  /** An extension's answer: HTTP status, headers and JSON body. */
  record Answer(int status, Map<String, String> headers, JsonNode body) {}

  private final List<Extension> extensions = new CopyOnWriteArrayList<>();

  /** Lets {@code extension} answer Web API calls first. */
  void extend(Extension extension) {
    extensions.add(extension);
  }

  private final Javalin server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Map<String, Long> acks = new ConcurrentHashMap<>();
  private final Map<String, Long> sent = new ConcurrentHashMap<>();
  private final Map<String, JsonNode> ackPayloads = new ConcurrentHashMap<>();
  private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
  private final List<WsContext> sockets = new CopyOnWriteArrayList<>();
  private final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
  private final AtomicInteger envelopes = new AtomicInteger();
  private final AtomicInteger uploads = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();

  FakeSlack() {
    server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.post("/api/{method}", this::api);
              config.routes.post("/response", this::response);
              config.routes.post(
                  "/upload/{file}",
                  ctx -> {
                    uploads.incrementAndGet();
                    ctx.result("OK - " + ctx.bodyAsBytes().length);
                  });
              config.routes.ws(
                  "/link",
                  ws -> {
                    ws.onConnect(
                        ctx -> {
                          ctx.session.setIdleTimeout(Duration.ofMinutes(5));
                          sockets.add(ctx);
                          connections.incrementAndGet();
                          ctx.send(
                              "{\"type\":\"hello\",\"num_connections\":1,"
                                  + "\"connection_info\":{\"app_id\":\"A1\"}}");
                        });
                    ws.onClose(ctx -> sockets.removeIf(s -> s.sessionId().equals(ctx.sessionId())));
                    ws.onMessage(
                        ctx -> {
                          JsonNode ack = JSON.readTree(ctx.message());
                          if (ack.has("envelope_id")) {
                            acks.put(ack.get("envelope_id").asText(), System.nanoTime());
                            if (ack.has("payload")) {
                              ackPayloads.put(ack.get("envelope_id").asText(), ack.get("payload"));
                            }
                          }
                        });
                  });
            });
    server.start("127.0.0.1", 0);
  }

  /** The Web API base URL, as SLACK_API_URL would hold it. */
  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/api/");
  }

  int uploads() {
    return uploads.get();
  }

  /** Makes the next call of {@code method} fail with an HTTP status (and headers). */
  void failNext(String method, int status, Map<String, String> headers) {
    failures
        .computeIfAbsent(method, m -> new ArrayDeque<>())
        .add(new Failure(status, headers, "{\"ok\":false,\"error\":\"ratelimited\"}"));
  }

  private void api(Context ctx) throws Exception {
    String method = ctx.pathParam("method");
    Map<String, String> params = new LinkedHashMap<>();
    ctx.formParamMap().forEach((k, v) -> params.put(k, v.isEmpty() ? "" : v.get(0)));
    String auth = Optional.ofNullable(ctx.header("Authorization")).orElse("");
    if (params.containsKey("token")) {
      auth = "Bearer " + params.get("token");
    }
    long at = System.nanoTime();
    Deque<Failure> queued = failures.get(method);
    Failure failure = queued == null ? null : queued.poll();
    ctx.contentType("application/json");
    if (failure != null) {
      calls.add(new Call(method, params, auth, at, JSON.readTree(failure.body())));
      failure.headers().forEach(ctx::header);
      ctx.status(failure.status()).result(failure.body());
      return;
    }
    for (Extension extension : extensions) {
      Optional<Answer> extra = extension.answer(method, params);
      if (extra.isPresent()) {
        calls.add(new Call(method, params, auth, at, extra.get().body()));
        extra.get().headers().forEach(ctx::header);
        ctx.status(extra.get().status()).result(JSON.writeValueAsString(extra.get().body()));
        return;
      }
    }
    ObjectNode answer = answer(method, params, auth);
    calls.add(new Call(method, params, auth, at, answer));
    ctx.result(JSON.writeValueAsString(answer));
  }

  /**
   * A slash command's response_url: the JSON body is recorded as a call of method {@code response},
   * with {@code text}, {@code response_type} and {@code blocks} as parameters.
   */
  private void response(Context ctx) throws Exception {
    JsonNode body = JSON.readTree(ctx.body());
    Map<String, String> params = new LinkedHashMap<>();
    body.fields()
        .forEachRemaining(
            f ->
                params.put(
                    f.getKey(),
                    f.getValue().isTextual() ? f.getValue().asText() : f.getValue().toString()));
    Deque<Failure> queued = failures.get("response");
    Failure failure = queued == null ? null : queued.poll();
    int status = failure == null ? 200 : failure.status();
    calls.add(new Call("response", params, "", System.nanoTime(), JSON.createObjectNode()));
    ctx.status(status).result(status == 200 ? "ok" : "error");
  }

  private ObjectNode answer(String method, Map<String, String> params, String auth) {
    ObjectNode out = JSON.createObjectNode().put("ok", true);
    switch (method) {
      case "auth.test":
        if (auth.contains("revoked")) {
          return JSON.createObjectNode().put("ok", false).put("error", "invalid_auth");
        }
        return out.put("url", "https://team-one.slack.com/")
            .put("team", "Team One")
            .put("user", "coach")
            .put("team_id", "T1")
            .put("user_id", "UBOT")
            .put("bot_id", "B1");
      case "apps.connections.open":
        if (!auth.contains("xapp-")) {
          return JSON.createObjectNode().put("ok", false).put("error", "not_allowed_token_type");
        }
        return out.put("url", "ws://127.0.0.1:" + server.port() + "/link");
      case "chat.postMessage":
        out.put("channel", params.get("channel")).put("ts", nextTs());
        return out;
      case "chat.postEphemeral":
        return out.put("message_ts", nextTs());
      case "conversations.open":
        out.putObject("channel").put("id", "D" + params.getOrDefault("users", "X"));
        return out;
      case "views.publish":
        out.putObject("view").put("id", "V1").put("type", "home");
        return out;
      case "users.info":
        {
          String user = params.getOrDefault("user", "U0");
          ObjectNode u = out.putObject("user");
          u.put("id", user).put("name", user.toLowerCase()).put("tz", "Europe/Berlin");
          u.putObject("profile").put("display_name", "Ada " + user).put("real_name", "Ada");
          return out;
        }
      case "files.getUploadURLExternal":
        {
          String id = "F" + uploads.get() + "x" + calls.size();
          return out.put("upload_url", "http://127.0.0.1:" + server.port() + "/upload/" + id)
              .put("file_id", id);
        }
      case "files.completeUploadExternal":
        out.putArray("files").addObject().put("id", "F1").put("title", "file");
        return out;
      default:
        return out;
    }
  }

  private String nextTs() {
    long t = ts.incrementAndGet();
    return (t / 1_000_000) + "." + String.format("%06d", t % 1_000_000);
  }

  // ---- Socket Mode ----

  /** Waits until the app has a socket open. */
  void awaitConnected(Duration timeout) {
    await(() -> !sockets.isEmpty(), timeout, "no Socket Mode connection");
  }

  /** How many Socket Mode connections were opened so far. */
  int connections() {
    return connections.get();
  }

  /** Asks every connected client to reconnect, as Slack does before it recycles a server. */
  void askToReconnect() {
    for (WsContext socket : sockets) {
      socket.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\"}");
    }
  }

  /** Sends an envelope of {@code type} with {@code payload}; returns its envelope id. */
  String send(String type, JsonNode payload) {
    String envelopeId = "env-" + envelopes.incrementAndGet();
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId).put("type", type);
    envelope.set("payload", payload);
    envelope.put("accepts_response_payload", !type.equals("events_api"));
    envelope.put("retry_attempt", 0).put("retry_reason", "");
    String text = envelope.toString();
    WsContext socket = sockets.get(sockets.size() - 1);
    sent.put(envelopeId, System.nanoTime());
    socket.send(text);
    return envelopeId;
  }

  /** A DM event from {@code user} with a given event id and client message id. */
  String dm(String user, String text, String eventId, String clientMsgId) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "message")
        .put("channel_type", "im")
        .put("channel", "D" + user)
        .put("user", user)
        .put("team", "T1")
        .put("text", text)
        .put("ts", nextTs())
        .put("event_ts", "1.0");
    if (clientMsgId != null) {
      event.put("client_msg_id", clientMsgId);
    }
    return send("events_api", eventCallback(eventId, event));
  }

  /**
   * A {@code message_changed} event: {@code user} edited the DM sent with {@code clientMsgId} and
   * {@code ts}, from {@code before} to {@code after}.
   */
  String editDm(
      String user, String eventId, String clientMsgId, String ts, String before, String after) {
    ObjectNode event = JSON.createObjectNode();
    String editTs = nextTs();
    event
        .put("type", "message")
        .put("subtype", "message_changed")
        .put("channel_type", "im")
        .put("channel", "D" + user)
        .put("hidden", true)
        .put("ts", editTs)
        .put("event_ts", editTs);
    ObjectNode message = event.putObject("message");
    message
        .put("type", "message")
        .put("user", user)
        .put("team", "T1")
        .put("text", after)
        .put("client_msg_id", clientMsgId)
        .put("ts", ts);
    message.putObject("edited").put("user", user).put("ts", editTs);
    event
        .putObject("previous_message")
        .put("type", "message")
        .put("user", user)
        .put("text", before)
        .put("client_msg_id", clientMsgId)
        .put("ts", ts);
    return send("events_api", eventCallback(eventId, event));
  }

  String appHomeOpened(String user, String eventId) {
    ObjectNode event = JSON.createObjectNode();
    event
        .put("type", "app_home_opened")
        .put("user", user)
        .put("channel", "D" + user)
        .put("tab", "home")
        .put("event_ts", "1.0");
    return send("events_api", eventCallback(eventId, event));
  }

  String slash(String user, String channel, String text, String triggerId) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("token", "legacy")
        .put("team_id", "T1")
        .put("team_domain", "team-one")
        .put("channel_id", channel)
        .put("channel_name", channel.startsWith("D") ? "directmessage" : "general")
        .put("user_id", user)
        .put("user_name", user.toLowerCase())
        .put("command", "/coach")
        .put("text", text)
        .put("api_app_id", "A1")
        .put("response_url", "http://127.0.0.1:" + server.port() + "/response")
        .put("trigger_id", triggerId);
    return send("slash_commands", payload);
  }

  /** A click on a button of a message the bot posted in {@code channel} at {@code messageTs}. */
  String click(String user, String channel, String messageTs, String actionId, String actionTs) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("type", "block_actions")
        .put("api_app_id", "A1")
        .put("trigger_id", "tr-" + actionTs);
    payload.putObject("team").put("id", "T1").put("domain", "team-one");
    payload.putObject("user").put("id", user).put("username", "u").put("team_id", "T1");
    payload
        .putObject("container")
        .put("type", "message")
        .put("message_ts", messageTs)
        .put("channel_id", channel)
        .put("is_ephemeral", false);
    payload.putObject("channel").put("id", channel).put("name", "directmessage");
    payload.put("response_url", "http://127.0.0.1:" + server.port() + "/response");
    payload
        .putArray("actions")
        .addObject()
        .put("type", "button")
        .put("action_id", actionId)
        .put("block_id", "b1")
        .put("value", actionId)
        .put("action_ts", actionTs)
        .putObject("text")
        .put("type", "plain_text")
        .put("text", "button");
    return send("interactive", payload);
  }

  private static ObjectNode eventCallback(String eventId, ObjectNode event) {
    ObjectNode payload = JSON.createObjectNode();
    payload
        .put("token", "legacy")
        .put("team_id", "T1")
        .put("api_app_id", "A1")
        .put("type", "event_callback")
        .put("event_id", eventId)
        .put("event_time", 1_700_000_000);
    payload.set("event", event);
    payload.putArray("authorizations").addObject().put("team_id", "T1").put("user_id", "UBOT");
    return payload;
  }

  /** Waits for the app's ack of an envelope; returns nanoseconds from send to ack. */
  long awaitAck(String envelopeId, Duration timeout) {
    await(() -> acks.containsKey(envelopeId), timeout, "no ack for " + envelopeId);
    return acks.get(envelopeId) - sent.get(envelopeId);
  }

  /** What the app's ack of an envelope carried (a modal's errors ...), if anything. */
  Optional<JsonNode> ackPayload(String envelopeId) {
    return Optional.ofNullable(ackPayloads.get(envelopeId));
  }

  Optional<Long> sentAt(String envelopeId) {
    return Optional.ofNullable(sent.get(envelopeId));
  }

  Optional<Long> ackedAt(String envelopeId) {
    return Optional.ofNullable(acks.get(envelopeId));
  }

  // ---- recorded calls ----

  /** Every Web API call so far, in the order received. */
  List<Call> calls() {
    return List.copyOf(calls);
  }

  List<Call> calls(String method) {
    List<Call> out = new ArrayList<>();
    for (Call call : calls) {
      if (call.method().equals(method)) {
        out.add(call);
      }
    }
    return out;
  }

  List<Call> calls(String method, Predicate<Call> filter) {
    return calls(method).stream().filter(filter).toList();
  }

  /** Waits until at least {@code count} calls of {@code method} match; returns them all. */
  List<Call> awaitCalls(String method, Predicate<Call> filter, int count, Duration timeout) {
    await(
        () -> calls(method, filter).size() >= count,
        timeout,
        "expected " + count + " " + method + " calls, got " + calls(method, filter));
    return calls(method, filter);
  }

  static void await(BooleanSupplier condition, Duration timeout, String message) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out: " + message);
      }
      try {
        Thread.sleep(5);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted");
      }
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
