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
import coach.core.mock.MockSession;
import coach.core.mock.MockSessions;
import coach.core.mock.RecordingMockPublisher;
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
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mock sessions on real Quartz timers stored in SQLite: a session scheduled before a shutdown is
 * paired once when Coach comes back during it (and cancelled with an apology when Coach missed all
 * of it), no reminder comes after the start, and a second restart repeats nothing. The clock is
 * near the real time, since Quartz fires on the real one.
 */
class MockSchedulingTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final Sender ORGANISER = new Sender(UserId.slack("T1", "UORG"), "Olga");
  private static final List<Sender> PEOPLE =
      List.of(
          new Sender(UserId.slack("T1", "UANA"), "Ana"),
          new Sender(UserId.slack("T1", "UBEN"), "Ben"),
          new Sender(UserId.slack("T1", "UCAI"), "Cai"));

  @TempDir Path folder;
  private Database database;
  private MutableClock clock;
  private Scheduling scheduling;
  private final RecordingMockPublisher slack = new RecordingMockPublisher();

  @BeforeEach
  void setUp() {
    database = TestDatabases.sqlite(folder);
  }

  @AfterEach
  void tearDown() {
    if (scheduling != null) {
      scheduling.close();
    }
    database.close();
  }

  /**
   * Opens Coach's scheduler and mock sessions; with {@code start}, timers fire as in `coach run`.
   */
  private MockSessions open(boolean start) {
    scheduling = Scheduling.create(database, "test");
    MockSessions mock =
        new MockSessions(database, CURRICULUM, clock, ZoneOffset.UTC, Set.of(), scheduling);
    mock.register("slack", slack);
    if (start) {
      DailyPrompts daily =
          new DailyPrompts(
              database,
              CURRICULUM,
              new ConceptIdDetector(CURRICULUM),
              clock,
              ZoneOffset.UTC,
              new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT),
              scheduling);
      daily.register("slack", new NoPosts());
      scheduling.start(daily, Optional.of(mock));
    }
    return mock;
  }

  private void stop() {
    scheduling.close();
    scheduling = null;
  }

  /**
   * Schedules a session starting at {@code startsAt} with everyone going, while Coach is stopped.
   */
  private String scheduleWhileStopped(Instant startsAt, int minutes) {
    clock = new MutableClock(startsAt.minus(Duration.ofMinutes(90)));
    MockSessions mock = open(false);
    String when = startsAt.atOffset(ZoneOffset.UTC).toLocalDateTime().toString().replace('T', ' ');
    mock.command(
        new DailyRequest(
            CHANNEL,
            ORGANISER,
            "e0",
            "schedule at " + when + " zone UTC minutes " + minutes,
            true,
            Optional::empty));
    String id = mock.upcoming().get(0).id();
    int event = 0;
    for (Sender s : PEOPLE) {
      mock.press(s, "mock-going:" + id, "p" + event++);
    }
    assertThat(scheduling.pending())
        .containsKeys("mock:" + id + "/START", "mock:" + id + "/REMIND_HOUR");
    stop();
    return id;
  }

  @Test
  void aStartMissedWhileCoachWasDownPairsOnceWhenItComesBackDuringTheSession() throws Exception {
    Instant realNow = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    String id = scheduleWhileStopped(realNow.minus(Duration.ofMinutes(1)), 60);

    clock.set(Instant.now());
    MockSessions running = open(true);
    await(() -> running.session(id).orElseThrow().state() == MockSession.State.RUNNING);
    // the pairing DMs go out after the step's transaction commits
    await(() -> PEOPLE.stream().allMatch(p -> !slack.dmsTo(p.id()).isEmpty()));
    awaitNothingDue();

    for (Sender s : PEOPLE) {
      List<String> dms = slack.dmsTo(s.id());
      assertThat(dms).as(s.displayName()).noneMatch(t -> t.startsWith("In an hour"));
      assertThat(dms)
          .as(s.displayName())
          .singleElement()
          .asString()
          .startsWith("Mock interview #" + id + " starts now");
    }
    assertThat(scheduling.pending())
        .containsKeys("mock:" + id + "/SWAP-1of3", "mock:" + id + "/END");
    int total = slack.dms.size();
    stop();

    open(true);
    awaitNothingDue();
    assertThat(slack.dms).hasSize(total);
  }

  @Test
  void aSessionCoachMissedEntirelyIsCancelledOnceWithAnApology() throws Exception {
    Instant realNow = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    String id = scheduleWhileStopped(realNow.minus(Duration.ofMinutes(40)), 30);

    clock.set(realNow);
    MockSessions running = open(true);
    await(() -> running.session(id).orElseThrow().state() == MockSession.State.CANCELLED);
    // the cancellation DMs go out after the step's transaction commits
    await(() -> PEOPLE.stream().allMatch(p -> !slack.dmsTo(p.id()).isEmpty()));
    awaitNothingDue();

    for (Sender s : PEOPLE) {
      assertThat(slack.dmsTo(s.id()))
          .as(s.displayName())
          .singleElement()
          .asString()
          .contains("cancelled")
          .contains("offline");
    }
    int total = slack.dms.size();
    stop();

    open(true);
    awaitNothingDue();
    assertThat(slack.dms).hasSize(total);
  }

  /** Waits up to 30 seconds for {@code condition}. */
  static void await(BooleanSupplier condition) throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(30);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out waiting");
      }
      Thread.sleep(20);
    }
  }

  /** Waits until no mock timer is due or running any more. */
  private void awaitNothingDue() throws InterruptedException {
    await(
        () ->
            scheduling.pending().entrySet().stream()
                    .filter(e -> e.getKey().startsWith("mock:"))
                    .allMatch(e -> e.getValue().isAfter(Instant.now()))
                && !scheduling.running());
  }

  /** Daily prompts are not under test here. */
  static final class NoPosts implements DailyPublisher {
    @Override
    public Receipt publish(DailyPost post) {
      throw new AssertionError("no daily post expected");
    }

    @Override
    public void directMessage(UserId user, Reply message) {}
  }
}
