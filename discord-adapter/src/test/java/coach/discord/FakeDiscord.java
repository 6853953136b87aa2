package coach.discord;

import coach.discord.DiscordMessageRules.Rejection;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
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
 * A loopback Discord for tests: the REST API under {@code /api/v10/} (recording every request and
 * its answer) and the gateway WebSocket at {@code /gateway} (HELLO, IDENTIFY → READY, heartbeat
 * acks, RESUME → RESUMED), from which tests dispatch MESSAGE_CREATE and INTERACTION_CREATE events.
 * The bot is user {@value #BOT_ID} of application {@value #BOT_ID}; the DM channel of user U is
 * {@code 5} + U.
 *
 * <p>It refuses what Discord refuses: every REST call needs {@code Authorization: Bot} {@value
 * #TOKEN} (else 401; {@value #BAD_TOKEN} is such a token); message bodies obey {@link
 * DiscordMessageRules}; interaction answers obey {@link FakeInteractions}; IDENTIFY with a wrong
 * token closes the socket with 4004, and RESUME of a session it did not start (or has forgotten) is
 * answered with op 9 Invalid Session. Ids are snowflakes of the current time.
 */
final class FakeDiscord implements AutoCloseable {

  static final String TOKEN = "test-bot-token";
  static final String BAD_TOKEN = "revoked-token";
  static final String BOT_ID = "900";
  static final String GUILD_ID = "700";
  static final String GUILD_CHANNEL_ID = "701";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  /**
   * One REST request as received: method, path after /api/v10/, JSON body, file names, and the HTTP
   * status it was answered with; {@code id} is the id of the message it created, if it created one.
   */
  record Call(
      String id,
      String method,
      String path,
      JsonNode body,
      List<String> files,
      String authorization,
      long atNanos,
      int status) {

    /** Discord accepted it: a message it posted is there for the user to see. */
    boolean accepted() {
      return status >= 200 && status < 300;
    }

    /** The content plus every embed's text, one piece a line, for loose assertions. */
    String text() {
      JsonNode data = body.has("data") ? body.path("data") : body;
      List<String> parts = new ArrayList<>();
      parts.add(data.path("content").asText());
      for (JsonNode embed : data.path("embeds")) {
        parts.add(embed.path("title").asText());
        parts.add(embed.path("description").asText());
        for (JsonNode field : embed.path("fields")) {
          parts.add(field.path("name").asText() + ": " + field.path("value").asText());
        }
        parts.add(embed.path("footer").path("text").asText());
      }
      return String.join("\n", parts.stream().filter(p -> !p.isEmpty()).toList());
    }

    /** Custom ids of all buttons. */
    List<String> customIds() {
      List<String> ids = new ArrayList<>();
      for (JsonNode row : body.path("components")) {
        row.path("components").forEach(b -> ids.add(b.path("custom_id").asText()));
      }
      return ids;
    }

    boolean ephemeral() {
      JsonNode data = body.has("data") ? body.path("data") : body;
      return (data.path("flags").asInt() & 64) != 0;
    }
  }

  /** A canned failure for the next request matching a path. */
  record Failure(String pathPrefix, int status, Map<String, String> headers, String body) {}

  private record Answer(int status, String body, Map<String, String> headers) {
    static Answer ok(Object body) {
      return new Answer(200, body.toString(), Map.of());
    }

    static Answer of(Rejection rejection) {
      return new Answer(rejection.status(), rejection.body().toString(), Map.of());
    }
  }

  /** A file uploaded with request {@code callId} (multipart form data), as Discord received it. */
  record Upload(String callId, String fileName, byte[] data) {
    /**
     * The type Discord gives the attachment: JDA uploads every file as application/octet-stream,
     * and Discord goes by the file name's extension.
     */
    String contentType() {
      String name = fileName.toLowerCase(java.util.Locale.ROOT);
      return name.endsWith(".ics")
          ? "text/calendar; charset=utf-8"
          : name.endsWith(".png")
              ? "image/png"
              : name.endsWith(".txt") ? "text/plain; charset=utf-8" : "application/octet-stream";
    }
  }

  private volatile boolean withGuild;
  private final Javalin server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final List<Call> refusals = new CopyOnWriteArrayList<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final List<String> lostAnswers = new ArrayList<>();

  /**
   * Messages sent with a nonce, by channel and nonce: with {@code enforce_nonce} a second create
   * with the same nonce returns the first message instead of posting again, as Discord does.
   */
  private final Map<String, JsonNode> byNonce = new ConcurrentHashMap<>();

  private final FakeInteractions interactions = new FakeInteractions();
  private final FakeGateway gateway = new FakeGateway(this::gatewayUrl, () -> withGuild);
  private final AtomicInteger edits = new AtomicInteger();
  private final List<Upload> uploads = new CopyOnWriteArrayList<>();

  /** Every channel's messages, for "Get Channel Messages". */
  private final FakeDmHistory history = new FakeDmHistory();

  /** The bot's messages, by id, with the channel each was posted in. */
  private final Map<String, String> botMessages = new ConcurrentHashMap<>();

  /** The last snowflake handed out: JDA and the deadline derive an interaction's age from it. */
  private final AtomicLong ids = new AtomicLong();

  FakeDiscord() {
    server =
        Javalin.create(
            config -> {
              config.startup.showJavalinBanner = false;
              config.routes.get("/api/v10/<path>", this::rest);
              config.routes.post("/api/v10/<path>", this::rest);
              config.routes.put("/api/v10/<path>", this::rest);
              config.routes.patch("/api/v10/<path>", this::rest);
              config.routes.delete("/api/v10/<path>", this::rest);
              config.routes.ws("/gateway", gateway::configure);
            });
    server.start("127.0.0.1", 0);
    addRoute(new FakeMessageEdits(this));
    addRoute(history);
  }

  /** DISCORD_API_URL. */
  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/api/v10/");
  }

  /** DISCORD_GATEWAY_URL. */
  URI gatewayUrl() {
    return URI.create("ws://127.0.0.1:" + server.port() + "/gateway");
  }

  /** READY lists server {@value #GUILD_ID} (with channel {@value #GUILD_CHANNEL_ID}). */
  void withGuild() {
    withGuild = true;
  }

  static String dmChannel(String user) {
    return "5" + user;
  }

  /** A fresh snowflake of the current time. */
  String nextId() {
    long now = FakeInteractions.snowflake(Instant.now(), 0);
    return String.valueOf(ids.updateAndGet(last -> Math.max(last + 1, now)));
  }

  /** A snowflake of an earlier time (an interaction Discord created a while ago). */
  String idFrom(Instant at) {
    return String.valueOf(FakeInteractions.snowflake(at, ids.incrementAndGet()));
  }

  // ---- REST ----

  /** Makes the next request whose path starts with {@code pathPrefix} fail. */
  void failNext(String pathPrefix, int status, Map<String, String> headers, String body) {
    synchronized (failures) {
      failures.add(new Failure(pathPrefix, status, headers, body));
    }
  }

  /**
   * Lets the next request whose path starts with {@code pathPrefix} take effect but loses its
   * answer: the client gets a 502, as when a connection drops after Discord has acted.
   */
  void loseAnswerOfNext(String pathPrefix) {
    synchronized (lostAnswers) {
      lostAnswers.add(pathPrefix);
    }
  }

  /** The ids of the messages the bot has posted in a channel (each once). */
  List<String> botMessageIds(String channelId) {
    return botMessages.entrySet().stream()
        .filter(e -> e.getValue().equals(channelId))
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  private boolean takeLostAnswer(String path) {
    synchronized (lostAnswers) {
      for (int i = 0; i < lostAnswers.size(); i++) {
        if (path.startsWith(lostAnswers.get(i))) {
          lostAnswers.remove(i);
          return true;
        }
      }
      return false;
    }
  }

  private Optional<Failure> takeFailure(String path) {
    synchronized (failures) {
      for (Failure failure : failures) {
        if (path.startsWith(failure.pathPrefix())) {
          failures.remove(failure);
          return Optional.of(failure);
        }
      }
      return Optional.empty();
    }
  }

  private void rest(Context ctx) throws Exception {
    String path = ctx.path().substring("/api/v10/".length());
    String method = ctx.method().name();
    String auth = ctx.header("Authorization") == null ? "" : ctx.header("Authorization");
    JsonNode body = JSON.createObjectNode();
    List<String> files = new ArrayList<>();
    String id = nextId();
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.startsWith("multipart/")) {
      String payload = ctx.formParam("payload_json");
      body = payload == null ? body : JSON.readTree(payload);
      for (UploadedFile file : ctx.uploadedFiles()) {
        files.add(file.filename());
        try (var data = file.content()) {
          uploads.add(new Upload(id, file.filename(), data.readAllBytes()));
        }
      }
    } else if (type.startsWith("application/json")) {
      String raw = ctx.body();
      body = raw.isBlank() ? body : JSON.readTree(raw);
    }
    JsonNode parsed = body;
    Optional<Failure> canned = Optional.empty();
    boolean lost = false;
    Answer answer;
    if (!auth.equals("Bot " + TOKEN)) {
      answer = new Answer(401, "{\"message\":\"401: Unauthorized\",\"code\":0}", Map.of());
    } else {
      canned = takeFailure(path);
      answer =
          canned
              .map(f -> new Answer(f.status(), f.body(), f.headers()))
              .orElseGet(() -> route(id, method, path, parsed, files.size()));
      if (canned.isEmpty() && answer.status() < 400 && takeLostAnswer(path)) {
        lost = true;
        answer = new Answer(502, "{\"message\":\"502: Bad Gateway\",\"code\":0}", Map.of());
      }
    }
    Call call = new Call(id, method, path, body, files, auth, System.nanoTime(), answer.status());
    if (canned.isEmpty() && !lost && !call.accepted()) {
      refusals.add(call);
    }
    calls.add(call);
    ctx.contentType("application/json");
    // As Discord's own responses; JDA reads a 429 without it as Cloudflare's.
    ctx.header("Via", "1.1 google");
    answer.headers().forEach(ctx::header);
    ctx.status(answer.status());
    if (answer.status() != 204) {
      ctx.result(answer.body());
    }
  }

  private Answer route(String id, String method, String path, JsonNode body, int files) {
    String[] parts = path.split("/");
    if (path.equals("users/@me")) {
      return Answer.ok(DiscordPayloads.botUser());
    }
    if (path.matches("applications/[0-9]+(/guilds/[0-9]+)?/commands")) {
      ArrayNode out = JSON.createArrayNode();
      for (JsonNode command : body) {
        ObjectNode copy = command.deepCopy();
        copy.put("id", nextId()).put("application_id", BOT_ID).put("version", "1").put("type", 1);
        out.add(copy);
      }
      return Answer.ok(out);
    }
    if (path.equals("users/@me/channels")) {
      String recipient = body.path("recipient_id").asText();
      ObjectNode channel = JSON.createObjectNode().put("id", dmChannel(recipient)).put("type", 1);
      channel.putArray("recipients").add(DiscordPayloads.user(recipient, "user" + recipient));
      return Answer.ok(channel);
    }
    if (path.matches("channels/[0-9]+/messages") && method.equals("POST")) {
      Optional<Rejection> refused = DiscordMessageRules.checkNew(body, files);
      if (refused.isPresent()) {
        return Answer.of(refused.get());
      }
      String nonce = body.path("nonce").asText("");
      String nonceKey = parts[1] + ":" + nonce;
      if (!nonce.isEmpty() && body.path("enforce_nonce").asBoolean(false)) {
        JsonNode earlier = byNonce.get(nonceKey);
        if (earlier != null) {
          return Answer.ok(earlier);
        }
      }
      botMessages.put(id, parts[1]);
      JsonNode created = DiscordPayloads.botMessage(id, parts[1], body);
      history.record(created);
      if (!nonce.isEmpty()) {
        byNonce.putIfAbsent(nonceKey, created);
      }
      return Answer.ok(created);
    }
    if (path.matches("interactions/[0-9]+/[^/]+/callback") && method.equals("POST")) {
      return interactions
          .callback(parts[1], parts[2], body, files, Instant.now())
          .map(Answer::of)
          .orElseGet(() -> new Answer(204, "", Map.of()));
    }
    if (path.startsWith("webhooks/") && parts.length >= 3) {
      return interactions
          .webhook(parts[1], parts[2], method, body, files)
          .map(Answer::of)
          .orElseGet(() -> Answer.ok(DiscordPayloads.botMessage(id, "0", body)));
    }
    return extraRoute(id, method, path, body)
        .map(r -> new Answer(r.status(), r.body(), Map.of()))
        .orElseGet(() -> Answer.ok("{}"));
  }

  // ---- routes added by helpers (FakeMessageEdits, FakeDiscordGuild, FakeScheduledEvents) ----

  /** What a helper's route answers: an HTTP status and a JSON body (none with 204). */
  record Routed(int status, String body) {
    static Routed ok(Object body) {
      return new Routed(200, body.toString());
    }

    static Routed noContent() {
      return new Routed(204, "");
    }

    static Routed of(Rejection rejection) {
      return new Routed(rejection.status(), rejection.body().toString());
    }
  }

  /** A REST route a helper adds: the answer, or empty when the request is not its own. */
  interface Route {
    Optional<Routed> answer(String id, String method, String path, JsonNode body);
  }

  /** The channel the bot posted message {@code id} in, if it did. */
  Optional<String> botMessageChannel(String id) {
    return Optional.ofNullable(botMessages.get(id));
  }

  /** Files uploaded so far, in order. */
  List<Upload> uploads() {
    return List.copyOf(uploads);
  }

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  void addRoute(Route route) {
    routes.add(route);
  }

  private Optional<Routed> extraRoute(String id, String method, String path, JsonNode body) {
    for (Route route : routes) {
      Optional<Routed> answer = route.answer(id, method, path, body);
      if (answer.isPresent()) {
        return answer;
      }
    }
    return Optional.empty();
  }

  List<Call> calls() {
    return List.copyOf(calls);
  }

  /**
   * Requests refused by one of Discord's rules (not by a failure a test asked for): each is
   * something the real Discord would have refused too.
   */
  List<Call> refusals() {
    return List.copyOf(refusals);
  }

  List<Call> calls(Predicate<Call> filter) {
    return calls.stream().filter(filter).toList();
  }

  /** Waits until at least {@code count} requests match, and returns them all. */
  List<Call> awaitCalls(Predicate<Call> filter, int count, Duration timeout) {
    await(() -> calls(filter).size() >= count, timeout, count + " matching requests");
    return calls(filter);
  }

  static Predicate<Call> postTo(String pathRegex) {
    return c -> c.method().equals("POST") && c.path().matches(pathRegex);
  }

  /** Messages posted (or tried) into the DM of {@code user}. */
  static Predicate<Call> inDm(String user) {
    return postTo("channels/" + dmChannel(user) + "/messages");
  }

  /** Requests Discord accepted: what the user sees. */
  static Predicate<Call> accepted(Predicate<Call> filter) {
    return filter.and(Call::accepted);
  }

  // ---- gateway ----

  /** Sends an event to the connected client; returns once it has been written to the socket. */
  void dispatch(String type, JsonNode data) {
    gateway.dispatch(type, data);
  }

  /** Waits until the client has identified (or resumed) on a live socket. */
  void awaitConnected(Duration timeout) {
    gateway.awaitConnected(timeout);
  }

  /** The gateway: sessions, what the client sent, dropped connections. */
  FakeGateway gateway() {
    return gateway;
  }

  // ---- events ----

  /** A DM from {@code user}; returns the message id. */
  String dm(String user, String text) {
    return dm(user, text, nextId(), false);
  }

  /** A DM with a given id (the same id again is a redelivery), from a user or a bot. */
  String dm(String user, String text, String messageId, boolean fromBot) {
    ObjectNode author = DiscordPayloads.user(user, "Ada " + user);
    author.put("bot", fromBot);
    ObjectNode message = DiscordPayloads.message(messageId, dmChannel(user), text, author);
    history.record(message);
    dispatch("MESSAGE_CREATE", message);
    return messageId;
  }

  /**
   * A DM from {@code user} that Discord kept but never delivered to the bot (it was away, or went
   * down as it arrived): only in the channel's history. Returns the message id.
   */
  String dmWhileAway(String user, String text) {
    String id = nextId();
    ObjectNode author = DiscordPayloads.user(user, "Ada " + user);
    history.record(DiscordPayloads.message(id, dmChannel(user), text, author));
    return id;
  }

  /** A DM with an attachment. */
  String dmWithFile(String user, String text) {
    String id = nextId();
    ObjectNode author = DiscordPayloads.user(user, "Ada " + user);
    ObjectNode message = DiscordPayloads.message(id, dmChannel(user), text, author);
    message.putArray("attachments").add(DiscordPayloads.attachment(nextId(), "answer.pdf"));
    history.record(message);
    dispatch("MESSAGE_CREATE", message);
    return id;
  }

  /** An edit of an earlier DM; each edit gets a later edit time. */
  void editDm(String user, String messageId, String text) {
    int edit = edits.incrementAndGet();
    ObjectNode message =
        DiscordPayloads.message(
            messageId, dmChannel(user), text, DiscordPayloads.user(user, "Ada " + user));
    message.put("edited_timestamp", String.format("2026-11-25T09:%02d:00.000000+00:00", edit));
    dispatch("MESSAGE_UPDATE", message);
  }

  /** Dispatches an interaction Discord now knows of (its callback may follow within 3 s). */
  void dispatchInteraction(ObjectNode interaction) {
    interactions.dispatched(interaction.path("id").asText(), interaction.path("token").asText());
    dispatch("INTERACTION_CREATE", interaction);
  }

  /**
   * {@code /coach SUB [option:value]}; returns the interaction id. {@code focused} marks the option
   * as being typed (an autocomplete request, interaction type 4).
   */
  String slash(
      String interactionId,
      String user,
      boolean guild,
      String sub,
      String option,
      String value,
      boolean focused) {
    ObjectNode interaction =
        DiscordPayloads.slashCommand(interactionId, user, guild, sub, option, value, focused);
    dispatchInteraction(interaction);
    return interactionId;
  }

  String slash(String user, boolean guild, String sub, String option, String value) {
    return slash(nextId(), user, guild, sub, option, value, false);
  }

  /** A click on a button with {@code customId} of the bot's message {@code messageId}. */
  String click(
      String interactionId, String user, boolean guild, String messageId, String customId) {
    String channel = guild ? GUILD_CHANNEL_ID : dmChannel(user);
    ObjectNode interaction =
        DiscordPayloads.buttonClick(interactionId, user, guild, channel, messageId, customId);
    dispatchInteraction(interaction);
    return interactionId;
  }

  static void await(BooleanSupplier condition, Duration timeout, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out waiting for " + what);
      }
      try {
        Thread.sleep(10);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError(e);
      }
    }
  }

  @Override
  public void close() {
    server.stop();
  }
}
