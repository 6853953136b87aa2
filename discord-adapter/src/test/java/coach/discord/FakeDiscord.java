package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.UploadedFile;
import io.javalin.websocket.WsContext;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;

/**
 * A loopback Discord for tests: the REST API under {@code /api/v10/} (recording every request) and
 * the gateway WebSocket at {@code /gateway} (HELLO, IDENTIFY → READY, heartbeat acks, RESUME →
 * RESUMED), from which tests dispatch MESSAGE_CREATE and INTERACTION_CREATE events. The bot is user
 * {@value #BOT_ID} of application {@value #BOT_ID}; the DM channel of user U is {@code 5} + U. The
 * token {@value #BAD_TOKEN} is refused with 401.
 */
final class FakeDiscord implements AutoCloseable {

  static final String TOKEN = "test-bot-token";
  static final String BAD_TOKEN = "revoked-token";
  static final String BOT_ID = "900";
  static final String GUILD_ID = "700";
  static final String GUILD_CHANNEL_ID = "701";

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * One REST request as received: method, path after /api/v10/, JSON body, file names; {@code id}
   * is the id of the message it created, if it created one.
   */
  record Call(
      String id,
      String method,
      String path,
      JsonNode body,
      List<String> files,
      String authorization,
      long atNanos) {

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

  private final Javalin server;
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Deque<Failure> failures = new ArrayDeque<>();
  private final List<WsContext> sockets = new CopyOnWriteArrayList<>();
  private final List<JsonNode> gatewayPayloads = new CopyOnWriteArrayList<>();
  private final AtomicInteger sequence = new AtomicInteger();

  /** Snowflakes from now on: JDA derives an interaction's age from its id. */
  private final AtomicLong ids =
      new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);

