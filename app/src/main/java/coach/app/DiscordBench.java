package coach.app;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.discord.DiscordAdapter;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.java_websocket.WebSocket;
import org.java_websocket.handshake.ClientHandshake;
import org.java_websocket.server.WebSocketServer;

/**
 * {@code coach bench discord}: {@code /coach} slash commands in DMs at a fixed rate through a
 * loopback Discord (REST API and gateway WebSocket) into the real JDA client, the coach and a
 * temporary SQLite file; prints interaction-to-ack (the deferred reply) and interaction-to-response
 * (the follow-up that carries the answer) percentiles, and how many interactions were dropped (no
 * answer within 30 s of the last one sent).
 */
final class DiscordBench {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long DISCORD_EPOCH = 1_420_070_400_000L;
  // No `progress`: its chart is drawn per call (tens of ms of CPU), which would measure JFreeChart.
  private static final String[] WORDS = {"hint", "next", "hint", "skip", "back", "next"};

  private final int rate;
  private final int seconds;
  private final int users;
  private final int warmupSeconds;
  private final DiscordAdapter.Tuning tuning;

  DiscordBench(int rate, int seconds, int users, int workers, int warmupSeconds) {
    this.rate = rate;
    this.seconds = seconds;
    this.users = users;
    this.warmupSeconds = warmupSeconds;
    DiscordAdapter.Tuning defaults = DiscordAdapter.Tuning.defaults();
    this.tuning = new DiscordAdapter.Tuning(workers, defaults.backoff(), defaults.readyTimeout());
  }

  int run(PrintStream out) throws Exception {
    Path folder = Files.createTempDirectory("coach-bench-discord");
    Curriculum curriculum = CurriculumLoader.loadDefault();
    Loopback discord = new Loopback();
    try (Database database = Database.open("jdbc:sqlite:" + folder.resolve("bench.db"))) {
      Coach coach =
          new Coach(
              database,
              curriculum,
              Detectors.create(curriculum),
              Clock.systemUTC(),
              ZoneOffset.UTC);
      DiscordAdapter adapter =
          DiscordAdapter.start(
              coach,
              curriculum,
              new DiscordAdapter.Settings(
                  "bench-token",
                  Optional.of(discord.apiUrl()),
                  Optional.of(discord.gatewayUrl()),
                  Optional.empty()),
              tuning);
      try {
        OpenLoopLoad load = new OpenLoopLoad(rate, warmupSeconds, seconds, users);
        out.printf(
            Locale.ROOT,
            "warming up for at least %d s, until the JIT compiler has settled (other users, not"
                + " counted), then sending %d /coach interactions"
                + " at %d/s from %d users for %d s...%n",
            warmupSeconds,
            load.measured(),
            rate,
            users,
            seconds);
        load.run(
            (i, user, turn, warming) -> {
              String sub = turn == 0 ? "practice" : WORDS[turn % WORDS.length];
              String prompt =
                  turn == 0
                      ? curriculum.prompts().get(user % curriculum.prompts().size()).id()
                      : null;
              // warm-up users are other users than the measured ones
              discord.slash(
                  i, String.valueOf(100_000 + (warming ? 1_000_000 : 0) + user), sub, prompt);
            },
            () -> discord.answered.size() >= load.warm());
        out.printf(
            Locale.ROOT,
            "warm-up: %d events in %.0f s%n",
            load.warm(),
            load.warmup().toMillis() / 1000.0);
        OpenLoopLoad.await(() -> discord.answered.size() >= load.all(), Duration.ofSeconds(30));
        List<Long> acks = load.latencies(discord.ackedAt);
        List<Long> answers = load.latencies(discord.answered);
        long over3s = acks.stream().filter(n -> n > 3_000_000_000L).count();
        out.printf(
            Locale.ROOT,
            "interaction to ack:      %d acked, p50 %.1f ms, p99 %.1f ms, max %.1f ms"
                + " (%d later than 3 s)%n"
                + "interaction to response: %d answered, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                + "dropped: %d of %d (no answer within 30 s)%n"
                + "(SQLite with full sync; %d worker lanes; target p99 under 250 ms)%n",
            acks.size(),
            Percentiles.millis(acks, 0.50),
            Percentiles.millis(acks, 0.99),
            Percentiles.millis(acks, 1.0),
            over3s,
            answers.size(),
            Percentiles.millis(answers, 0.50),
            Percentiles.millis(answers, 0.99),
            Percentiles.millis(answers, 1.0),
            load.measured() - answers.size(),
            load.measured(),
            tuning.workers());
        return acks.size() == load.measured() && answers.size() == load.measured() ? 0 : 1;
      } finally {
        adapter.close();
      }
    } finally {
      discord.close();
      OpenLoopLoad.deleteFolder(folder);
    }
  }

  /**
   * The loopback Discord: REST under {@code /api/v10/} and a gateway that answers HELLO, IDENTIFY
   * and heartbeats. Interaction {@code i} carries the token {@code t<i>}, so its ack (the callback)
   * and its first follow-up are matched to it exactly.
   */
  private static final class Loopback implements AutoCloseable {
    final HttpServer http;
    final WebSocketServer ws;
    final CountDownLatch wsStarted = new CountDownLatch(1);
    final Map<Integer, Long> ackedAt = new ConcurrentHashMap<>();
    final Map<Integer, Long> answered = new ConcurrentHashMap<>();
    final AtomicInteger sequence = new AtomicInteger();
    final AtomicLong messageIds = new AtomicLong(snowflake());
    volatile WebSocket socket;

