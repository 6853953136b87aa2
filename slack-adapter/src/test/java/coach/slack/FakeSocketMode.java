package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.config.JavalinConfig;
import io.javalin.websocket.WsContext;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * Slack's side of a Socket Mode connection, as documented (docs.slack.dev/apis/events-api/using-
 * socket-mode): a {@code hello} on connect, envelopes with {@code envelope_id}, {@code
 * retry_attempt} (0 on the first delivery, up to 3 on redeliveries) and {@code retry_reason}
 * ({@code "timeout"} when the previous delivery was not acknowledged in time), and acks that must
 * arrive within {@link #ACK_DEADLINE}. A late ack, or an ack of an envelope never sent, is recorded
 * as a problem a test can assert on.
 */
final class FakeSocketMode {

  /** Slack's acknowledgement deadline for every envelope. */
  static final Duration ACK_DEADLINE = Duration.ofSeconds(3);

  /** Slack retries an unacknowledged event at most this many times. */
  static final int MAX_RETRIES = 3;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One delivery of an envelope. */
  private record Delivery(String type, JsonNode payload, int attempt, long sentNanos) {}

  private final List<WsContext> sockets = new CopyOnWriteArrayList<>();
  private final Map<String, Delivery> sent = new ConcurrentHashMap<>();
  private final Map<String, Long> acks = new ConcurrentHashMap<>();
  private final List<String> problems = new CopyOnWriteArrayList<>();
  private final AtomicInteger envelopes = new AtomicInteger();
  private final AtomicInteger connections = new AtomicInteger();
  private volatile LongSupplier clock = System::nanoTime;

  /** Serves the socket at {@code /link}. */
  void register(JavalinConfig config) {
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
          ws.onMessage(ctx -> ack(JSON.readTree(ctx.message())));
        });
  }

  /** The clock acks are timed with (nanoseconds); tests may pass a manual one. */
  void clock(LongSupplier clock) {
    this.clock = clock;
  }

  private void ack(JsonNode message) {
    if (!message.has("envelope_id")) {
      return;
    }
    String envelopeId = message.get("envelope_id").asText();
    long now = clock.getAsLong();
    Delivery delivery = sent.get(envelopeId);
    if (delivery == null) {
      problems.add("ack of an envelope never sent: " + envelopeId);
      return;
    }
    long took = now - delivery.sentNanos();
    if (took > ACK_DEADLINE.toNanos()) {
      problems.add(
          "late ack of "
              + envelopeId
              + " ("
              + delivery.type()
              + "): "
              + Duration.ofNanos(took).toMillis()
              + " ms, Slack allows "
              + ACK_DEADLINE.toMillis()
              + " ms");
    }
    acks.putIfAbsent(envelopeId, now);
  }

  /** Sends an envelope of {@code type} with {@code payload} (a first delivery); returns its id. */
  String send(String type, JsonNode payload) {
    return deliver(type, payload, 0);
  }

  /**
   * Delivers an envelope's payload again, as Slack does when the ack did not arrive in time: a new
   * envelope id, the next {@code retry_attempt} and {@code retry_reason} "timeout".
   *
   * @throws IllegalStateException after {@link #MAX_RETRIES} retries, as Slack gives up then
   */
  String redeliver(String envelopeId) {
    Delivery previous = sent.get(envelopeId);
    if (previous == null) {
      throw new IllegalArgumentException("no envelope " + envelopeId);
    }
    if (previous.attempt() >= MAX_RETRIES) {
      throw new IllegalStateException(
          "Slack retries an envelope at most " + MAX_RETRIES + " times");
    }
    return deliver(previous.type(), previous.payload(), previous.attempt() + 1);
  }

  private String deliver(String type, JsonNode payload, int attempt) {
    String envelopeId = "env-" + envelopes.incrementAndGet();
    ObjectNode envelope = JSON.createObjectNode();
    envelope.put("envelope_id", envelopeId).put("type", type);
    envelope.set("payload", payload);
    envelope.put("accepts_response_payload", !type.equals("events_api"));
    envelope.put("retry_attempt", attempt).put("retry_reason", attempt == 0 ? "" : "timeout");
    if (sockets.isEmpty()) {
      throw new IllegalStateException("no Socket Mode connection to send " + type + " over");
    }
    WsContext socket = sockets.get(sockets.size() - 1);
    sent.put(envelopeId, new Delivery(type, payload, attempt, clock.getAsLong()));
    socket.send(envelope.toString());
    return envelopeId;
  }

  /**
   * Late acks, acks of unknown envelopes, and envelopes still unacknowledged past the deadline: all
   * things real Slack would hold against the app (it redelivers, or shows the user an error).
   */
  List<String> problems() {
    List<String> all = new ArrayList<>(problems);
    long now = clock.getAsLong();
    sent.forEach(
        (id, delivery) -> {
          if (!acks.containsKey(id) && now - delivery.sentNanos() > ACK_DEADLINE.toNanos()) {
            all.add("no ack of " + id + " (" + delivery.type() + ") within the deadline");
          }
        });
    return all;
  }

  /** Waits for the app's ack of an envelope; returns clock nanoseconds from send to ack. */
  long awaitAck(String envelopeId, Duration timeout) {
    FakeSlack.await(() -> acks.containsKey(envelopeId), timeout, "no ack for " + envelopeId);
    return acks.get(envelopeId) - sent.get(envelopeId).sentNanos();
  }

  boolean acked(String envelopeId) {
    return acks.containsKey(envelopeId);
  }

  void awaitConnected(Duration timeout) {
    FakeSlack.await(() -> !sockets.isEmpty(), timeout, "no Socket Mode connection");
  }

  int connections() {
    return connections.get();
  }

  /** Asks every connected client to reconnect, as Slack does before it recycles a server. */
  void askToReconnect() {
    for (WsContext socket : sockets) {
      socket.send("{\"type\":\"disconnect\",\"reason\":\"refresh_requested\"}");
    }
  }
}
