package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyRequest;
import coach.core.storage.Database;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Mock sessions through their whole life in the core, with a fixed clock and hand-fired timers. */
class MockSessionsTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Sender ORGANISER =
      new Sender(UserId.slack("T1", "UORG"), "Olga", Optional.of(BERLIN));
  private static final Sender ANA = new Sender(UserId.slack("T1", "UANA"), "Ana");
  private static final Sender BEN = new Sender(UserId.slack("T1", "UBEN"), "Ben");
  private static final Sender CAI = new Sender(UserId.slack("T1", "UCAI"), "Cai");
  private static final Sender DEV = new Sender(UserId.slack("T1", "UDEV"), "Dev");

  @TempDir Path folder;
  private Database database;
  private MutableClock clock;
  private ManualMockTriggers triggers;
  private RecordingMockPublisher slack;
  private MockSessions mock;
  private final AtomicInteger events = new AtomicInteger();

  @BeforeEach
  void setUp() {
    database = TestDatabases.open(folder);
    // Monday 7 December 2026, 07:00 in Berlin.
    clock = MutableClock.at("2026-12-07T06:00:00Z");
    triggers = new ManualMockTriggers();
    slack = new RecordingMockPublisher();
    mock = restart();
  }

  /** A fresh core on the same database and timers, as after a process restart. */
  private MockSessions restart() {
    MockSessions m =
        new MockSessions(database, CURRICULUM, clock, ZoneId.of("UTC"), Set.of(), triggers);
    m.register("slack", slack);
    return m;
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  private String say(Sender who, boolean organiser, String text) {
    return mock.command(
            new DailyRequest(
                CHANNEL, who, "ev" + events.incrementAndGet(), text, organiser, Optional::empty))
        .orElseThrow()
        .plainText();
  }

  private String press(Sender who, String action, String id) {
    return mock.press(who, action + ":" + id, "press" + events.incrementAndGet())
        .orElseThrow()
        .reply()
        .orElseThrow()
        .plainText();
  }

  private String schedule(String options) {
    say(ORGANISER, true, "schedule at " + options);
    return mock.upcoming().get(mock.upcoming().size() - 1).id();
  }

  private void runTimersAt(String instant) {
    clock.set(Instant.parse(instant));
    triggers.fireDue(mock, clock.instant());
  }

  @Test
  void anOrganiserSchedulesAndTheAnnouncementCarriesTimeCapacityAndTheRsvpButtons() {
    String reply =
        say(ORGANISER, true, "schedule at 2026-12-10 18:00 capacity 6 prompts fraud-checkout");

    MockSession s = mock.upcoming().get(0);
    assertThat(reply).contains("#" + s.id()).contains("Thu 10 Dec 2026, 18:00 (Europe/Berlin)");
    assertThat(s.startsAt()).isEqualTo(Instant.parse("2026-12-10T17:00:00Z"));
    assertThat(s.deadline()).isEqualTo(Instant.parse("2026-12-10T15:00:00Z"));
    assertThat(s.zone()).isEqualTo(BERLIN);
    Reply announcement = slack.announcements.values().iterator().next();
    assertThat(announcement.plainText())
        .contains("Mock interview #" + s.id())
        .contains("60 minutes")
        .contains("0 of 6 taken")
        .contains("Fraud");
    assertThat(announcement.blocks())
        .anySatisfy(b -> assertThat(b).isInstanceOf(Reply.Block.Moment.class));
    assertThat(choiceIds(announcement))
        .containsExactly("mock-going:" + s.id(), "mock-not-going:" + s.id());
    assertThat(triggers.at(new MockTimer(s.id(), MockStep.START)))
        .contains(Instant.parse("2026-12-10T17:00:00Z"));
    assertThat(triggers.at(new MockTimer(s.id(), MockStep.DEADLINE)))
        .contains(Instant.parse("2026-12-10T15:00:00Z"));
    assertThat(triggers.at(new MockTimer(s.id(), MockStep.REMIND_DAY)))
        .contains(Instant.parse("2026-12-09T17:00:00Z"));
    assertThat(triggers.at(new MockTimer(s.id(), MockStep.REMIND_HOUR)))
        .contains(Instant.parse("2026-12-10T16:00:00Z"));
  }

  private static List<String> choiceIds(Reply reply) {
    return reply.blocks().stream()
        .filter(b -> b instanceof Reply.Block.Choices)
        .flatMap(b -> ((Reply.Block.Choices) b).choices().stream())
        .map(Reply.Block.Choice::actionId)
        .toList();
  }

  @Test
  void aMemberCannotScheduleAndNothingIsStoredOrPosted() {
    String reply = say(ANA, false, "schedule at 2026-12-10 18:00");

    assertThat(reply).startsWith("Only organisers can schedule mock sessions");
    assertThat(mock.upcoming()).isEmpty();
    assertThat(slack.announcements).isEmpty();
    assertThat(triggers.all()).isEmpty();
  }

  @Test
  void mistakesGetAFriendlyMessageAndChangeNothing() {
    assertThat(say(ORGANISER, true, "schedule at 2026-12-01 18:00")).contains("already passed");
    assertThat(say(ORGANISER, true, "schedule at tomorrow")).contains("YYYY-MM-DD");
    assertThat(say(ORGANISER, true, "schedule at 2026-12-10 18:00 zone Mars/Base"))
        .contains("time zone");
    assertThat(say(ORGANISER, true, "schedule at 2026-12-10 18:00 prompts nope"))
        .contains("don't know the prompt nope");
    assertThat(say(ORGANISER, true, "schedule at 2026-12-10 18:00 capacity 2 min 3"))
        .contains("below the minimum");
    assertThat(say(ORGANISER, true, "cancel ZZZZZ")).contains("don't know a mock session");
    assertThat(mock.upcoming()).isEmpty();
    assertThat(slack.announcements).isEmpty();
  }

  @Test
  void goingUpdatesTheAnnouncementInPlaceAndARedeliveredPressChangesNothing() {
    String id = schedule("2026-12-10 18:00");

    press(ANA, "mock-going", id);
    Optional<MockSessions.PressOutcome> redelivered =
        mock.press(BEN, "mock-going:" + id, "same-event");
    Optional<MockSessions.PressOutcome> again = mock.press(BEN, "mock-going:" + id, "same-event");

    assertThat(redelivered).isPresent();
    assertThat(again).isEmpty();
    assertThat(slack.announcements).hasSize(1);
    assertThat(slack.announcement()).contains("Going (2): Ana, Ben");
    assertThat(slack.edits).hasSize(2);
    assertThat(mock.rsvps(id)).extracting(Rsvp::status).containsOnly(Rsvp.Status.GOING);
  }

  @Test
  void withHundredsGoingTheAnnouncementNamesTheFirstAndCountsTheRestInOneMessage() {
    String id = schedule("2026-12-10 18:00");
    for (int i = 0; i < 300; i++) {
      Sender member =
          new Sender(UserId.slack("T1", "U" + i), "Member number " + i + " of the study group");
      press(member, "mock-going", id);
    }

    String text = slack.announcement();
    assertThat(text)
        .contains("Going (300): Member number 0 of the study group, Member number 1 of")
        .containsPattern("and \\d+ more");
    int shown = text.split("of the study group").length - 1;
    assertThat(text).contains("and " + (300 - shown) + " more");
    assertThat(shown).isBetween(20, 60);
    ChatLimits.assertFitsOneSlackMessageAndDiscordEmbeds(
        slack.announcements.values().iterator().next());
  }

  @Test
  void pastCapacityPeopleWaitInOrderAndAFreedPlaceGoesToTheFirstWhoIsTold() {
    String id = schedule("2026-12-10 18:00 capacity 2");
    press(ANA, "mock-going", id);
    press(BEN, "mock-going", id);

    String cai = press(CAI, "mock-going", id);
    String dev = press(DEV, "mock-going", id);
    press(ANA, "mock-not-going", id);

    assertThat(cai).contains("number 1 on the waitlist");
    assertThat(dev).contains("number 2 on the waitlist");
    assertThat(slack.announcement())
        .contains("Going (2): Ben, Cai")
        .contains("Waitlist, in order (1): Dev");
    assertThat(slack.dmsTo(CAI.id())).singleElement().asString().contains("A place opened up");
    assertThat(slack.dmsTo(DEV.id())).isEmpty();
  }

  @Test
  void afterTheDeadlineGoingIsRefusedButNotGoingStillFreesThePlaceAsALateDrop() {
    String id = schedule("2026-12-10 18:00 capacity 2 deadline 2");
    press(ANA, "mock-going", id);
    press(BEN, "mock-going", id);
    press(CAI, "mock-going", id);
    clock.set(Instant.parse("2026-12-10T15:30:00Z"));

    String late = press(DEV, "mock-going", id);
    press(ANA, "mock-not-going", id);

    assertThat(late).contains("deadline").contains("has passed");
    assertThat(mock.rsvps(id))
        .anySatisfy(
            r -> {
              assertThat(r.user()).isEqualTo(ANA.id());
              assertThat(r.status()).isEqualTo(Rsvp.Status.NOT_GOING);
              assertThat(r.lateDrop()).isTrue();
            })
        .noneSatisfy(r -> assertThat(r.user()).isEqualTo(DEV.id()));
    assertThat(slack.announcement()).contains("Going (2): Ben, Cai");
    assertThat(slack.dmsTo(CAI.id())).singleElement().asString().contains("A place opened up");
  }

  @Test
  void belowTheMinimumAtTheDeadlineTheSessionIsCancelledAndEveryoneGoingIsTold() {
    String id = schedule("2026-12-10 18:00 min 3");
    press(ANA, "mock-going", id);
    press(BEN, "mock-going", id);

    runTimersAt("2026-12-10T15:00:00Z");

    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.CANCELLED);
    assertThat(slack.dmsTo(ANA.id()))
        .singleElement()
        .asString()
        .contains("cancelled")
        .contains("needs 3");
    assertThat(slack.dmsTo(BEN.id())).hasSize(1);
    assertThat(slack.announcement()).contains("(cancelled)").doesNotContain("[Going]");
    assertThat(triggers.all()).isEmpty();
  }

  @Test
  void remindersComeAtTheSameLocalTimeTheDayBeforeAcrossADstChangeAndRespectEachPersonsChoice() {
    // Europe/Berlin moves to summer time in the night to Sunday 28 March 2027.
    clock.set(Instant.parse("2027-03-20T10:00:00Z"));
    String id = schedule("2027-03-28 18:00 zone Europe/Berlin");
    press(ANA, "mock-going", id);
    press(BEN, "mock-going", id);
    press(CAI, "mock-not-going", id);
    say(BEN, false, "reminders off 24h");

    assertThat(triggers.at(new MockTimer(id, MockStep.REMIND_DAY)))
        .contains(Instant.parse("2027-03-27T17:00:00Z"));
    assertThat(triggers.at(new MockTimer(id, MockStep.START)))
        .contains(Instant.parse("2027-03-28T16:00:00Z"));
    runTimersAt("2027-03-27T17:00:00Z");
    assertThat(slack.dmsTo(ANA.id())).singleElement().asString().startsWith("Tomorrow");
    assertThat(slack.dmsTo(BEN.id())).isEmpty();

    runTimersAt("2027-03-28T15:00:00Z");
    assertThat(slack.dmsTo(ANA.id())).hasSize(2).last().asString().startsWith("In an hour");
    assertThat(slack.dmsTo(BEN.id())).singleElement().asString().startsWith("In an hour");
    assertThat(slack.dmsTo(CAI.id())).isEmpty();

    // the same timer again (a restart re-arms it) sends nothing more
    mock = restart();
    mock.fire(new MockTimer(id, MockStep.REMIND_HOUR));
    mock.recover();
    assertThat(slack.dmsTo(ANA.id())).hasSize(2);
  }

  @Test
  void noReminderArrivesAfterTheStart() {
    String id = schedule("2026-12-10 18:00");
    press(ANA, "mock-going", id);
    clock.set(Instant.parse("2026-12-10T17:05:00Z"));

    mock.fire(new MockTimer(id, MockStep.REMIND_HOUR));
    mock.fire(new MockTimer(id, MockStep.REMIND_DAY));

    assertThat(slack.dmsTo(ANA.id())).isEmpty();
  }

  @Test
  void atTheStartAttendeesArePairedEachDmNamesTheirRoleAndInterviewersGetTheRubric() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout,churn-prediction");
    for (Sender s : List.of(ANA, BEN, CAI, DEV)) {
      press(s, "mock-going", id);
    }

    runTimersAt("2026-12-10T17:00:00Z");

    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.RUNNING);
    int interviewers = 0;
    for (Sender s : List.of(ANA, BEN, CAI, DEV)) {
      List<String> dms = slack.dmsTo(s.id());
      assertThat(dms).hasSizeGreaterThanOrEqualTo(1);
      String pairing = dms.get(dms.size() - 1);
      assertThat(pairing).containsAnyOf("You are the interviewer", "You are the candidate");
      if (pairing.contains("You are the interviewer")) {
        interviewers++;
        assertThat(pairing).contains("Label delay", "ask:");
      } else {
        assertThat(pairing).doesNotContain("Label delay").doesNotContain("ask:");
      }
    }
    assertThat(interviewers).isEqualTo(2);
    assertThat(triggers.at(new MockTimer(id, MockStep.SWAP, 1, 2)))
        .contains(Instant.parse("2026-12-10T17:30:00Z"));
    assertThat(triggers.at(new MockTimer(id, MockStep.END)))
        .contains(Instant.parse("2026-12-10T18:00:00Z"));
    assertThat(slack.announcement()).contains("(under way)");
  }
}
