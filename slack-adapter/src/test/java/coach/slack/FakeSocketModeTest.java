package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The fake's Socket Mode rules, with a bare WebSocket client and a manual clock: acks are due
 * within 3 seconds, and redeliveries carry Slack's {@code retry_attempt} and {@code retry_reason}.
 */
class FakeSocketModeTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final AtomicLong now = new AtomicLong(1_000_000_000L);
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private FakeSlack slack;
  private WebSocket client;

  @BeforeEach
  void connect() throws Exception {
    slack = new FakeSlack();
    slack.socketClock(now::get);
    String url =
        new FakeSlackWebApi(slack.apiUrl())
            .call("apps.connections.open", FakeSlack.APP_TOKEN, Map.of())
            .body()
            .path("url")
            .asText();
    client =
        HttpClient.newHttpClient()
            .newWebSocketBuilder()
            .buildAsync(
                URI.create(url),
                new WebSocket.Listener() {
                  private final StringBuilder text = new StringBuilder();

                  @Override
                  public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                      try {
                        received.add(JSON.readTree(text.toString()));
                      } catch (Exception e) {
                        throw new IllegalStateException(e);
                      }
                      text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                  }
                })
            .get(10, TimeUnit.SECONDS);
    assertThat(next().path("type").asText()).isEqualTo("hello");
  }

  @AfterEach
  void close() {
    client.abort();
    slack.close();
  }

  private JsonNode next() throws InterruptedException {
    JsonNode message = received.poll(WAIT.toSeconds(), TimeUnit.SECONDS);
    assertThat(message).as("an envelope from the fake").isNotNull();
    return message;
  }

  private void ack(String envelopeId) {
    client.sendText("{\"envelope_id\":\"" + envelopeId + "\"}", true).join();
  }

  private String dm() {
    return slack.dm("U1", "hello", "Ev1", "msg-1");
  }

  @Test
  void aFirstDeliveryHasRetryAttemptZeroAndNoReason() throws Exception {
    String id = dm();
    JsonNode envelope = next();
    assertThat(envelope.path("envelope_id").asText()).isEqualTo(id);
    assertThat(envelope.path("retry_attempt").asInt()).isZero();
    assertThat(envelope.path("retry_reason").asText()).isEmpty();
  }

  @Test
  void anAckWithinThreeSecondsIsOnTime() throws Exception {
    String id = dm();
    next();
    now.addAndGet(Duration.ofMillis(2999).toNanos());
    ack(id);
    slack.awaitAck(id, WAIT);
    assertThat(slack.ackProblems()).isEmpty();
  }

  @Test
  void anAckAfterThreeSecondsIsRecordedAsLate() throws Exception {
    String id = dm();
    next();
    now.addAndGet(Duration.ofMillis(3001).toNanos());
    ack(id);
    slack.awaitAck(id, WAIT);
    assertThat(slack.ackProblems()).singleElement().asString().startsWith("late ack of " + id);
  }

  @Test
  void anEnvelopeNeverAckedIsAProblemOnceItsDeadlinePassed() throws Exception {
    String id = dm();
    next();
    assertThat(slack.ackProblems()).isEmpty();
    now.addAndGet(Duration.ofSeconds(4).toNanos());
    assertThat(slack.ackProblems()).singleElement().asString().startsWith("no ack of " + id);
  }

  @Test
  void anAckOfAnEnvelopeNeverSentIsAProblem() throws Exception {
    String id = dm();
    next();
    ack("env-404");
    ack(id);
    slack.awaitAck(id, WAIT);
    assertThat(slack.ackProblems()).containsExactly("ack of an envelope never sent: env-404");
  }

  @Test
  void redeliveriesCountRetryAttemptsUpToThreeWithReasonTimeout() throws Exception {
    String first = dm();
    JsonNode original = next();
    String id = first;
    for (int attempt = 1; attempt <= 3; attempt++) {
      id = slack.redeliver(id);
      JsonNode again = next();
      assertThat(again.path("envelope_id").asText()).isEqualTo(id).isNotEqualTo(first);
      assertThat(again.path("retry_attempt").asInt()).isEqualTo(attempt);
      assertThat(again.path("retry_reason").asText()).isEqualTo("timeout");
      assertThat(again.path("payload")).isEqualTo(original.path("payload"));
    }
    String last = id;
    assertThatThrownBy(() -> slack.redeliver(last)).isInstanceOf(IllegalStateException.class);
  }
}
