package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.slack.FakeSlack.Call;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A storm through the real Bolt app and the loopback Slack: for a minute (on the coach's clock)
 * every chat.postMessage is answered with HTTP 500 or a 429, while five users go on writing. No
 * reply may be lost, none may show twice, and each user's replies arrive in the order of their
 * messages once Slack recovers.
 */
class SlackReplyStormTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Duration WAIT = Duration.ofSeconds(20);
  private static final List<String> ZONES =
      List.of("Europe/Berlin", "Asia/Tokyo", "America/Chicago", "Africa/Lagos");

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
  private final AtomicBoolean storming = new AtomicBoolean();
  private final AtomicInteger stormAnswers = new AtomicInteger();
  private FakeSlack slack;
  private Database database;
  private Coach coach;
  private SlackAdapter adapter;

  @BeforeEach
  void start() {
    slack = new FakeSlack();
    slack.extend(
        new FakeSlack.Extension() {
          @Override
          public Set<String> methods() {
            return Set.of();
          }

          @Override
          public Optional<FakeSlack.Answer> answer(String method, Map<String, String> params) {
            if (!storming.get() || !method.equals("chat.postMessage")) {
              return Optional.empty();
            }
            boolean limited = stormAnswers.incrementAndGet() % 3 == 0;
            return Optional.of(
                new FakeSlack.Answer(
                    limited ? 429 : 500,
                    limited ? Map.of("Retry-After", "0") : Map.of(),
                    JsonNodeFactory.instance
                        .objectNode()
                        .put("ok", false)
                        .put("error", limited ? "ratelimited" : "internal_error")));
          }
        });
    database = TestDatabases.sqlite(folder);
    coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    adapter =
        SlackAdapter.start(
            coach,
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(5)));
    slack.awaitConnected(WAIT);
  }

  @AfterEach
  void stop() {
    adapter.close();
    slack.close();
    database.close();
  }

  private static Predicate<Call> deliveredTo(String user) {
    return c -> c.param("channel").equals("D" + user) && c.response().path("ok").asBoolean();
  }

  @Test
  void aMinuteOfFailuresLosesNothingAndKeepsEachUsersOrder() {
    storming.set(true);
    List<String> users = List.of("U1", "U2", "U3", "U4", "U5");
    int event = 0;
    for (String zone : ZONES) {
      for (String user : users) {
        event++;
        slack.awaitAck(slack.dm(user, "timezone " + zone, "Ev" + event, "msg-" + event), WAIT);
      }
    }
    FakeSlack.await(
        () -> coach.outbox().depth().pending() == ZONES.size() * users.size(),
        WAIT,
        "every reply owed while Slack fails");
    for (int second = 0; second < 60; second += 5) {
      clock.advance(Duration.ofSeconds(5));
      coach.outbox().deliverDue();
    }
    assertThat(users.stream().mapToInt(u -> slack.calls("chat.postMessage", deliveredTo(u)).size()))
        .as("nothing got through the storm")
        .containsOnly(0);
    assertThat(stormAnswers.get()).as("the storm was tried against").isGreaterThan(20);

    storming.set(false);
    clock.advance(Duration.ofMinutes(5));
    for (String user : users) {
      List<Call> posts =
          slack.awaitCalls("chat.postMessage", deliveredTo(user), ZONES.size(), WAIT);
      List<String> zonesInOrder = new ArrayList<>();
      for (Call post : posts) {
        ZONES.stream().filter(z -> post.param("text").contains(z)).forEach(zonesInOrder::add);
      }
      assertThat(zonesInOrder).as("%s's replies, once each, in order", user).isEqualTo(ZONES);
    }
    FakeSlack.await(() -> coach.outbox().depth().pending() == 0, WAIT, "the outbox emptied");
    assertThat(slack.refused()).as("requests Slack would refuse").isEmpty();
    assertThat(slack.pings()).as("text that would notify someone").isEmpty();
  }
}
