package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Predicate;

/**
 * A loopback Slack for tests, as strict as Slack's documentation: the Web API ({@code POST
 * /api/<method>}, recording every call), a slash command's response_url, the file upload URL
 * ({@link FakeSlackFiles}) and the Socket Mode WebSocket ({@link FakeSocketMode}). Team T1, bot
 * user UBOT; the DM channel of user U is {@code D} + U; channel C1 exists.
 *
 * <p>Every Web API call needs a token ({@code not_authed} without one, {@code invalid_auth} for one
 * it does not know, {@code not_allowed_token_type} for the wrong kind: the app token only opens
 * connections); messages and views are checked by {@link SlackMessageRules}; unknown channels are
 * {@code channel_not_found}; unknown methods {@code unknown_method}; rate limits by tier ({@link
 * SlackRateLimits}) apply once a test asks for them. Calls the fake refused are listed by {@link
 * #refused()}; text that would notify someone by {@link #pings()}.
 */
final class FakeSlack implements AutoCloseable {

  static final String BOT_TOKEN = "xoxb-test-bot";
  static final String APP_TOKEN = "xapp-test-app";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> METHODS =
      Set.of(
          "auth.test",
          "apps.connections.open",
          "chat.postMessage",
          "chat.postEphemeral",
          "conversations.open",
          "views.publish",
          "users.info",
          "files.getUploadURLExternal",
          "files.completeUploadExternal");

