package coach.app.ops;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import io.micrometer.core.instrument.Metrics;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The operator's endpoints over real HTTP: liveness, readiness with the database's and each
 * platform's state, and Prometheus metrics fed by a real coach handling events.
 */
class OpsServerTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @TempDir Path folder;
  private Database database;
  private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
  private final AtomicBoolean slackConnected = new AtomicBoolean(true);
  private OpsServer ops;

  @BeforeEach
  void setUp() {
    database = TestDatabases.sqlite(folder);
    ops = OpsServer.start("127.0.0.1", 0, database, Map.of("slack", slackConnected::get), clock);
  }

  @AfterEach
  void tearDown() {
    ops.close();
    database.close();
  }

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + ops.port() + path)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void readyWhenTheDatabaseAnswersAndEveryPlatformIsConnected() throws Exception {
    HttpResponse<String> live = get("/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("{\"status\":\"up\"}");

    HttpResponse<String> ready = get("/health");
    assertThat(ready.statusCode()).isEqualTo(200);
    assertThat(ready.body())
        .isEqualTo("{\"checks\":{\"database\":\"up\",\"slack\":\"connected\"},\"status\":\"up\"}");

    slackConnected.set(false);
    HttpResponse<String> disconnected = get("/health");
    assertThat(disconnected.statusCode()).isEqualTo(503);
    assertThat(disconnected.body()).contains("\"slack\":\"disconnected\"", "\"status\":\"down\"");
  }

  @Test
  void notReadyWhenTheDatabaseIsGoneButStillAlive() throws Exception {
    database.close();

    HttpResponse<String> ready = get("/health");
    assertThat(ready.statusCode()).isEqualTo(503);
    assertThat(ready.body()).contains("\"database\":\"down\"");
    assertThat(get("/health/live").statusCode()).isEqualTo(200);
    assertThat(get("/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsCountEventsAndOpenSessionsInPrometheusText() throws Exception {
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
    Sender ana = new Sender(UserId.slack("T1", "UANA"), "Ana");
    coach.handle(new Inbound.Command(ana, "e1", CommandWord.HELP, Optional.empty()));
    coach.handle(new Inbound.Command(ana, "e2", CommandWord.PRACTICE, Optional.empty()));
    coach.handle(new Inbound.Command(ana, "e2", CommandWord.PRACTICE, Optional.empty()));

    HttpResponse<String> metrics = get("/metrics");

    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("text/plain"));
    assertThat(metrics.body())
        .contains("coach_events_seconds_count{kind=\"command\"} 3")
        .contains("coach_sessions_active 1")
        .contains("coach_outbox_depth 0")
        .contains("coach_daily_undelivered 0")
        .contains("coach_messages_unhandled 0")
        .contains("coach_replies_pending_age 0")
        .contains("jvm_memory_used_bytes");

    clock.advance(Duration.ofSeconds(2)); // the backlog is read again after a second
    coach.handle(new Inbound.Command(ana, "e3", CommandWord.STOP, Optional.empty()));
    // a DM journaled on arrival that nothing handled yet
    coach.journal().record(new Inbound.Message(ana, "e4", "an answer"));
    clock.advance(Duration.ofSeconds(5));
    coach.journal().close();
    assertThat(get("/metrics").body())
        .contains("coach_sessions_active 0")
        .contains("coach_messages_unhandled 1")
        .contains("coach_messages_unhandled_age 5");
  }

  @Test
  void closingStopsRecordingIntoTheGlobalRegistry() {
    int before = Metrics.globalRegistry.getRegistries().size();
    ops.close();
    assertThat(Metrics.globalRegistry.getRegistries()).hasSize(before - 1);
    ops = OpsServer.start("127.0.0.1", 0, database, Map.of(), clock);
  }
}