    Loopback() throws IOException, InterruptedException {
      ws =
          new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
              socket = conn;
              conn.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}");
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(WebSocket conn, String message) {
              try {
                JsonNode payload = JSON.readTree(message);
                int op = payload.path("op").asInt();
                if (op == 1) {
                  conn.send("{\"op\":11}");
                } else if (op == 2 || op == 6) {
                  ObjectNode ready = JSON.createObjectNode();
                  ready.put("v", 10).put("session_id", "bench");
                  ready.put("resume_gateway_url", gatewayUrl().toString());
                  ready.set("user", botUser());
                  ready.putObject("application").put("id", "900").put("flags", 0);
                  ready.putArray("private_channels");
                  ready.putArray("guilds");
                  dispatch(op == 2 ? "READY" : "RESUMED", ready);
                }
              } catch (IOException e) {
                // ignore malformed frames
              }
            }

            @Override
            public void onError(WebSocket conn, Exception ex) {}

            @Override
            public void onStart() {
              wsStarted.countDown();
            }
          };
      ws.setDaemon(true);
      ws.start();
      wsStarted.await(10, TimeUnit.SECONDS);
      System.setProperty("sun.net.httpserver.nodelay", "true");
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
      http.setExecutor(Executors.newFixedThreadPool(16));
      http.createContext("/api/v10/", this::rest);
      http.start();
    }

    static long snowflake() {
      return (System.currentTimeMillis() - DISCORD_EPOCH) << 22;
    }

    URI apiUrl() {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/v10/");
    }

    URI gatewayUrl() {
      return URI.create("ws://127.0.0.1:" + ws.getPort() + "/");
    }

    synchronized void dispatch(String type, JsonNode data) {
      ObjectNode payload = JSON.createObjectNode();
      payload.put("op", 0).put("t", type).put("s", sequence.incrementAndGet());
      payload.set("d", data);
      socket.send(payload.toString());
    }

    void slash(int index, String user, String sub, String prompt) {
      ObjectNode interaction = JSON.createObjectNode();
      interaction
          .put("id", String.valueOf(snowflake() + index))
          .put("application_id", "900")
          .put("type", 2)
          .put("token", "t" + index)
          .put("version", 1)
          .put("locale", "en-US")
          .put("app_permissions", "0")
          .put("context", 1)
          .put("channel_id", "5" + user);
      interaction.putObject("authorizing_integration_owners").put("0", user);
      ObjectNode channel = interaction.putObject("channel").put("id", "5" + user).put("type", 1);
      channel.putArray("recipients").add(user(user));
      interaction.set("user", user(user));
      ObjectNode data = interaction.putObject("data");
      data.put("id", "800").put("name", "coach").put("type", 1);
      ObjectNode subcommand = data.putArray("options").addObject();
      subcommand.put("name", sub).put("type", 1);
      var options = subcommand.putArray("options");
      if (prompt != null) {
        options.addObject().put("name", "prompt").put("type", 3).put("value", prompt);
      }
      dispatch("INTERACTION_CREATE", interaction);
    }

    private static ObjectNode user(String id) {
      ObjectNode user = JSON.createObjectNode();
      user.put("id", id).put("username", "bench" + id).put("discriminator", "0");
      user.putNull("avatar").put("bot", false);
      return user;
    }

    private static ObjectNode botUser() {
      ObjectNode bot = user("900");
      bot.put("bot", true).put("verified", true).put("mfa_enabled", false).put("flags", 0);
      return bot;
    }

    private void rest(HttpExchange exchange) throws IOException {
      long now = System.nanoTime();
      String path = exchange.getRequestURI().getPath().substring("/api/v10/".length());
      exchange.getRequestBody().readAllBytes();
      String body = "{}";
      int status = 200;
      if (path.equals("users/@me")) {
        body = botUser().toString();
      } else if (path.startsWith("applications/")) {
        body = "[]";
      } else if (path.startsWith("interactions/")) {
        // interactions/{id}/t{index}/callback
        String token = path.split("/")[2];
        ackedAt.putIfAbsent(Integer.parseInt(token.substring(1)), now);
        status = 204;
      } else if (path.startsWith("webhooks/")) {
        // webhooks/900/t{index}: the first follow-up carries the answer
        String token = path.split("/")[2];
        answered.putIfAbsent(Integer.parseInt(token.substring(1)), now);
        ObjectNode message = JSON.createObjectNode();
        message
            .put("id", String.valueOf(messageIds.incrementAndGet()))
            .put("channel_id", "0")
            .put("type", 0)
            .put("content", "")
            .put("timestamp", "2026-11-25T09:00:00.000000+00:00")
            .putNull("edited_timestamp")
            .put("tts", false)
            .put("mention_everyone", false)
            .put("pinned", false)
            .put("flags", 0);
        message.set("author", botUser());
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        body = message.toString();
      }
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      if (status == 204) {
        exchange.sendResponseHeaders(204, -1);
      } else {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
      }
      exchange.close();
    }

    @Override
    public void close() throws Exception {
      http.stop(0);
      ws.stop(1000);
    }
  }
}
