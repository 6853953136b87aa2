package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyRequest;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
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

/**
 * The second half of a mock session's life: swaps, peer feedback credited as {@code peer},
 * attendance, weekly repeats, moves and the calendar file, don't-pair lists, and restarts.
 */
class MockFeedbackTest {

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
    clock = MutableClock.at("2026-12-07T06:00:00Z");
    triggers = new ManualMockTriggers();
    slack = new RecordingMockPublisher();
    mock = restart(true);
  }

  private MockSessions restart(boolean platformUp) {
    MockSessions m =
        new MockSessions(database, CURRICULUM, clock, ZoneId.of("UTC"), Set.of(), triggers);
    if (platformUp) {
      m.register("slack", slack);
    }
    return m;
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  private Reply command(Sender who, boolean organiser, String text) {
    return mock.command(
            new DailyRequest(
                CHANNEL, who, "ev" + events.incrementAndGet(), text, organiser, Optional::empty))
        .orElseThrow();
  }

  private MockSessions.PressOutcome press(Sender who, String actionId) {
    return mock.press(who, actionId, "press" + events.incrementAndGet()).orElseThrow();
  }

  private String schedule(String options, Sender... going) {
    command(ORGANISER, true, "schedule at " + options);
    String id = mock.upcoming().get(mock.upcoming().size() - 1).id();
    for (Sender s : going) {
      press(s, "mock-going:" + id);
    }
    return id;
  }

  private void runTimersAt(String instant) {
    clock.set(Instant.parse(instant));
    triggers.fireDue(mock, clock.instant());
  }

  private Sender interviewerOfFirstRound(Sender a, Sender b) {
    return slack.dmsTo(a.id()).stream().anyMatch(t -> t.contains("You are the interviewer"))
        ? a
        : b;
  }

  private JsonNode progress(Sender who) {
    return new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, BERLIN)
        .progressJson(who.id())
        .orElseThrow();
  }

  @Test
  void rolesSwapHalfwayAndTheInterviewersFeedbackIsCreditedToTheCandidateAsPeer() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout", ANA, BEN);
    runTimersAt("2026-12-10T17:00:00Z");
    Sender first = interviewerOfFirstRound(ANA, BEN);
    Sender candidate = first == ANA ? BEN : ANA;
    press(ANA, "mock-here:" + id);
    press(BEN, "mock-here:" + id);

    runTimersAt("2026-12-10T17:30:00Z");

    assertThat(slack.dmsTo(candidate.id()))
        .anySatisfy(
            t -> assertThat(t).contains("Time to swap").contains("You are the interviewer"));
    assertThat(slack.dmsTo(first.id()))
        .anySatisfy(
            t -> assertThat(t).contains("Thanks for interviewing " + candidate.displayName()));
    FeedbackForm form = press(first, "mock-feedback:" + id + ":0:0").form().orElseThrow();
    assertThat(form.candidateName()).isEqualTo(candidate.displayName());
    assertThat(form.conceptIds()).contains("data.label_delay", "metrics.threshold");
    assertThat(mock.press(candidate, "mock-feedback:" + id + ":0:0", "x1").orElseThrow().reply())
        .hasValueSatisfying(r -> assertThat(r.plainText()).contains("Only the interviewer"));

    Reply thanks =
        mock.submitFeedback(
                first,
                form.formId(),
                Set.of("data.label_delay", "metrics.threshold", "not.a.concept"),
                "Clear on label delay; rushed the threshold.",
                "submit-1")
            .orElseThrow();

    assertThat(thanks.plainText()).contains("Sent to " + candidate.displayName()).contains("2 of");
    assertThat(slack.dmsTo(candidate.id()))
        .anySatisfy(
            t ->
                assertThat(t)
                    .contains("Feedback from your mock interview #" + id)
                    .contains("Label delay")
                    .contains("rushed the threshold"));
    JsonNode json = progress(candidate);
    assertThat(json.get("concepts").get("data.label_delay").get("sources").get("peer").asInt())
        .isEqualTo(1);
    assertThat(json.get("concepts").get("metrics.threshold").get("covered").asBoolean()).isTrue();
    assertThat(progress(first).get("concepts").get("data.label_delay").get("covered").asBoolean())
        .isFalse();

    runTimersAt("2026-12-10T18:00:00Z");
    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.ENDED);
    assertThat(slack.dmsTo(candidate.id()))
        .anySatisfy(t -> assertThat(t).contains("Thanks for interviewing " + first.displayName()));
    JsonNode attendance = progress(candidate).get("mock_sessions");
    assertThat(attendance.get("attended").asInt()).isEqualTo(1);
    assertThat(attendance.get("as_candidate").asInt()).isEqualTo(1);
    assertThat(attendance.get("as_interviewer").asInt()).isEqualTo(1);
    assertThat(attendance.get("no_shows").asInt()).isZero();
  }

  @Test
  void progressShowsMockSessionsTheExportHoldsTheFeedbackAndForgetRemovesIt() throws Exception {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout", ANA, BEN);
    runTimersAt("2026-12-10T17:00:00Z");
    Sender first = interviewerOfFirstRound(ANA, BEN);
    Sender candidate = first == ANA ? BEN : ANA;
    runTimersAt("2026-12-10T17:30:00Z");
    mock.submitFeedback(
        first, id + ":0:0", Set.of("data.label_delay"), "Good on labels.", "submit-1");
    runTimersAt("2026-12-10T18:00:00Z");
    Coach coach = new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, BERLIN);

    String progress =
        coach
            .handle(new Inbound.Command(candidate, "c1", CommandWord.PROGRESS, Optional.empty()))
            .orElseThrow()
            .plainText();
    Reply export =
        coach
            .handle(new Inbound.Command(candidate, "c2", CommandWord.EXPORT, Optional.empty()))
            .orElseThrow();
    coach.handle(new Inbound.Command(candidate, "c3", CommandWord.FORGET, Optional.of("confirm")));

    assertThat(progress).contains("Mock sessions: 1 attended (1 as candidate, 1 as interviewer)");
    JsonNode json =
        new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(
                export.blocks().stream()
                    .filter(b -> b instanceof Reply.Block.File)
                    .map(b -> ((Reply.Block.File) b).data())
                    .findFirst()
                    .orElseThrow());
    assertThat(json.get("mock_sessions").get("feedback_received").get(0).get("note").asText())
        .isEqualTo("Good on labels.");
    assertThat(json.get("mock_sessions").get("rsvps").get(0).get("status").asText())
        .isEqualTo("going");
    assertThat(
            TestDatabases.strings(
                database,
                "SELECT note FROM mock_feedback UNION ALL SELECT candidate_id FROM mock_rounds"
                    + " WHERE candidate_id = '"
                    + candidate.id().value()
                    + "'"))
        .isEmpty();
  }

  @Test
  void stepsCaughtUpAfterTheEndInAnyOrderAskEveryInterviewerOnceAndAnnounceNoSwap() {
    String id = schedule("2026-12-10 18:00", ANA, BEN);
    runTimersAt("2026-12-10T17:00:00Z");
    clock.set(Instant.parse("2026-12-10T19:30:00Z"));

    mock.fire(new MockTimer(id, MockStep.END));
    mock.fire(new MockTimer(id, MockStep.SWAP, 1, 2));

    for (Sender s : List.of(ANA, BEN)) {
      List<String> dms = slack.dmsTo(s.id());
      assertThat(dms).noneMatch(t -> t.contains("Time to swap"));
      assertThat(dms.stream().filter(t -> t.startsWith("Thanks for interviewing"))).hasSize(1);
    }
  }

  @Test
  void afterSendingTheInterviewerCanChangeTheTicksAndOnlyNewOnesAreCreditedWhenSentAgain() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout", ANA, BEN);
    runTimersAt("2026-12-10T17:00:00Z");
    Sender first = interviewerOfFirstRound(ANA, BEN);
    Sender candidate = first == ANA ? BEN : ANA;
    runTimersAt("2026-12-10T17:30:00Z");
    FeedbackForm form = press(first, "mock-feedback:" + id + ":0:0").form().orElseThrow();
    mock.submitFeedback(first, form.formId(), Set.of("data.label_delay"), "", "s1").orElseThrow();

    // a tick changed in one part of the form after sending: saved, and said to need sending
    Set<String> part = Set.of("data.label_delay", "metrics.threshold");
    Reply saved = mock.saveFeedbackPart(first, form.formId(), part, part, "d1").orElseThrow();
    assertThat(saved.plainText()).contains("Saved (2 ticked").contains("Send the form again");
    assertThat(mock.feedbackForm(first, form.formId()).orElseThrow().checked())
        .containsExactlyInAnyOrder("data.label_delay", "metrics.threshold");
    assertThat(
            progress(candidate).get("concepts").get("metrics.threshold").get("covered").asBoolean())
        .as("not credited before it is sent")
        .isFalse();

    Reply again =
        mock.submitFeedback(
                first, form.formId(), Set.of("data.label_delay", "metrics.threshold"), "", "s2")
            .orElseThrow();

    assertThat(again.plainText()).contains("2 of");
    JsonNode concepts = progress(candidate).get("concepts");
    assertThat(concepts.get("metrics.threshold").get("sources").get("peer").asInt()).isEqualTo(1);
    assertThat(concepts.get("data.label_delay").get("sources").get("peer").asInt())
        .as("credited once, not again on the second sending")
        .isEqualTo(1);
  }

  @Test
  void aPartnerWhoNeverCameIsRecordedAsANoShowAndCreditedNothing() {
    String id = schedule("2026-12-10 18:00", ANA, BEN);
    runTimersAt("2026-12-10T17:00:00Z");
    Sender first = interviewerOfFirstRound(ANA, BEN);
    Sender absent = first == ANA ? BEN : ANA;
    press(first, "mock-here:" + id);
    runTimersAt("2026-12-10T17:30:00Z");

    String noted = press(first, "mock-absent:" + id + ":0:0").reply().orElseThrow().plainText();
    runTimersAt("2026-12-10T18:00:00Z");

    assertThat(noted).contains("didn't show");
    assertThat(progress(absent).get("mock_sessions").get("no_shows").asInt()).isEqualTo(1);
    assertThat(progress(absent).get("mock_sessions").get("attended").asInt()).isZero();
    assertThat(progress(first).get("mock_sessions").get("attended").asInt()).isEqualTo(1);
  }

  @Test
  void aWeeklySessionCreatesTheNextOccurrenceAtTheSameLocalTimeWithFreshRsvps() {
    String id = schedule("2026-12-10 18:00 weekly", ANA, BEN);
    runTimersAt("2026-12-10T17:00:00Z");
    runTimersAt("2026-12-10T18:00:00Z");

    List<MockSession> upcoming = mock.upcoming();
    assertThat(upcoming)
        .singleElement()
        .satisfies(
            next -> {
              assertThat(next.id()).isNotEqualTo(id);
              assertThat(next.startsAt()).isEqualTo(Instant.parse("2026-12-17T17:00:00Z"));
              assertThat(next.weekly()).isTrue();
              assertThat(mock.rsvps(next.id())).isEmpty();
            });
    assertThat(slack.announcements).hasSize(2);
  }

  @Test
  void aWeeklySessionCancelledForTooFewPeopleStillAnnouncesNextWeeksButAnOrganisersCancelEndsIt() {
    String id = schedule("2026-12-10 18:00 weekly min 3", ANA, BEN);
    runTimersAt("2026-12-10T15:00:00Z");

    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.CANCELLED);
    MockSession next = mock.upcoming().get(0);
    assertThat(next.startsAt()).isEqualTo(Instant.parse("2026-12-17T17:00:00Z"));

    Reply cancelled = command(ORGANISER, true, "cancel " + next.id());
    assertThat(cancelled.plainText()).contains("ends the series");
    assertThat(mock.upcoming()).isEmpty();
  }

  @Test
  void aMoveKeepsRsvpsTellsPeopleAndTheCalendarFileKeepsItsUidWithAHigherSequence()
      throws Exception {
    String id = schedule("2026-12-10 18:00", ANA);
    VEvent before = event(command(ANA, false, "ics " + id));

    Reply moved = command(ORGANISER, true, "move " + id + " at 2026-12-11 19:30");
    VEvent after = event(command(ANA, false, "ics " + id));

    assertThat(moved.plainText()).contains("Moved #" + id);
    assertThat(mock.rsvps(id))
        .singleElement()
        .extracting(Rsvp::status)
        .isEqualTo(Rsvp.Status.GOING);
    assertThat(slack.dmsTo(ANA.id())).singleElement().asString().contains("has moved");
    assertThat(triggers.at(new MockTimer(id, MockStep.START)))
        .contains(Instant.parse("2026-12-11T18:30:00Z"));
    assertThat(after.getUid().getValue()).isEqualTo(before.getUid().getValue());
    assertThat(after.getSequence().getValue()).isEqualTo(before.getSequence().getValue() + 1);
    assertThat(after.getDateStart().getValue().toInstant())
        .isEqualTo(Instant.parse("2026-12-11T18:30:00Z"));

    command(ORGANISER, true, "cancel " + id);
    ICalendar cancelled = calendar(command(ANA, false, "ics " + id));
    assertThat(cancelled.getMethod().getValue()).isEqualTo("CANCEL");
    assertThat(slack.dmsTo(ANA.id())).hasSize(2).last().asString().contains("cancelled");
  }

  private static ICalendar calendar(Reply reply) {
    Reply.Block.File file =
        reply.blocks().stream()
            .filter(b -> b instanceof Reply.Block.File)
            .map(b -> (Reply.Block.File) b)
            .findFirst()
            .orElseThrow();
    assertThat(file.mimeType()).isEqualTo("text/calendar");
    return Biweekly.parse(new String(file.data(), StandardCharsets.UTF_8)).first();
  }

  private static VEvent event(Reply reply) {
    return calendar(reply).getEvents().get(0);
  }

  @Test
  void aDontPairListIsAlwaysHonouredAndNeverRevealed() {
    Reply avoided = command(ANA, false, "avoid <@UBEN>");
    String id = schedule("2026-12-10 18:00", ANA, BEN);

    runTimersAt("2026-12-10T17:00:00Z");

    assertThat(avoided.plainText()).contains("Nobody else is told");
    for (Sender s : List.of(ANA, BEN)) {
      assertThat(slack.dmsTo(s.id()))
          .singleElement()
          .asString()
          .contains("nobody I can pair you with")
          .doesNotContain("avoid");
    }
    assertThat(slack.announcement()).doesNotContain("avoid");
    assertThat(command(ANA, false, "avoid").plainText()).contains("Ben");
    assertThat(command(BEN, false, "avoid").plainText()).doesNotContain("Ana");
  }

  @Test
  void messagesOwedWhileThePlatformIsDownGoOutOnceAfterARestart() {
    String id = schedule("2026-12-10 18:00", ANA, BEN, CAI);
    mock = restart(false);
    runTimersAt("2026-12-10T17:00:00Z");
    assertThat(slack.dms).isEmpty();

    // a crash cut one message off mid-send
    database.inTransaction(
        h ->
            h.execute(
                "UPDATE mock_outbox SET state = 'sending' WHERE id = (SELECT MIN(id) FROM"
                    + " mock_outbox WHERE kind = 'PAIRED')"));
    slack.failNextDms(1);
    mock = restart(true);
    mock.requeueInterrupted();
    mock.recover();
    mock.recover();
    mock.fire(new MockTimer(id, MockStep.START));

    for (Sender s : List.of(ANA, BEN, CAI)) {
      assertThat(slack.dmsTo(s.id())).as(s.displayName()).hasSize(1);
    }
    assertThat(
            slack.dmsTo(ANA.id()).get(0)
                + slack.dmsTo(BEN.id()).get(0)
                + slack.dmsTo(CAI.id()).get(0))
        .contains("observe");
  }
}
