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
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Slack's pace, end to end, with the adapter's default tuning (a burst of 3, then one message a
 * second per channel): the real Bolt app against FakeSlack enforcing Slack's per-channel limit.
 * Time is virtual: the pacer reads a clock that moves only when the poster sleeps, and the fake
 * stamps and limits calls with the same clock, so seconds of pacing take no real time and the
 * schedule is exact.
 */
class SlackPacingTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Duration WAIT = Duration.ofSeconds(10);
  private static final Duration SECOND = Duration.ofSeconds(1);

  @TempDir Path folder;
  private final AtomicLong nanos = new AtomicLong(1_000_000_000L);
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();
  private FakeSlack slack;
  private Database database;
  private SlackAdapter adapter;
  private int events;

  @BeforeEach
  void start() {
    slack = new FakeSlack();
    slack.clock(nanos::get);
    database = TestDatabases.sqlite(folder);
    Coach coach =
        new Coach(
            database,
            CURRICULUM,
            new ConceptIdDetector(CURRICULUM),
            MutableClock.at("2026-11-25T09:00:00Z"),
            ZoneId.of("UTC"),
            1);
    SlackAdapter.Time virtual =
        new SlackAdapter.Time(
            nanos::get,
            duration -> {
              sleeps.add(duration);
              nanos.addAndGet(duration.toNanos());
            });
    adapter =
        SlackAdapter.start(
            coach,
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            // Slack's per-channel defaults; the workspace-wide pacer has WorkspacePacerTest.
            SlackAdapter.Tuning.defaults().withWorkspacePostsPerSecond(0),
            virtual);
    slack.awaitConnected(WAIT);
    // after startup: opening the socket takes apps.connections.open (Tier 1) more than once
    slack.enforceRateLimits(SlackAdapter.Tuning.defaults().burst());
  }

  @AfterEach
  void stop() {
    try {
      assertThat(slack.refused()).as("requests Slack refused (429 included)").isEmpty();
      assertThat(slack.ackProblems()).isEmpty();
    } finally {
      adapter.close();
      slack.close();
      database.close();
    }
  }

  /** Sends a DM and waits for the bot's next message in that DM. */
  private void say(String user, String text) {
    int before = slack.calls("chat.postMessage", inDm(user)).size();
    events++;
    slack.awaitAck(slack.dm(user, text, "Ev" + events, "msg-" + events), WAIT);
    slack.awaitCalls("chat.postMessage", inDm(user), before + 1, WAIT);
  }

  private static java.util.function.Predicate<Call> inDm(String user) {
    return c -> c.param("channel").equals("D" + user);
  }

  @Test
  void aBurstOfThreeThenOneMessageASecondPerChannelAndSlackNeverRefusesOne() {
    for (int i = 0; i < 6; i++) {
      say("U1", i % 2 == 0 ? "help" : "prompts");
    }
    List<Call> posts = slack.calls("chat.postMessage", inDm("U1"));
    assertThat(posts).hasSize(6);
    long first = posts.get(0).atNanos();
    assertThat(posts)
        .extracting(c -> Duration.ofNanos(c.atNanos() - first))
        .as("when Slack received each message, after the first")
        .containsExactly(
            Duration.ZERO,
            Duration.ZERO,
            Duration.ZERO,
            SECOND,
            SECOND.multipliedBy(2),
            SECOND.multipliedBy(3));
    assertThat(sleeps).as("the pacer's waits").containsExactly(SECOND, SECOND, SECOND);

    // Another user's DM has its own allowance: answered at once, no further wait.
    say("U2", "help");
    assertThat(sleeps).hasSize(3);
  }
}
