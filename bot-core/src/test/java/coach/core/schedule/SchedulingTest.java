package coach.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.core.daily.DailyRequest;
import coach.core.daily.RetryPolicy;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Quartz on SQLite: timers survive a restart, a post missed while Coach was down goes out once
 * (late) within the grace period and not at all after it, and a crash during a post never posts
 * twice. The clock is fixed near the real time, since Quartz fires on the real one.
 */
class SchedulingTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final Sender ORGANISER = new Sender(UserId.slack("T1", "UORG"), "Olga");

  @TempDir Path folder;
  private Database database;
  private MutableClock clock;
  private Scheduling scheduling;
  private Instant realNow;

  @BeforeEach
  void setUp() {
    database = TestDatabases.sqlite(folder);
    realNow = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    clock = new MutableClock(realNow);
  }

  @AfterEach
  void tearDown() {
    if (scheduling != null) {
      scheduling.close();
    }
    database.close();
  }

  /**
   * Starts Coach's scheduler (as `coach run` would) with a publisher; returns the daily feature.
   */
  private DailyPrompts start(DailyPublisher publisher) {
    DailyPrompts daily = open(publisher);
    scheduling.start(daily);
    return daily;
  }

  /** Opens the scheduler without starting it: timers are stored, none fire. */
  private DailyPrompts open(DailyPublisher publisher) {
    scheduling = Scheduling.create(database, "test");
    DailyPrompts daily =
        new DailyPrompts(
            database,
            CURRICULUM,
            new ConceptIdDetector(CURRICULUM),
            clock,
            ZoneOffset.UTC,
            new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT),
            scheduling);
    daily.register("slack", publisher);
    return daily;
  }

  private void stop() {
    scheduling.close();
    scheduling = null;
  }

  /** Sets a daily schedule at the UTC time {@code postAt}, from a moment before it. */
  private void scheduleAt(DailyPrompts daily, Instant postAt) {
    String time = postAt.atOffset(ZoneOffset.UTC).toLocalTime().toString();
    daily.command(
        new DailyRequest(
            CHANNEL, ORGANISER, "set-" + time, "at " + time + " zone UTC", true, Optional::empty));
  }

  @Test
  void cancellingAMockSessionRemovesItsTimersAndNoOtherSessions() {
    open(new Recording());
    Instant later = realNow.plus(Duration.ofDays(2));
    scheduling.schedule(
        new coach.core.mock.MockTimer("AAAAA", coach.core.mock.MockStep.START), later);
    scheduling.schedule(
        new coach.core.mock.MockTimer("AAAAA", coach.core.mock.MockStep.END), later);
    scheduling.schedule(
        new coach.core.mock.MockTimer("BBBBB", coach.core.mock.MockStep.START), later);

    scheduling.cancel("AAAAA");

    assertThat(scheduling.pending().keySet())
        .containsExactly(
            "mock:" + new coach.core.mock.MockTimer("BBBBB", coach.core.mock.MockStep.START).key());
    // cancelling again, or a session with no timers, is nothing to do
    scheduling.cancel("AAAAA");
    scheduling.cancel("CCCCC");
    assertThat(scheduling.pending()).hasSize(1);
  }

  @Test
  void downAcrossPostTimeAndBackWithinGraceGivesOneLatePost() throws Exception {
    Instant postAt = realNow.minus(Duration.ofHours(2));
    clock.set(postAt.minus(Duration.ofHours(1)));
    scheduleAt(open(new Recording()), postAt);
    stop(); // down before the post time

    clock.set(realNow); // back two hours later
    Recording publisher = new Recording();
    start(publisher);

    await(() -> publisher.posts.size() == 1);
    awaitNothingDue();
    assertThat(publisher.posts).hasSize(1);
    assertThat(publisher.posts.get(0).body().plainText()).contains("late");
    assertThat(scheduling.pending()).containsValue(postAt.plus(Duration.ofDays(1)));
  }

  @Test
  void downBeyondTheGracePeriodSkipsThatDay() throws Exception {
    Instant postAt = realNow.minus(Duration.ofHours(4));
    clock.set(postAt.minus(Duration.ofHours(1)));
    scheduleAt(open(new Recording()), postAt);
    stop();

    clock.set(realNow);
    Recording publisher = new Recording();
    start(publisher);

    awaitNothingDue();
    assertThat(publisher.posts).isEmpty();
    assertThat(scheduling.pending()).containsValue(postAt.plus(Duration.ofDays(1)));
  }

  @Test
  void killedDuringAPostAndRestartedStillPostsOnce() throws Exception {
    Instant postAt = realNow.minus(Duration.ofMinutes(1));
    clock.set(postAt.minus(Duration.ofMinutes(30)));
    scheduleAt(open(new Recording()), postAt);
    stop();

    // The post time passes; the process that handles it dies inside the platform call.
    clock.set(realNow);
    Dying dying = new Dying();
    start(dying);
    await(() -> dying.calls > 0);
    stop();

    Recording publisher = new Recording();
    start(publisher);
    await(() -> publisher.posts.size() == 1);
    awaitNothingDue();
    assertThat(publisher.posts).hasSize(1);
    List<String> states = TestDatabases.strings(database, "SELECT state FROM daily_posts");
    assertThat(states).containsExactly("posted");
  }

  @Test
  void timersAreStoredInTheDatabaseAndOutliveTheProcess() {
    Instant postAt = realNow.plus(Duration.ofHours(5));
    scheduleAt(open(new Recording()), postAt);
    stop();

    assertThat(
            TestDatabases.strings(
                database,
                "SELECT trigger_name FROM qrtz_triggers WHERE trigger_group = 'daily-post'"))
        .containsExactly(CHANNEL.key());
    start(new Recording());
    assertThat(scheduling.pending()).containsEntry("daily-post:" + CHANNEL.key(), postAt);
  }

  private void await(BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (!condition.getAsBoolean()) {
      assertThat(System.nanoTime()).as("waited 60 s").isLessThan(deadline);
      Thread.sleep(20);
    }
  }

  /**
   * Waits until the channel's next post is stored for later and no timer is due or running:
   * everything that should have fired has. A fired timer leaves {@code pending()} a moment before
   * its job counts as running, so "nothing pending and nothing running" alone can hold before the
   * job has even started (seen on a loaded machine).
   */
  private void awaitNothingDue() throws InterruptedException {
    await(
        () -> {
          Map<String, Instant> pending = scheduling.pending();
          Instant now = Instant.now();
          return pending.containsKey("daily-post:" + CHANNEL.key())
              && pending.values().stream().allMatch(at -> at.isAfter(now))
              && !scheduling.running();
        });
  }

  /** Records posts. */
  static final class Recording implements DailyPublisher {
    final List<DailyPost> posts = new CopyOnWriteArrayList<>();

    @Override
    public Receipt publish(DailyPost post) {
      posts.add(post);
      return new Receipt("m" + posts.size(), "m" + posts.size());
    }

    @Override
    public void directMessage(UserId user, Reply message) {}
  }

  /** Stands for the process dying: an error nothing in Coach catches. */
  static final class Killed extends Error {}

  /** Dies inside the platform call, as a killed process would: nothing after it runs. */
  static final class Dying implements DailyPublisher {
    volatile int calls;

    @Override
    public Receipt publish(DailyPost post) {
      calls++;
      throw new Killed();
    }

    @Override
    public void directMessage(UserId user, Reply message) {}
  }
}