  private final AtomicInteger sessions = new AtomicInteger();
  private volatile boolean withGuild;

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
              config.routes.ws(
                  "/gateway",
                  ws -> {
                    ws.onConnect(
                        ctx -> {
                          ctx.session.setIdleTimeout(Duration.ofMinutes(5));
                          sockets.add(ctx);
                          ctx.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
                        });
                    ws.onClose(ctx -> sockets.removeIf(s -> s.sessionId().equals(ctx.sessionId())));
                    ws.onMessage(ctx -> gateway(ctx, JSON.readTree(ctx.message())));
                  });
            });
    server.start("127.0.0.1", 0);
  }

  /** DISCORD_API_URL. */
  URI apiUrl() {
    return URI.create("http://127.0.0.1:" + server.port() + "/api/v10/");
  }

  /** DISCORD_GATEWAY_URL. */
  URI gatewayUrl() {
    return URI.create("ws://127.0.0.1:" + server.port() + "/gateway");
  }

  private volatile long disallowedIntents;

  /** IDENTIFY asking for any of these intents is refused (4014), as for an intent not enabled. */
  void disallowIntents(long intents) {
    disallowedIntents = intents;
  }

  /** READY lists server {@value #GUILD_ID} (with channel {@value #GUILD_CHANNEL_ID}). */
  void withGuild() {
    withGuild = true;
  }

  private final java.util.concurrent.atomic.AtomicInteger edits =
      new java.util.concurrent.atomic.AtomicInteger();

  static String dmChannel(String user) {
    return "5" + user;
  }

  // ---- REST ----

  /** Makes the next request whose path starts with {@code pathPrefix} fail. */
  void failNext(String pathPrefix, int status, Map<String, String> headers, String body) {
    synchronized (failures) {
      failures.add(new Failure(pathPrefix, status, headers, body));
    }
  }

  private Failure takeFailure(String path) {
    synchronized (failures) {
      for (Failure failure : failures) {
        if (path.startsWith(failure.pathPrefix())) {
          failures.remove(failure);
          return failure;
        }
      }
      return null;
    }
  }

  private void rest(Context ctx) throws Exception {
    String path = ctx.path().substring("/api/v10/".length());
    String method = ctx.method().name();
    String auth = ctx.header("Authorization") == null ? "" : ctx.header("Authorization");
    JsonNode body = JSON.createObjectNode();
    List<String> files = new ArrayList<>();
    String type = ctx.contentType() == null ? "" : ctx.contentType();
    if (type.startsWith("multipart/")) {
      String payload = ctx.formParam("payload_json");
      body = payload == null ? body : JSON.readTree(payload);
      for (UploadedFile file : ctx.uploadedFiles()) {
        files.add(file.filename());
      }
    } else if (type.startsWith("application/json")) {
      String raw = ctx.body();
      body = raw.isBlank() ? body : JSON.readTree(raw);
    }
    String id = nextId();
    calls.add(new Call(id, method, path, body, files, auth, System.nanoTime()));
    ctx.contentType("application/json");
    ctx.header(
        "Via",
        "1.1 google"); // as Discord's own responses; JDA reads a 429 without it as Cloudflare's
    Failure failure = takeFailure(path);
    if (failure != null) {
      failure.headers().forEach(ctx::header);
      ctx.status(failure.status()).result(failure.body());
      return;
    }
    if (!auth.equals("Bot " + TOKEN)) {
      ctx.status(401).result("{\"message\":\"401: Unauthorized\",\"code\":0}");
      return;
    }
    if (path.equals("users/@me")) {
      ctx.result(botUser().toString());
    } else if (path.matches("applications/[0-9]+(/guilds/[0-9]+)?/commands")) {
      ArrayNode out = JSON.createArrayNode();
      for (JsonNode command : body) {
        ObjectNode copy = command.deepCopy();
        copy.put("id", String.valueOf(ids.incrementAndGet()))
            .put("application_id", BOT_ID)
            .put("version", "1")
            .put("type", 1);
        out.add(copy);
      }
      ctx.result(out.toString());
    } else if (path.equals("users/@me/channels")) {
      String recipient = body.path("recipient_id").asText();
      ObjectNode channel = JSON.createObjectNode().put("id", dmChannel(recipient)).put("type", 1);
      channel.putArray("recipients").add(user(recipient, "user" + recipient));
      ctx.result(channel.toString());
    } else if (path.matches("channels/[0-9]+/messages") && method.equals("POST")) {
      ctx.result(message(id, path.split("/")[1], body).toString());
    } else if (path.startsWith("interactions/")) {
      ctx.status(204);
    } else if (path.startsWith("webhooks/")) {
      ctx.result(message(id, "0", body).toString());
    } else {
      ctx.result(extraRoute(id, method, path, body).orElse("{}"));
    }
  }

  // ---- routes added by test helpers (FakeDiscordGuild) ----

  /** A REST route a helper adds: the JSON answer, or empty when the request is not its own. */
  interface Route {
    java.util.Optional<String> answer(String id, String method, String path, JsonNode body);
  }

  private final List<Route> routes = new CopyOnWriteArrayList<>();

  void addRoute(Route route) {
    routes.add(route);
  }

  private java.util.Optional<String> extraRoute(
      String id, String method, String path, JsonNode body) {
    for (Route route : routes) {
      java.util.Optional<String> answer = route.answer(id, method, path, body);
      if (answer.isPresent()) {
        return answer;
      }
    }
    return java.util.Optional.empty();
  }

  private ObjectNode message(String id, String channel, JsonNode body) {
    ObjectNode message = JSON.createObjectNode();
    message
        .put("id", id)
        .put("channel_id", channel)
        .put("type", 0)
        .put("content", body.path("content").asText(""))
        .put("timestamp", "2026-11-25T09:00:00.000000+00:00")
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("flags", body.path("flags").asInt(0));
    message.set("author", botUser());
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    ArrayNode embeds = message.putArray("embeds");
    for (JsonNode embed : body.path("embeds")) {
      embeds.add(((ObjectNode) embed.deepCopy()).put("type", "rich"));
    }
    message.set(
        "components",
        body.path("components").isArray() ? body.get("components") : JSON.createArrayNode());
    return message;
  }

  private static ObjectNode botUser() {
    ObjectNode bot = user(BOT_ID, "coach");
    bot.put("bot", true).put("verified", true).put("mfa_enabled", false).put("flags", 0);
    return bot;
  }

  private static ObjectNode user(String id, String name) {
    ObjectNode user = JSON.createObjectNode();
    user.put("id", id).put("username", name).put("discriminator", "0").putNull("avatar");
    user.put("global_name", name).put("bot", false);
    return user;
  }

  List<Call> calls() {
    return List.copyOf(calls);
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

  /** Messages posted into the DM of {@code user}. */
  static Predicate<Call> inDm(String user) {
    return postTo("channels/" + dmChannel(user) + "/messages");
  }

  // ---- gateway ----

  private void gateway(WsContext ctx, JsonNode payload) {
    gatewayPayloads.add(payload);
    switch (payload.path("op").asInt()) {
      case 1 -> ctx.send("{\"op\":11}");
      case 2 -> {
        if (!payload.path("d").path("token").asText().equals(TOKEN)) {
          ctx.closeSession(4004, "Authentication failed.");
          return;
        }
        if ((payload.path("d").path("intents").asLong() & disallowedIntents) != 0) {
          ctx.closeSession(4014, "Disallowed intent(s).");
          return;
        }
        ObjectNode ready = JSON.createObjectNode();
        ready.put("v", 10).put("session_id", "session-" + sessions.incrementAndGet());
        ready.put("resume_gateway_url", gatewayUrl().toString());
        ready.set("user", botUser());
        ready.putObject("application").put("id", BOT_ID).put("flags", 0);
        ready.putArray("private_channels");
        ArrayNode guilds = ready.putArray("guilds");
        if (withGuild) {
          guilds.addObject().put("id", GUILD_ID).put("unavailable", true);
        }
        sequence.set(0);
        dispatch(ctx, "READY", ready);
        if (withGuild) {
          dispatch(ctx, "GUILD_CREATE", guild());
        }
      }
      case 6 -> dispatch(ctx, "RESUMED", JSON.createObjectNode());
      default -> {}
    }
  }

  private ObjectNode guild() {
    ObjectNode guild = JSON.createObjectNode();
    guild
        .put("id", GUILD_ID)
        .put("name", "Study Group")
        .putNull("icon")
        .put("owner_id", "1")
        .put("afk_timeout", 300)
        .put("verification_level", 0)
        .put("default_message_notifications", 0)
        .put("explicit_content_filter", 0)
        .put("mfa_level", 0)
        .put("member_count", 2)
        .put("preferred_locale", "en-US")
        .put("nsfw_level", 0)
        .put("premium_tier", 0)
        .put("large", false)
        .put("unavailable", false);
    guild.putArray("features");
    guild
        .putArray("roles")
        .addObject()
        .put("id", GUILD_ID)
        .put("name", "@everyone")
        .put("permissions", "3072")
        .put("position", 0)
        .put("color", 0)
        .put("hoist", false)
        .put("managed", false)
        .put("mentionable", false);
    ObjectNode channel = guild.putArray("channels").addObject();
    channel
        .put("id", GUILD_CHANNEL_ID)
        .put("type", 0)
        .put("name", "practice")
        .put("position", 0)
        .put("guild_id", GUILD_ID);
    channel.putArray("permission_overwrites");
    guild.putArray("threads");
    guild.putArray("emojis");
    guild.putArray("stickers");
    guild.putArray("voice_states");
    guild.putArray("guild_scheduled_events");
    ObjectNode self = guild.putArray("members").addObject();
    self.set("user", botUser());
    self.putArray("roles");
    self.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("deaf", false).put("mute", false);
    return guild;
  }

  private void dispatch(WsContext ctx, String type, JsonNode data) {
    ObjectNode payload = JSON.createObjectNode();
    payload.put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
    payload.set("d", data);
    ctx.send(payload.toString());
  }

  /** Sends an event to the connected client. */
  void dispatch(String type, JsonNode data) {
    await(() -> !sockets.isEmpty(), Duration.ofSeconds(10), "a gateway connection");
    dispatch(sockets.get(sockets.size() - 1), type, data);
  }

  /** Waits until the client has identified (or resumed) on a live socket. */
  void awaitConnected(Duration timeout) {
    await(() -> !sockets.isEmpty() && identifies() + resumes() > 0, timeout, "a gateway session");
  }

  int identifies() {
    return (int) gatewayPayloads.stream().filter(p -> p.path("op").asInt() == 2).count();
  }

  int resumes() {
    return (int) gatewayPayloads.stream().filter(p -> p.path("op").asInt() == 6).count();
  }

  JsonNode identify() {
    return gatewayPayloads.stream()
        .filter(p -> p.path("op").asInt() == 2)
        .findFirst()
        .orElseThrow();
  }

  /** Closes the gateway socket from the server side, as Discord does now and then. */
  void dropConnection(int code) {
    for (WsContext socket : sockets) {
      socket.closeSession(code, "dropped by the test");
    }
  }

  int openSockets() {
    return sockets.size();
  }

  // ---- events ----

  String nextId() {
    return String.valueOf(ids.incrementAndGet());
  }

  /** A DM from {@code user}; returns the message id. */
  String dm(String user, String text) {
    return dm(user, text, nextId(), false);
  }

  String dm(String user, String text, String messageId, boolean fromBot) {
    ObjectNode message = JSON.createObjectNode();
    message
        .put("id", messageId)
        .put("channel_id", dmChannel(user))
        .put("type", 0)
        .put("content", text)
        .put("timestamp", "2026-11-25T09:00:00.000000+00:00")
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("flags", 0);
    ObjectNode author = user(user, "Ada " + user);
    author.put("bot", fromBot);
    message.set("author", author);
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    message.putArray("embeds");
    message.putArray("components");
    dispatch("MESSAGE_CREATE", message);
    return messageId;
  }

  /** A DM with an attachment. */
  String dmWithFile(String user, String text) {
    String id = nextId();
    ObjectNode message = JSON.createObjectNode();
    message
        .put("id", id)
        .put("channel_id", dmChannel(user))
        .put("type", 0)
        .put("content", text)
        .put("timestamp", "2026-11-25T09:00:00.000000+00:00")
        .putNull("edited_timestamp")
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("flags", 0);
    message.set("author", user(user, "Ada " + user));
    message.putArray("mentions");
    message.putArray("mention_roles");
    message
        .putArray("attachments")
        .addObject()
        .put("id", nextId())
        .put("filename", "answer.pdf")
        .put("size", 1234)
        .put("url", "https://cdn.example/answer.pdf")
        .put("proxy_url", "https://cdn.example/answer.pdf")
        .put("content_type", "application/pdf");
    message.putArray("embeds");
    message.putArray("components");
    dispatch("MESSAGE_CREATE", message);
    return id;
  }

  /** An edit of an earlier DM; each edit gets a later edit time. */
  void editDm(String user, String messageId, String text) {
    int edit = edits.incrementAndGet();
    ObjectNode message = JSON.createObjectNode();
    message
        .put("id", messageId)
        .put("channel_id", dmChannel(user))
        .put("type", 0)
        .put("content", text)
        .put("timestamp", "2026-11-25T09:00:00.000000+00:00")
        .put("edited_timestamp", String.format("2026-11-25T09:%02d:00.000000+00:00", edit))
        .put("tts", false)
        .put("mention_everyone", false)
        .put("pinned", false)
        .put("flags", 0);
    message.set("author", user(user, "Ada " + user));
    message.putArray("mentions");
    message.putArray("mention_roles");
    message.putArray("attachments");
    message.putArray("embeds");
    message.putArray("components");
    dispatch("MESSAGE_UPDATE", message);
  }

  /** The common part of an interaction, in a DM ({@code guild} false) or the server channel. */
  private ObjectNode interaction(String id, int type, String user, boolean guild) {
    ObjectNode interaction = JSON.createObjectNode();
    interaction
        .put("id", id)
        .put("application_id", BOT_ID)
        .put("type", type)
        .put("token", "token-" + id)
        .put("version", 1)
        .put("locale", "en-US")
        .put("app_permissions", "0");
    interaction.putObject("authorizing_integration_owners").put("0", guild ? GUILD_ID : user);
    if (guild) {
      interaction.put("context", 0).put("guild_id", GUILD_ID).put("guild_locale", "en-US");
      interaction.put("channel_id", GUILD_CHANNEL_ID);
      interaction
          .putObject("channel")
          .put("id", GUILD_CHANNEL_ID)
          .put("type", 0)
          .put("name", "practice")
          .put("guild_id", GUILD_ID)
          .put("position", 0)
          .put("permissions", "3072");
      interaction
          .putObject("guild")
          .put("id", GUILD_ID)
          .put("locale", "en-US")
          .putArray("features");
      ObjectNode member = interaction.putObject("member");
      member.set("user", user(user, "Ada " + user));
      member.putArray("roles");
      member.put("joined_at", "2026-01-01T00:00:00.000000+00:00").put("permissions", "3072");
      member.put("deaf", false).put("mute", false).put("flags", 0);
    } else {
      interaction.put("context", 1).put("channel_id", dmChannel(user));
      ObjectNode channel =
          interaction.putObject("channel").put("id", dmChannel(user)).put("type", 1);
      channel.putArray("recipients").add(user(user, "Ada " + user));
      interaction.set("user", user(user, "Ada " + user));
    }
    return interaction;
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
    ObjectNode interaction = interaction(interactionId, focused ? 4 : 2, user, guild);
    ObjectNode data = interaction.putObject("data");
    data.put("id", "800").put("name", "coach").put("type", 1);
    ObjectNode subcommand = data.putArray("options").addObject();
    subcommand.put("name", sub).put("type", 1);
    ArrayNode options = subcommand.putArray("options");
    if (option != null) {
      ObjectNode o = options.addObject().put("name", option).put("type", 3).put("value", value);
      if (focused) {
        o.put("focused", true);
      }
    }
    dispatch("INTERACTION_CREATE", interaction);
    return interactionId;
  }

  String slash(String user, boolean guild, String sub, String option, String value) {
    return slash(nextId(), user, guild, sub, option, value, false);
  }

  /** A click on a button with {@code customId} of the bot's message {@code messageId}. */
  String click(
      String interactionId, String user, boolean guild, String messageId, String customId) {
    ObjectNode interaction = interaction(interactionId, 3, user, guild);
    interaction.putObject("data").put("custom_id", customId).put("component_type", 2);
    ObjectNode message =
        message(messageId, guild ? GUILD_CHANNEL_ID : dmChannel(user), JSON.createObjectNode());
    if (guild) {
      message.put("flags", 64);
    }
    interaction.set("message", message);
    dispatch("INTERACTION_CREATE", interaction);
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
