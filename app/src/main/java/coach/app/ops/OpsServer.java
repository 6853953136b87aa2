package coach.app.ops;

import coach.core.health.Backlog;
import coach.core.storage.Database;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.function.ToDoubleFunction;

/**
 * The operator's HTTP endpoints, off unless {@code COACH_HTTP_PORT} is set: {@code /health/live}
 * (the process answers), {@code /health} (ready: the database answers and every platform is
 * connected; 503 otherwise, with each check's state) and {@code /metrics} (Prometheus text: Coach's
 * meters, the database backlog, the JVM). No user text and no secret is ever served.
 */
public final class OpsServer implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The backlog is read at most this often, however often Prometheus scrapes. */
  private static final Duration BACKLOG_FRESH = Duration.ofSeconds(1);

  private final HttpServer server;
  private final PrometheusMeterRegistry registry;
  private final Database database;
  private final Map<String, BooleanSupplier> platforms;
  private final Clock clock;
  private Backlog backlog;
  private Instant backlogAt = Instant.MIN;

  private OpsServer(
      HttpServer server,
      PrometheusMeterRegistry registry,
      Database database,
      Map<String, BooleanSupplier> platforms,
      Clock clock) {
    this.server = server;
    this.registry = registry;
    this.database = database;
    this.platforms = new TreeMap<>(platforms);
    this.clock = clock;
  }

  /**
   * Serves on {@code host}:{@code port} (0: any free port) and starts recording Coach's meters.
   * {@code platforms} names each started platform with its connection check.
   */
  public static OpsServer start(
      String host,
      int port,
      Database database,
      Map<String, BooleanSupplier> platforms,
      Clock clock) {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    HttpServer server;
    try {
      server = HttpServer.create(new InetSocketAddress(host, port), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot serve health and metrics on " + host + ":" + port + " (" + e.getMessage() + ")",
          e);
    }
    OpsServer ops = new OpsServer(server, registry, database, platforms, clock);
    ops.registerGauges();
    new JvmMemoryMetrics().bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
    Metrics.addRegistry(registry);
    server.setExecutor(Executors.newFixedThreadPool(2, OpsServer::daemon));
    server.createContext(
        "/health/live", ex -> send(ex, 200, "application/json", "{\"status\":\"up\"}"));
    server.createContext("/health", ops::health);
    server.createContext("/metrics", ops::metrics);
    server.start();
    return ops;
  }

  private static Thread daemon(Runnable task) {
    Thread thread = new Thread(task, "coach-ops-http");
    thread.setDaemon(true);
    return thread;
  }

  /** The port served, once started. */
  public int port() {
    return server.getAddress().getPort();
  }

  private void registerGauges() {
    gauge("coach.sessions.active", "practice sessions open now", b -> b.activeSessions());
    queue("coach.outbox.depth", "coach.outbox.age", "mock-session messages", Backlog::mockOutbox);
    queue(
        "coach.daily.undelivered",
        "coach.daily.undelivered.age",
        "daily posts claimed but not yet posted",
        Backlog::dailyUndelivered);
    queue(
        "coach.replies.pending",
        "coach.replies.pending.age",
        "replies to direct messages in the outbox, not yet delivered",
        Backlog::repliesPending);
    queue(
        "coach.messages.unhandled",
        "coach.messages.unhandled.age",
        "direct messages in the inbound journal that nothing has handled yet",
        Backlog::messagesUnhandled);
  }

  /** Two gauges for a queue: how many wait, and the age in seconds of the oldest. */
  private void queue(
      String count,
      String age,
      String what,
      java.util.function.Function<Backlog, Backlog.Queue> queue) {
    gauge(count, what, b -> queue.apply(b).count());
    gauge(
        age,
        "age in seconds of the oldest of the " + what + " (0: none)",
        b -> queue.apply(b).oldestSeconds());
  }

  private void gauge(String name, String description, ToDoubleFunction<Backlog> value) {
    Gauge.builder(name, this, ops -> ops.backlog().map(value::applyAsDouble).orElse(Double.NaN))
        .description(description)
        .register(registry);
  }

  /** The backlog, read again when older than a second; empty when the database does not answer. */
  private synchronized java.util.Optional<Backlog> backlog() {
    Instant now = clock.instant();
    if (backlog == null || Duration.between(backlogAt, now).compareTo(BACKLOG_FRESH) > 0) {
      try {
        backlog = Backlog.read(database, now);
        backlogAt = now;
      } catch (RuntimeException e) {
        return java.util.Optional.empty();
      }
    }
    return java.util.Optional.of(backlog);
  }

  private void health(HttpExchange exchange) throws IOException {
    if (!exchange.getRequestURI().getPath().equals("/health")) {
      send(exchange, 404, "text/plain", "not found");
      return;
    }
    ObjectNode body = JSON.createObjectNode();
    ObjectNode checks = body.putObject("checks");
    boolean ready = Backlog.databaseUp(database);
    checks.put("database", ready ? "up" : "down");
    for (Map.Entry<String, BooleanSupplier> platform : platforms.entrySet()) {
      boolean connected = platform.getValue().getAsBoolean();
      checks.put(platform.getKey(), connected ? "connected" : "disconnected");
      ready &= connected;
    }
    body.put("status", ready ? "up" : "down");
    send(exchange, ready ? 200 : 503, "application/json", JSON.writeValueAsString(body));
  }

  private void metrics(HttpExchange exchange) throws IOException {
    send(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
  }

  private static void send(HttpExchange exchange, int status, String type, String body)
      throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Stops serving and recording. */
  @Override
  public void close() {
    server.stop(0);
    Metrics.removeRegistry(registry);
    registry.close();
  }
}