  /** One call as received: a Web API method, or {@code response} for a response_url post. */
  record Call(
      String method,
      Map<String, String> params,
      String authorization,
      long atNanos,
      JsonNode response,
      boolean refused) {
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

  /**
   * Answers a test adds (methods or channels this fake does not know); asked, after the token and
   * rate-limit checks, before the fake's own answers.
   */
  interface Extension {
    /** Web API methods this extension adds to the ones the fake knows. */
    Set<String> methods();

    /** The answer to {@code method}, or empty to let the fake (or the next extension) answer. */
    Optional<Answer> answer(String method, Map<String, String> params);
  }

  /** An extension's answer: HTTP status, headers and JSON body. */
  record Answer(int status, Map<String, String> headers, ObjectNode body) {}

  private final List<Extension> extensions = new CopyOnWriteArrayList<>();

  /** Lets {@code extension} answer Web API calls first. */
  void extend(Extension extension) {
    extensions.add(extension);
  }

  private Optional<Answer> extensionAnswer(String method, Map<String, String> params) {
    for (Extension extension : extensions) {
      Optional<Answer> answer = extension.answer(method, params);
      if (answer.isPresent()) {
        return answer;
      }
    }
    return Optional.empty();
  }

  private final Javalin server;
  private final FakeSocketMode socket = new FakeSocketMode();
  private final FakeSlackFiles files = new FakeSlackFiles();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<String> pings = new CopyOnWriteArrayList<>();
  private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
  private final FakeSlackMethods methods;
  private final FakeSlackDmHistory dmHistory = new FakeSlackDmHistory();
  private volatile LongSupplier clock = System::nanoTime;
  private volatile SlackRateLimits limits;

  FakeSlack() {
    server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.post("/api/{method}", this::api);
              config.routes.post("/response", this::response);
              files.register(config);
              socket.register(config);
            });
    server.start("127.0.0.1", 0);
    methods = new FakeSlackMethods("http://127.0.0.1:" + server.port(), files);
    extend(dmHistory);
  }

  /** The Web API base URL, as SLACK_API_URL would hold it. */
  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/api/");
  }

  /** The clock Web API calls are stamped and rate limited with (nanoseconds). */
  void clock(LongSupplier clock) {
    this.clock = clock;
  }

  /** The clock Socket Mode acks are timed with (nanoseconds). */
  void socketClock(LongSupplier clock) {
    socket.clock(clock);
  }

  /**
   * From now on, answers calls over Slack's rate limits with HTTP 429 and {@code Retry-After}:
   * methods by tier, chat.postMessage one a second per channel after {@code postMessageBurst}.
   */
  void enforceRateLimits(int postMessageBurst) {
    limits = new SlackRateLimits(clock, postMessageBurst);
  }

  /** Makes a public channel known (C1 is). */
  void addChannel(String id) {
    methods.addChannel(id);
  }

  int uploads() {
    return files.uploads();
  }

  /** Files shared so far, with their bytes and the channel they were shared into. */
  List<FakeSlackFiles.Shared> sharedFiles() {
    return files.shared();
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
    long at = clock.getAsLong();
    Deque<Failure> queued = failures.get(method);
    Failure failure = queued == null ? null : queued.poll();
    ctx.contentType("application/json");
    if (failure != null) {
      calls.add(new Call(method, params, auth, at, JSON.readTree(failure.body()), false));
      failure.headers().forEach(ctx::header);
      ctx.status(failure.status()).result(failure.body());
      return;
    }
    Optional<String> refusal = authorize(method, auth);
    SlackRateLimits limiter = limits;
    OptionalLong retryAfter =
        refusal.isEmpty() && limiter != null
            ? limiter.take(method, params.get("channel"))
            : OptionalLong.empty();
    ObjectNode answer;
    if (refusal.isPresent()) {
      answer = FakeSlackMethods.error(refusal.get());
    } else if (retryAfter.isPresent()) {
      answer = FakeSlackMethods.error("ratelimited");
      ctx.status(429).header("Retry-After", String.valueOf(retryAfter.getAsLong()));
    } else {
      Optional<Answer> extra = extensionAnswer(method, params);
      if (extra.isPresent() && extra.get().status() != 200) { // a failure the test asked for
        calls.add(new Call(method, params, auth, at, extra.get().body(), false));
        extra.get().headers().forEach(ctx::header);
        ctx.status(extra.get().status()).result(JSON.writeValueAsString(extra.get().body()));
        return;
      }
      extra.ifPresent(a -> a.headers().forEach(ctx::header));
      answer = extra.map(Answer::body).orElseGet(() -> methods.answer(method, params));
    }
    boolean refused = !answer.path("ok").asBoolean();
    if (!refused && method.startsWith("chat.")) {
      SlackMessageRules.pings(params)
          .forEach(p -> pings.add(method + " " + params.get("channel") + ": " + p));
    }
    calls.add(new Call(method, params, auth, at, answer, refused));
    ctx.result(JSON.writeValueAsString(answer));
  }

  /** Why the token does not allow the call, as Slack's error code; empty when it does. */
  private Optional<String> authorize(String method, String auth) {
    if (!METHODS.contains(method)
        && extensions.stream().noneMatch(e -> e.methods().contains(method))) {
      return Optional.of("unknown_method");
    }
    String token = auth.startsWith("Bearer ") ? auth.substring(7).strip() : "";
    if (token.isEmpty()) {
      return Optional.of("not_authed");
    }
    boolean appToken = token.startsWith("xapp-");
    if (method.equals("apps.connections.open") != appToken) {
      return Optional.of("not_allowed_token_type");
    }
    return token.equals(appToken ? APP_TOKEN : BOT_TOKEN)
        ? Optional.empty()
        : Optional.of("invalid_auth");
  }

  /**
   * A slash command's response_url: the JSON body is recorded as a call of method {@code response},
   * with {@code text}, {@code response_type} and {@code blocks} as parameters. Blocks are held to
   * the message rules (a refusal answers HTTP 400 with the error code).
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
    Optional<SlackMessageRules.Refusal> refusal =
        failure == null ? SlackMessageRules.message(params) : Optional.empty();
    int status = failure != null ? failure.status() : refusal.isPresent() ? 400 : 200;
    ObjectNode answer =
        refusal
            .map(r -> FakeSlackMethods.error(r.error()))
            .orElseGet(() -> JSON.createObjectNode().put("ok", true));
    if (status == 200) {
      SlackMessageRules.pings(params).forEach(p -> pings.add("response: " + p));
    }
    calls.add(new Call("response", params, "", clock.getAsLong(), answer, refusal.isPresent()));
    ctx.status(status).result(status == 200 ? "ok" : refusal.map(r -> r.error()).orElse("error"));
  }

  // ---- Socket Mode ----

  void awaitConnected(Duration timeout) {
    socket.awaitConnected(timeout);
  }

  int connections() {
    return socket.connections();
  }

  void askToReconnect() {
    socket.askToReconnect();
  }

  /** Sends an envelope of {@code type} with {@code payload}; returns its envelope id. */
  String send(String type, JsonNode payload) {
    return socket.send(type, payload);
  }

  /** Delivers an envelope again as Slack's retry after a missed ack ({@code retry_attempt} + 1). */
  String redeliver(String envelopeId) {
    return socket.redeliver(envelopeId);
  }

  /** Late, unknown or missing acks (see {@link FakeSocketMode#problems()}). */
  List<String> ackProblems() {
    return socket.problems();
  }

  /** What the app's ack of an envelope carried (a modal's errors ...), if anything. */
  Optional<JsonNode> ackPayload(String envelopeId) {
    return socket.ackPayload(envelopeId);
  }

  /** Waits for the app's ack of an envelope; returns nanoseconds from send to ack. */
  long awaitAck(String envelopeId, Duration timeout) {
    return socket.awaitAck(envelopeId, timeout);
  }

  /** A DM event from {@code user} with a given event id and client message id. */
  String dm(String user, String text, String eventId, String clientMsgId) {
    ObjectNode message = SlackEvents.dm(user, text, methods.nextTs(), clientMsgId);
    dmHistory.record(message);
    return send("events_api", SlackEvents.eventCallback(eventId, message));
  }

  /**
   * A DM from {@code user} that Slack kept but never sent the app as an event (it was away longer
   * than Slack retries): only in the DM's history. Returns its client message id.
   */
  String dmWhileAway(String user, String text) {
    String clientMsgId = java.util.UUID.randomUUID().toString();
    dmHistory.record(SlackEvents.dm(user, text, methods.nextTs(), clientMsgId));
    return clientMsgId;
  }

  /** {@code user} edited the DM sent with {@code clientMsgId} and {@code ts}. */
  String editDm(
      String user, String eventId, String clientMsgId, String ts, String before, String after) {
    return send(
        "events_api",
        SlackEvents.eventCallback(
            eventId, SlackEvents.edit(user, clientMsgId, ts, methods.nextTs(), before, after)));
  }

  String appHomeOpened(String user, String eventId) {
    return send(
        "events_api",
        SlackEvents.eventCallback(eventId, SlackEvents.appHomeOpened(user, methods.nextTs())));
  }

  String slash(String user, String channel, String text, String triggerId) {
    return send("slash_commands", SlackEvents.slash(user, channel, text, triggerId, responseUrl()));
  }

  /** A click on a button of a message the bot posted in {@code channel} at {@code messageTs}. */
  String click(String user, String channel, String messageTs, String actionId, String actionTs) {
    return send(
        "interactive",
        SlackEvents.click(user, channel, messageTs, actionId, actionTs, responseUrl()));
  }

  private String responseUrl() {
    return "http://127.0.0.1:" + server.port() + "/response";
  }

  // ---- recorded calls ----

  /** Every call so far, in the order received. */
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

  /** Calls the fake refused by Slack's rules (not the failures a test queued with failNext). */
  List<Call> refused() {
    return calls.stream().filter(Call::refused).toList();
  }

  /** Mentions in accepted messages that Slack would turn into notifications. */
  List<String> pings() {
    return List.copyOf(pings);
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
