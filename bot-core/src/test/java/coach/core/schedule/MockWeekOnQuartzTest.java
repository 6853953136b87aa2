package coach.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyRequest;
import coach.core.daily.RetryPolicy;
import coach.core.mock.FeedbackForm;
import coach.core.mock.MockSession;
import coach.core.mock.MockSessions;
import coach.core.mock.MockStep;
import coach.core.mock.MockTimer;
import coach.core.mock.RecordingMockPublisher;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.core.testing.TestFeatures;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A study group's week on real Quartz timers stored in SQLite, with a fixed clock walked from step
 * to step: schedule, RSVP with a waitlist promotion, the deadline, reminders at the same Berlin
 * time across the change to summer time, pairing at the start, the swap, peer feedback, the end and
 * next week's session. After every step Coach is restarted and the step's timer fired once more, as
 * Quartz does when a process dies before it has marked the firing done: nothing is lost and nothing
 * is repeated. Quartz fires on its own thread from its job store; only the waiting is skipped
 * ({@link Scheduling#fireMockTimersDueBy}).
 */
class MockWeekOnQuartzTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Sender ORGANISER = new Sender(UserId.slack("T1", "UORG"), "Olga");
  private static final Sender ANA = new Sender(UserId.slack("T1", "UANA"), "Ana");
  private static final Sender BEN = new Sender(UserId.slack("T1", "UBEN"), "Ben");
  private static final Sender CAI = new Sender(UserId.slack("T1", "UCAI"), "Cai");
  private static final Sender DEV = new Sender(UserId.slack("T1", "UDEV"), "Dev");
  private static final Sender EVE = new Sender(UserId.slack("T1", "UEVE"), "Eve");
  private static final List<Sender> ATTENDEES = List.of(ANA, BEN, DEV, EVE);

  @TempDir Path folder;
  private Database database;
  // Saturday 20 March 2027, 11:00 in Berlin; summer time starts in the night to Sunday the 28th.
  private final MutableClock clock = MutableClock.at("2027-03-20T10:00:00Z");
  private final RecordingMockPublisher slack = new RecordingMockPublisher();
  private final AtomicInteger events = new AtomicInteger();
  private Scheduling scheduling;
  private MockSessions mock;

  @BeforeEach
  void setUp() {
    database = TestDatabases.sqlite(folder);
    start();
  }

  @AfterEach
  void tearDown() {
    if (scheduling != null) {
      scheduling.close();
    }
    database.close();
  }

  /** Starts Coach's scheduler and mock sessions on the database, as `coach run` does. */
  private void start() {
    scheduling = Scheduling.create(database, "week");
    mock = new MockSessions(database, CURRICULUM, clock, BERLIN, Set.of(), scheduling);
    mock.register("slack", slack);
    DailyPrompts daily =
        TestFeatures.daily(
            database,
            clock,
            BERLIN,
            new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT),
            scheduling);
    daily.register("slack", new MockSchedulingTest.NoPosts());
    scheduling.start(daily, Optional.of(mock));
  }

  /**
   * Moves the clock to {@code instant} and lets Quartz fire every timer due by then; returns when
   * they have all run and delivered.
   */
  private void at(String instant) throws InterruptedException {
    clock.set(Instant.parse(instant));
    long before = scheduling.mockTimersRun();
    int fired = scheduling.fireMockTimersDueBy(clock.instant());
    // a timer's job sends its messages after its transaction commits, before it finishes
    MockSchedulingTest.await(() -> scheduling.mockTimersRun() >= before + fired);
  }

  /**
   * Restarts Coach, which re-arms every timer of the session (a step already taken does nothing
   * when it fires again), lets Quartz fire all that is due, and fires {@code step} once more by
   * hand, as after a crash between the step's commit and Quartz's record of the firing: no message,
   * no state change, and the timers still to come are the same.
   */
  private void restartAndRepeat(String id, MockTimer step) throws InterruptedException {
    int dms = slack.dms.size();
    int edits = slack.edits.size();
    int announcements = slack.announcements.size();
    MockSession.State state = mock.session(id).orElseThrow().state();
    Map<String, Instant> toCome = toCome();
    scheduling.close();
    start();
    at(clock.instant().toString());
    mock.fire(step);
    assertThat(slack.dms).as("DMs after repeating " + step.name()).hasSize(dms);
    assertThat(slack.edits).as("edits after repeating " + step.name()).hasSize(edits);
    assertThat(slack.announcements).hasSize(announcements);
    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(state);
    assertThat(toCome()).as("timers still to come after a restart").isEqualTo(toCome);
  }

  /** The mock timers after the clock's time. */
  private Map<String, Instant> toCome() {
    Map<String, Instant> toCome = new java.util.TreeMap<>(scheduling.pending());
    toCome.values().removeIf(at -> !at.isAfter(clock.instant()));
    return toCome;
  }

  private String press(Sender who, String action, String id) {
    return mock.press(who, action + ":" + id, "press" + events.incrementAndGet())
        .orElseThrow()
        .reply()
        .orElseThrow()
        .plainText();
  }

  private Instant pending(String id, String step) {
    return scheduling.pending().get("mock:" + id + "/" + step);
  }

  @Test
  void aStudyGroupsWeekRunsOnQuartzAndEveryStepSurvivesARestartWithoutRepeating() throws Exception {
    mock.command(
        new DailyRequest(
            CHANNEL,
            ORGANISER,
            "schedule-1",
            "schedule at 2027-03-28 18:00 zone Europe/Berlin capacity 4 deadline 2 weekly"
                + " prompts fraud-checkout,churn-prediction",
            true,
            Optional::empty));
    String id = mock.upcoming().get(0).id();

    // RSVP: the fifth waits; when one drops, the first waiting takes the place and is told
    for (Sender s : List.of(ANA, BEN, CAI, DEV)) {
      press(s, "mock-going", id);
    }
    assertThat(press(EVE, "mock-going", id)).contains("waitlist");
    press(CAI, "mock-not-going", id);
    assertThat(slack.dmsTo(EVE.id())).singleElement().asString().contains("#" + id);
    assertThat(slack.announcement()).contains("Ana", "Ben", "Dev", "Eve").doesNotContain("Cai");

    // every timer in the job store, at Berlin's local times on both sides of the change
    assertThat(pending(id, "DEADLINE")).isEqualTo(Instant.parse("2027-03-28T14:00:00Z"));
    assertThat(pending(id, "REMIND_DAY")).isEqualTo(Instant.parse("2027-03-27T17:00:00Z"));
    assertThat(pending(id, "REMIND_HOUR")).isEqualTo(Instant.parse("2027-03-28T15:00:00Z"));
    assertThat(pending(id, "START")).isEqualTo(Instant.parse("2027-03-28T16:00:00Z"));

    // the day before, at 18:00 Berlin (still winter time): everyone going, nobody else
    at("2027-03-27T17:00:00Z");
    for (Sender s : ATTENDEES) {
      assertThat(slack.dmsTo(s.id())).as(s.displayName()).last().asString().startsWith("Tomorrow");
    }
    assertThat(slack.dmsTo(CAI.id())).isEmpty();
    restartAndRepeat(id, new MockTimer(id, MockStep.REMIND_DAY));

    // the RSVP deadline: enough people, so the session stands; going is closed now
    at("2027-03-28T14:00:00Z");
    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.SCHEDULED);
    assertThat(press(CAI, "mock-going", id)).doesNotContain("You're going");
    restartAndRepeat(id, new MockTimer(id, MockStep.DEADLINE));

    // an hour before, 17:00 Berlin (summer time now)
    at("2027-03-28T15:00:00Z");
    for (Sender s : ATTENDEES) {
      assertThat(slack.dmsTo(s.id()))
          .as(s.displayName())
          .last()
          .asString()
          .startsWith("In an hour");
    }
    restartAndRepeat(id, new MockTimer(id, MockStep.REMIND_HOUR));

    // the start: two pairs, each person told their role
    at("2027-03-28T16:00:00Z");
    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.RUNNING);
    long interviewers =
        ATTENDEES.stream()
            .map(s -> slack.dmsTo(s.id()).get(slack.dmsTo(s.id()).size() - 1))
            .peek(
                dm ->
                    assertThat(dm)
                        .containsAnyOf("You are the interviewer", "You are the candidate"))
            .filter(dm -> dm.contains("You are the interviewer"))
            .count();
    assertThat(interviewers).isEqualTo(2);
    assertThat(pending(id, "SWAP-1of2")).isEqualTo(Instant.parse("2027-03-28T16:30:00Z"));
    assertThat(pending(id, "END")).isEqualTo(Instant.parse("2027-03-28T17:00:00Z"));
    restartAndRepeat(id, new MockTimer(id, MockStep.START));

    // halfway: roles swap; the first interviewers are thanked and asked for feedback
    at("2027-03-28T16:30:00Z");
    Sender first =
        ATTENDEES.stream()
            .filter(s -> mock.feedbackForm(s, id + ":0:0").isPresent())
            .findFirst()
            .orElseThrow();
    FeedbackForm form = mock.feedbackForm(first, id + ":0:0").orElseThrow();
    Sender candidate =
        ATTENDEES.stream()
            .filter(s -> s.displayName().equals(form.candidateName()))
            .findFirst()
            .orElseThrow();
    assertThat(slack.dmsTo(candidate.id()))
        .last()
        .asString()
        .contains("Time to swap")
        .contains("You are the interviewer");
    assertThat(slack.dmsTo(first.id()))
        .anySatisfy(t -> assertThat(t).contains("Thanks for interviewing"));
    restartAndRepeat(id, new MockTimer(id, MockStep.SWAP, 1, 2));

    // feedback is credited to the candidate as peer
    String concept = form.conceptIds().iterator().next();
    mock.submitFeedback(first, form.formId(), Set.of(concept), "Clear and calm.", "submit-1")
        .orElseThrow();
    assertThat(
            coach()
                .progressJson(candidate.id())
                .orElseThrow()
                .get("concepts")
                .get(concept)
                .get("sources")
                .get("peer")
                .asInt())
        .isEqualTo(1);

    // the end; a weekly session announces next week's at 18:00 Berlin with no RSVPs yet
    at("2027-03-28T17:00:00Z");
    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.ENDED);
    assertThat(mock.upcoming())
        .singleElement()
        .satisfies(
            next -> {
              assertThat(next.startsAt()).isEqualTo(Instant.parse("2027-04-04T16:00:00Z"));
              assertThat(mock.rsvps(next.id())).isEmpty();
            });
    restartAndRepeat(id, new MockTimer(id, MockStep.END));
    assertThat(mock.upcoming()).hasSize(1);
  }

  private Coach coach() {
    return new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, BERLIN);
  }
}
