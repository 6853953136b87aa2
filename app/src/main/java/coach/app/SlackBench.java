package coach.app;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.slack.SlackAdapter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
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
 * {@code coach bench slack}: DM events at a fixed rate through a loopback Slack (Web API and Socket
 * Mode WebSocket) into the real Bolt app, the coach and a temporary SQLite file; prints
 * event-to-ack and event-to-reply percentiles. Replies are paced per channel as on real Slack, so
 * each user writes no more than once every few seconds.
 */
final class SlackBench {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final int rate;
  private final int seconds;
  private final int users;
  private final int warmupSeconds;
  private final long seed;
  private final SlackAdapter.Tuning tuning;

  SlackBench(int rate, int seconds, int users, int workers, int warmupSeconds, long seed) {
    this.rate = rate;
    this.warmupSeconds = warmupSeconds;
    this.seconds = seconds;
    this.users = users;
    this.seed = seed;
    SlackAdapter.Tuning defaults = SlackAdapter.Tuning.defaults();
    this.tuning =
        new SlackAdapter.Tuning(
            workers, defaults.messagesPerSecond(), defaults.burst(), defaults.backoff());
  }

  /** Seconds of sending per slice of the reply-latency trend. */
  static final int SLICE_SECONDS = 5;

  /** One measured run: its rate and the p99 of event-to-ack and event-to-reply, in ms. */
  record Result(int rate, double ackP99, double replyP99, boolean complete) {}

  int run(PrintStream out) throws Exception {
    return measure(out).complete() ? 0 : 1;
  }

  /** Runs the load, prints what it measured, and returns it. */
  Result measure(PrintStream out) throws Exception {
    Path folder = Files.createTempDirectory("coach-bench-slack");
    Curriculum curriculum = CurriculumLoader.loadDefault();
    Loopback slack = new Loopback();
    try (Database database = Database.open("jdbc:sqlite:" + folder.resolve("bench.db"))) {
      Coach coach =
          new Coach(
              database,
              curriculum,
              Detectors.create(curriculum),
              Clock.systemUTC(),
              ZoneOffset.UTC);
      SlackAdapter adapter =
          SlackAdapter.start(
              coach,
              new SlackAdapter.Settings("xoxb-bench", "xapp-bench", Optional.of(slack.apiUrl())),
              tuning);
      try {
        slack.awaitConnected();
        List<String[]> answers = BenchAnswers.mixed(curriculum, 5_000, new Random(seed));
        OpenLoopLoad load = new OpenLoopLoad(rate, warmupSeconds, seconds, users);
        out.printf(
            Locale.ROOT,
            "warming up for at least %d s, until the JIT compiler has settled (other users, not"
                + " counted; measuring starts once all are answered),"
                + " then sending %d DM events at %d/s"
                + " from %d users for %d s...%n",
            warmupSeconds,
            load.measured(),
            rate,
            users,
            seconds);
        load.run(
            (i, user, turn, warming) -> {
              String text =
                  turn == 0
                      ? "practice "
                          + curriculum.prompts().get(user % curriculum.prompts().size()).id()
                      : turn % 4 == 0 ? "next" : answers.get(i % answers.size())[0];
              slack.sendDm(i, (warming ? "W" : "U") + user, text);
            },
            () -> slack.replies.get() >= load.warm());
        out.printf(
            Locale.ROOT,
            "warm-up: %d events in %.0f s%n",
            load.warm(),
            load.warmup().toMillis() / 1000.0);
        OpenLoopLoad.await(() -> slack.replies.get() >= load.all(), Duration.ofSeconds(30));
        double cpu = load.cpuShareSinceMeasuring();
        List<Long> acks = load.latencies(slack.ackedAt);
        List<Long> replies = load.latencies(slack.repliedAt);
        out.printf(
            Locale.ROOT,
            "event to ack:   %d acked, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                + "event to reply: %d answered, p50 %.1f ms, p99 %.1f ms, max %.1f ms%n"
                + "(replies paced to about 1 per second per channel after a burst of 3;"
                + " SQLite with full sync; %d worker lanes)%n",
            acks.size(),
            Percentiles.millis(acks, 0.50),
            Percentiles.millis(acks, 0.99),
            Percentiles.millis(acks, 1.0),
            replies.size(),
            Percentiles.millis(replies, 0.50),
            Percentiles.millis(replies, 0.99),
            Percentiles.millis(replies, 1.0),
            tuning.workers());
        StringBuilder slices = new StringBuilder();
        for (List<Long> slice : load.latenciesBySlice(slack.repliedAt, SLICE_SECONDS)) {
          slices
              .append(' ')
              .append(slice.isEmpty() ? "-" : Math.round(Percentiles.millis(slice, 0.99)));
        }
        out.printf(
            Locale.ROOT,
            "reply p99 by %d s of sending (ms):%s%nprocess CPU while measuring: %s%n",
            SLICE_SECONDS,
            slices,
            cpu < 0
                ? "unknown"
                : String.format(
                    Locale.ROOT,
                    "%.0f%% of %d cores",
                    cpu * 100,
                    Runtime.getRuntime().availableProcessors()));
        return new Result(
            rate,
            Percentiles.millis(acks, 0.99),
            Percentiles.millis(replies, 0.99),
            acks.size() == load.measured() && replies.size() == load.measured());
      } finally {
        adapter.close();
      }
    } finally {
      slack.close();
      OpenLoopLoad.deleteFolder(folder);
    }
  }

  /**
   * The loopback Slack: answers the Web API calls the adapter makes, and matches each user's k-th
   * reply to that user's k-th event (a user's events are answered in order).
   */
  static class Loopback implements AutoCloseable {
    final HttpServer http;
    final WebSocketServer ws;
    final CountDownLatch connected = new CountDownLatch(1);
    final CountDownLatch wsStarted = new CountDownLatch(1);
    final Map<Integer, Long> ackedAt = new ConcurrentHashMap<>();
    final Map<Integer, Long> repliedAt = new ConcurrentHashMap<>();
    final Map<String, List<Integer>> pending = new ConcurrentHashMap<>();
    final Map<String, AtomicInteger> answered = new ConcurrentHashMap<>();
    final AtomicInteger replies = new AtomicInteger();
    final AtomicLong ts = new AtomicLong(1_700_000_000_000_000L);
    volatile WebSocket socket;

    Loopback() throws IOException, InterruptedException {
      ws =
          new WebSocketServer(new InetSocketAddress("127.0.0.1", 0)) {
            @Override
            public void onOpen(WebSocket conn, ClientHandshake handshake) {
              socket = conn;
              conn.send("{\"type\":\"hello\",\"num_connections\":1}");
              connected.countDown();
            }

            @Override
            public void onClose(WebSocket conn, int code, String reason, boolean remote) {}

            @Override
            public void onMessage(WebSocket conn, String message) {
              long now = System.nanoTime();
              int at = message.indexOf("\"envelope_id\":\"e");
              if (at >= 0) {
                int from = at + "\"envelope_id\":\"e".length();
                int to = message.indexOf('"', from);
                ackedAt.putIfAbsent(Integer.parseInt(message.substring(from, to)), now);
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
      // Without TCP_NODELAY the JDK server's body waits for a delayed ACK: ~40 ms per call.
      System.setProperty("sun.net.httpserver.nodelay", "true");
      http = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 200);
      http.setExecutor(Executors.newFixedThreadPool(16));
      http.createContext("/api/", this::api);
      http.start();
    }

    URI apiUrl() {
      return URI.create("http://127.0.0.1:" + http.getAddress().getPort() + "/api/");
    }

    void awaitConnected() throws InterruptedException {
      if (!connected.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("the adapter did not connect");
      }
    }

    void sendDm(int index, String user, String text) {
      pending
          .computeIfAbsent(
              "D" + user, k -> java.util.Collections.synchronizedList(new ArrayList<>()))
          .add(index);
      ObjectNode event = JSON.createObjectNode();
      event
          .put("type", "message")
          .put("channel_type", "im")
          .put("channel", "D" + user)
          .put("user", user)
          .put("team", "T1")
          .put("text", text)
          .put("ts", "1." + index)
          .put("client_msg_id", "bench-" + index);
      ObjectNode payload = JSON.createObjectNode();
      payload
          .put("type", "event_callback")
          .put("team_id", "T1")
          .put("api_app_id", "A1")
          .put("event_id", "Ev" + index);
      payload.set("event", event);
      ObjectNode envelope = JSON.createObjectNode();
      envelope.put("envelope_id", "e" + index).put("type", "events_api");
      envelope.set("payload", payload);
      envelope.put("accepts_response_payload", false);
      socket.send(envelope.toString());
    }

    /**
     * A subclass's own answer to a Web API call: true when it has sent the response itself, else
     * the standard answers follow.
     */
    boolean answer(String method, Map<String, String> params, HttpExchange exchange)
        throws IOException {
      return false;
    }

    /** Sends {@code out} as a JSON answer with status {@code status}. */
    static void send(HttpExchange exchange, int status, ObjectNode out) throws IOException {
      byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    private void api(HttpExchange exchange) throws IOException {
      long now = System.nanoTime();
      String method = exchange.getRequestURI().getPath().substring("/api/".length());
      Map<String, String> params =
          form(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
      if (answer(method, params, exchange)) {
        return;
      }
      ObjectNode out = JSON.createObjectNode().put("ok", true);
      switch (method) {
        case "auth.test":
          out.put("team_id", "T1").put("team", "Bench").put("user_id", "UBOT").put("bot_id", "B1");
          break;
        case "apps.connections.open":
          out.put("url", "ws://127.0.0.1:" + ws.getPort() + "/link");
          break;
        case "chat.postMessage":
          {
            String channel = params.getOrDefault("channel", "");
            List<Integer> events = pending.get(channel);
            int k = answered.computeIfAbsent(channel, c -> new AtomicInteger()).getAndIncrement();
            if (events != null && k < events.size()) {
              repliedAt.putIfAbsent(events.get(k), now);
              replies.incrementAndGet();
            }
            long t = ts.incrementAndGet();
            out.put("channel", channel).put("ts", (t / 1_000_000) + "." + (t % 1_000_000));
            break;
          }
        case "users.info":
          {
            String user = params.getOrDefault("user", "U0");
            ObjectNode u = out.putObject("user").put("id", user).put("tz", "UTC");
            u.putObject("profile").put("display_name", "bench " + user);
            break;
          }
        case "conversations.open":
          out.putObject("channel").put("id", "D" + params.getOrDefault("users", "X"));
          break;
        default:
          break;
      }
      byte[] body = out.toString().getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().add("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      exchange.getResponseBody().write(body);
      exchange.close();
    }

    private static Map<String, String> form(String body) {
      Map<String, String> out = new HashMap<>();
      for (String pair : body.split("&")) {
        int eq = pair.indexOf('=');
        if (eq > 0) {
          out.put(
              URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return out;
    }

    @Override
    public void close() throws Exception {
      http.stop(0);
      ws.stop(1000);
    }
  }
}
