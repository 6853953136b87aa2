package coach.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Daily prompts end to end in the core, with a fixed clock and timers fired by hand. */
class DailyPromptsTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");
  private static final Sender ORGANISER =
      new Sender(UserId.slack("T1", "UORG"), "Olga", Optional.of(ZoneId.of("Europe/Berlin")));
  private static final Sender MEMBER = new Sender(UserId.slack("T1", "UMEM"), "Max");
  private static final Sender OTHER = new Sender(UserId.slack("T1", "UOTH"), "Oda");

  @TempDir Path folder;
  private Database database;
  private MutableClock clock;
  private ManualTriggers triggers;
  private RecordingPublisher slack;
  private DailyPrompts daily;
  private final AtomicInteger events = new AtomicInteger();

  @BeforeEach
  void setUp() {
    database = TestDatabases.open(folder);
    // Monday 7 December 2026, 07:00 in Berlin.
    clock = MutableClock.at("2026-12-07T06:00:00Z");
    triggers = new ManualTriggers();
    daily = newDaily(Set.of());
  }

  private DailyPrompts newDaily(Set<UserId> admins) {
    slack = slack == null ? new RecordingPublisher() : slack;
    return instance(admins, triggers, slack);
  }

  /** A Coach instance on the test's database, with its own timers and publisher. */
  private DailyPrompts instance(
      Set<UserId> admins, DailyTriggers timers, RecordingPublisher publisher) {
    DailyPrompts d =
        new DailyPrompts(
            database,
            CURRICULUM,
            new ConceptIdDetector(CURRICULUM),
            clock,
            ZoneId.of("UTC"),
            new DailyPrompts.Settings(
                Duration.ofHours(3),
                admins,
                new RetryPolicy(List.of(Duration.ofMinutes(1), Duration.ofMinutes(5)))),
            timers);
    d.register("slack", publisher);
    return d;
  }

  @AfterEach
  void tearDown() {
    database.close();
  }

  private String say(Sender who, boolean organiser, String text) {
    return say(who, organiser, text, Optional.empty());
  }

  private String say(Sender who, boolean organiser, String text, Optional<String> problem) {
    return daily
        .command(
            new DailyRequest(
                CHANNEL, who, "ev" + events.incrementAndGet(), text, organiser, () -> problem))
        .orElseThrow()
        .plainText();
  }

  private void runTimersAt(String instant) {
    clock.set(Instant.parse(instant));
    triggers.fireDue(daily, clock.instant());
    // a delivery armed by a firing (daily now, a retry) runs in the same pass when due
    triggers.fireDue(daily, clock.instant());
  }

  @Test
  void anOrganiserSetsAScheduleAndSeesTheNextThreePostTimesInTheChannelsZone() {
    String reply = say(ORGANISER, true, "at 09:00 zone Europe/Berlin days mon-fri");

    assertThat(reply)
        .contains("09:00 Europe/Berlin, weekdays")
        .contains("Mon 7 Dec 2026, 09:00 CET")
        .contains("Tue 8 Dec 2026, 09:00 CET")
        .contains("Wed 9 Dec 2026, 09:00 CET");
    assertThat(triggers.nextFor(CHANNEL)).contains(Instant.parse("2026-12-07T08:00:00Z"));
    assertThat(say(MEMBER, false, "")).contains("09:00 Europe/Berlin, weekdays");
  }

  @Test
  void theZoneDefaultsToTheOrganisersOwn() {
    assertThat(say(ORGANISER, true, "at 10:30")).contains("10:30 Europe/Berlin, every day");
  }

  @Test
  void aMemberWhoIsNotAnOrganiserIsRefusedAndNothingChanges() {
    String reply = say(MEMBER, false, "at 09:00 zone Europe/Berlin");

    assertThat(reply).contains("Only organisers").contains("channel's creator");
    assertThat(say(MEMBER, false, "")).contains("no daily prompts");
    assertThat(triggers.next).isEmpty();
    assertThat(say(MEMBER, false, "now")).contains("Only organisers");
    assertThat(say(MEMBER, false, "list")).contains("Only organisers");
  }

  @Test
  void someoneListedInCoachAdminsMayConfigureWithoutPlatformRights() {
    daily = newDaily(Set.of(MEMBER.id()));
    assertThat(say(MEMBER, false, "at 09:00 zone UTC")).contains("Daily prompts are on");
  }

  @Test
  void aChannelTheBotCannotPostInIsRefusedWithWhatToDo() {
    String reply =
        say(ORGANISER, true, "at 09:00", Optional.of("invite me first with `/invite @Coach`."));
    assertThat(reply).contains("/invite @Coach");
    assertThat(say(MEMBER, false, "")).contains("no daily prompts");
  }

  @Test
  void thePostGoesOutOnceAtItsTimeWithTheScenarioTheFocusAndThePracticeButton() {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin prompts fraud-checkout");

    runTimersAt("2026-12-07T08:00:00Z");
    daily.fire(CHANNEL, Instant.parse("2026-12-07T08:00:00Z")); // a second firing of the same time

    assertThat(slack.posts).hasSize(1);
    DailyPublisher.DailyPost post = slack.posts.get(0);
    String text = post.body().plainText();
    assertThat(text)
        .contains("Fraud scoring at checkout")
        .contains("card payment")
        .contains("Today's focus, " + CURRICULUM.section(0).title())
        .contains(CURRICULUM.prompt("fraud-checkout").orElseThrow().question(CURRICULUM.section(0)))
        .doesNotContain("late");
    assertThat(choices(post.body())).contains("daily-practice:fraud-checkout");
    assertThat(triggers.nextFor(CHANNEL)).contains(Instant.parse("2026-12-08T08:00:00Z"));
  }

  @Test
  void aPostMissedWhileDownGoesOutLateWithinTheGracePeriodAndSaysSo() {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin");

    runTimersAt("2026-12-07T10:30:00Z"); // 2.5 hours late

    assertThat(slack.posts).hasSize(1);
    assertThat(slack.posts.get(0).body().plainText()).contains("late").contains("2 hours 30 min");
  }

  @Test
  void aPostMissedByMoreThanTheGracePeriodIsSkippedAndTheNextDayStillComes() {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin");

    runTimersAt("2026-12-07T11:30:00Z"); // 3.5 hours late

    assertThat(slack.posts).isEmpty();
    assertThat(triggers.nextFor(CHANNEL)).contains(Instant.parse("2026-12-08T08:00:00Z"));
    runTimersAt("2026-12-08T08:00:00Z");
    assertThat(slack.posts).hasSize(1);
  }

  @Test
  void threadRepliesAreCreditedToTheirAuthorsWithSourceDaily() {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin prompts fraud-checkout");
    runTimersAt("2026-12-07T08:00:00Z");
    String thread = "1700000000.1";

    var credited =
        daily.threadAnswer(CHANNEL, thread, MEMBER, "m1", "I'd start from decision.error_costs");
    var again =
        daily.threadAnswer(CHANNEL, thread, MEMBER, "m1", "I'd start from decision.error_costs");
    var elsewhere = daily.threadAnswer(CHANNEL, "999.9", MEMBER, "m2", "decision.goal");

    assertThat(credited)
        .hasValueSatisfying(c -> assertThat(c.concepts()).containsExactly("decision.error_costs"));
    assertThat(again).isEmpty();
    assertThat(elsewhere).isEmpty();
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    var json = coach.progressJson(MEMBER.id()).orElseThrow();
    var concept = json.get("concepts").get("decision.error_costs");
    assertThat(concept.get("times_covered").asInt()).isEqualTo(1);
    assertThat(concept.get("sources").get("daily").asInt()).isEqualTo(1);
    assertThat(concept.get("sources").get("practice").asInt()).isEqualTo(0);
    assertThat(json.get("concepts").get("decision.goal").get("covered").asBoolean()).isFalse();
  }

  @Test
  void feedbackIsPrivateAndAboutTheAuthorsOwnAnswersOnly() {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin prompts fraud-checkout");
    runTimersAt("2026-12-07T08:00:00Z");
    String postId = slack.posts.get(0).postId();
    daily.threadAnswer(CHANNEL, "1700000000.1", MEMBER, "m1", "decision.error_costs matters");
    daily.threadAnswer(CHANNEL, "1700000000.1", OTHER, "o1", "decision.goal and decision.user");

    String mine = daily.feedback(CHANNEL, MEMBER, Optional.of(postId)).plainText();
    String viaCommand = daily.feedback(CHANNEL, MEMBER, Optional.empty()).plainText();
    String nobody = daily.feedback(CHANNEL, ORGANISER, Optional.of(postId)).plainText();

    String errorCosts = CURRICULUM.concept("decision.error_costs").orElseThrow().name();
    String goal = CURRICULUM.concept("decision.goal").orElseThrow().name();
    assertThat(mine).contains("You covered 1 of").contains(errorCosts).doesNotContain(goal + ",");
    assertThat(mine).contains("A question an interviewer would ask next");
    assertThat(mine).doesNotContain("Oda").doesNotContain("Max");
    assertThat(viaCommand).isEqualTo(mine);
    assertThat(nobody).contains("haven't answered");
  }

  @Test
  void theNextPostSummarisesYesterdaysThreadWithoutNames() {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin prompts fraud-checkout,churn-prediction");
    runTimersAt("2026-12-07T08:00:00Z");
    daily.threadAnswer(CHANNEL, "1700000000.1", MEMBER, "m1", "decision.error_costs");
    daily.threadAnswer(CHANNEL, "1700000000.1", OTHER, "o1", "decision.goal");

    runTimersAt("2026-12-08T08:00:00Z");

    assertThat(slack.posts).hasSize(2);
    var second = slack.posts.get(1);
    assertThat(second.previous())
        .hasValueSatisfying(p -> assertThat(p.threadRef()).contains("1700000000.1"));
    String summary = second.previousSummary().orElseThrow();
    String errorCosts = CURRICULUM.concept("decision.error_costs").orElseThrow().name();
    assertThat(summary).contains("covered").contains(errorCosts).contains("nobody mentioned");
    assertThat(summary).doesNotContain("Max").doesNotContain("Oda").doesNotContain("UMEM");
  }

  @Test
  void promptsRotateWithoutRepeatsUntilThePoolIsUsedUpAndFocusSectionsAdvance() {
    say(ORGANISER, true, "at 09:00 zone UTC prompts fraud-checkout,churn-prediction,lead-scoring");
    for (int day = 7; day <= 10; day++) {
      runTimersAt("2026-12-%02dT09:00:00Z".formatted(day));
    }

    List<String> prompts = slack.posts.stream().map(p -> choices(p.body()).get(0)).toList();
    assertThat(prompts).hasSize(4);
    assertThat(Set.copyOf(prompts.subList(0, 3))).hasSize(3);
    assertThat(slack.posts.get(1).body().plainText())
        .contains("Today's focus, " + CURRICULUM.section(1).title());
    assertThat(slack.posts.get(3).body().plainText())
        .contains("Today's focus, " + CURRICULUM.section(3).title());
  }

  @Test
  void aFailedPostIsRetriedWithBackoffThenTheSchedulePausesAndTheOrganiserIsTold() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    slack.failNext(3, "the bot is not in the channel (not_in_channel).", true);

    runTimersAt("2026-12-07T09:00:00Z");
    assertThat(triggers.deliveries).containsValue(Instant.parse("2026-12-07T09:01:00Z"));
    runTimersAt("2026-12-07T09:01:00Z");
    assertThat(triggers.deliveries).containsValue(Instant.parse("2026-12-07T09:06:00Z"));
    runTimersAt("2026-12-07T09:06:00Z");

    assertThat(slack.posts).isEmpty();
    assertThat(triggers.next).isEmpty();
    assertThat(triggers.deliveries).isEmpty();
    assertThat(slack.dms).hasSize(1);
    assertThat(slack.dms.get(0).user()).isEqualTo(ORGANISER.id());
    assertThat(slack.dms.get(0).message().plainText())
        .contains("paused")
        .contains("not_in_channel")
        .contains("daily resume");
    assertThat(say(MEMBER, false, "")).contains("Paused").contains("not_in_channel");
  }

  @Test
  void aPostThatFailsOnceGoesOutOnTheRetry() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    slack.failNext(1, "Slack answered 503.", false);

    runTimersAt("2026-12-07T09:00:00Z");
    runTimersAt("2026-12-07T09:01:00Z");

    assertThat(slack.posts).hasSize(1);
    assertThat(slack.dms).isEmpty();
  }

  @Test
  void aPostClaimedBeforeACrashIsDeliveredOnceAfterTheRestart() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    say(ORGANISER, true, "now"); // claimed; the crash comes before its delivery timer runs
    triggers.deliveries.clear(); // the crash lost the in-memory timer

    daily = newDaily(Set.of()); // restart
    daily.recover();
    runTimersAt("2026-12-07T06:00:00Z");
    runTimersAt("2026-12-07T06:00:00Z");

    assertThat(slack.posts).hasSize(1);
  }

  /** A second Coach instance on the same database, with a publisher of its own. */
  private DailyPrompts secondInstance(RecordingPublisher publisher) {
    return instance(Set.of(), new ManualTriggers(), publisher);
  }

  @Test
  void aPostAnInstanceDiedDeliveringIsSweptUpOnceByAnotherWhenItsLeaseRunsOut() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    say(ORGANISER, true, "now"); // claimed at 06:00
    // the first instance takes the delivery lease, then dies before the platform call
    database.inTransaction(
        h ->
            h.execute(
                "UPDATE daily_posts SET lease_until = ?",
                clock.instant().plus(DailyPrompts.Settings.DEFAULT_LEASE).toEpochMilli()));
    RecordingPublisher elsewhere = new RecordingPublisher();
    DailyPrompts other = secondInstance(elsewhere);

    clock.set(Instant.parse("2026-12-07T06:01:00Z"));
    other.deliverAbandoned();
    other.deliver(CHANNEL, LocalDate.parse("2026-12-07"));
    assertThat(elsewhere.posts).as("the lease still holds").isEmpty();

    clock.set(Instant.parse("2026-12-07T06:02:00Z"));
    other.deliverAbandoned();
    other.deliverAbandoned();
    runTimersAt("2026-12-07T06:02:00Z"); // the first instance's own delivery timer, late

    assertThat(elsewhere.posts).singleElement();
    assertThat(slack.posts).isEmpty();
    assertThat(TestDatabases.strings(database, "SELECT state FROM daily_posts"))
        .containsExactly(DailyPostRecord.POSTED);
  }

  @Test
  void aPostNobodyTookIsLeftToItsOwnDeliveryFirstThenSweptUp() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    say(ORGANISER, true, "now"); // claimed; its delivery timer is due now
    RecordingPublisher elsewhere = new RecordingPublisher();
    DailyPrompts other = secondInstance(elsewhere);

    other.deliverAbandoned();
    assertThat(elsewhere.posts).as("just claimed: its own instance delivers it").isEmpty();

    triggers.deliveries.clear(); // that instance died before its delivery timer ran
    clock.set(Instant.parse("2026-12-07T06:02:01Z"));
    other.deliverAbandoned();

    assertThat(elsewhere.posts).singleElement();
    assertThat(slack.posts).isEmpty();
  }

  @Test
  void aPostWhosePromptWentBeforeDeliveryIsGivenUpNotRetriedForever() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    say(ORGANISER, true, "now"); // claimed; delivery timer due now
    database.inTransaction(h -> h.execute("UPDATE daily_posts SET prompt_id = 'withdrawn'"));

    runTimersAt("2026-12-07T06:00:00Z");
    clock.set(Instant.parse("2026-12-07T06:10:00Z"));
    daily.deliverAbandoned();

    assertThat(slack.posts).isEmpty();
    assertThat(TestDatabases.strings(database, "SELECT state FROM daily_posts"))
        .containsExactly(DailyPostRecord.FAILED);
  }

  @Test
  void aFailedAttemptHoldsThePostForItsRetrySoNoOtherInstanceHurriesIt() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    slack.failNext(1, "Slack answered 503.", false);
    RecordingPublisher elsewhere = new RecordingPublisher();
    DailyPrompts other = secondInstance(elsewhere);

    runTimersAt("2026-12-07T09:00:00Z");
    clock.set(Instant.parse("2026-12-07T09:00:30Z"));
    other.deliverAbandoned();
    assertThat(elsewhere.posts).as("the retry is not due yet").isEmpty();

    runTimersAt("2026-12-07T09:01:00Z");
    other.deliverAbandoned();

    assertThat(slack.posts).singleElement();
    assertThat(elsewhere.posts).isEmpty();
  }

  @Test
  void nowPostsAtOnceAndCountsAsTodaysPost() {
    say(ORGANISER, true, "at 09:00 zone UTC");

    assertThat(say(ORGANISER, true, "now")).contains("Posting today's question now");
    runTimersAt("2026-12-07T06:00:00Z");
    assertThat(say(ORGANISER, true, "now")).contains("out already");
    runTimersAt("2026-12-07T09:00:00Z");

    assertThat(slack.posts).hasSize(1);
    assertThat(triggers.nextFor(CHANNEL)).contains(Instant.parse("2026-12-08T09:00:00Z"));
  }

  @Test
  void pauseResumeSkipAndOffDoWhatTheySay() {
    say(ORGANISER, true, "at 09:00 zone UTC");
    assertThat(say(ORGANISER, true, "pause")).contains("Paused");
    assertThat(triggers.next).isEmpty();
    runTimersAt("2026-12-07T09:00:00Z");
    assertThat(slack.posts).isEmpty();

    assertThat(say(ORGANISER, true, "resume"))
        .contains("Resumed")
        .contains("Tue 8 Dec 2026, 09:00");
    assertThat(say(ORGANISER, true, "skip 2026-12-08"))
        .contains("No post on 2026-12-08")
        .contains("Wed 9 Dec");
    assertThat(triggers.nextFor(CHANNEL)).contains(Instant.parse("2026-12-09T09:00:00Z"));
    assertThat(say(ORGANISER, true, "skip 2026-12-01")).contains("has passed");

    assertThat(say(ORGANISER, true, "list")).contains("<#C1>").contains("09:00 UTC, every day");
    assertThat(say(ORGANISER, true, "off")).contains("off");
    assertThat(triggers.next).isEmpty();
    assertThat(say(MEMBER, false, "")).contains("no daily prompts");
  }

  @Test
  void aScheduleInADaylightSavingGapSaysSo() {
    clock.set(Instant.parse("2027-03-12T12:00:00Z"));
    String reply = say(ORGANISER, true, "at 02:30 zone America/New_York");
    assertThat(reply).contains("does not exist on 2027-03-14").contains("03:00");
  }

  @Test
  void aRedeliveredCommandChangesNothingTwice() {
    var request =
        new DailyRequest(CHANNEL, ORGANISER, "same", "at 09:00 zone UTC", true, Optional::empty);
    assertThat(daily.command(request)).isPresent();
    assertThat(daily.command(request)).isEmpty();
  }

  @Test
  void thePractiseButtonStartsADmSessionOnThePostsPrompt() {
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    String reply =
        coach
            .handle(new Inbound.Choice(MEMBER, "c1", "daily-practice:churn-prediction"))
            .orElseThrow()
            .plainText();
    assertThat(reply).contains(CURRICULUM.prompt("churn-prediction").orElseThrow().title());
    assertThat(coach.openSession(MEMBER.id())).isPresent();
  }

  @Test
  void exportShowsThreadAnswersAndForgetDeletesThem() throws Exception {
    say(ORGANISER, true, "at 09:00 zone Europe/Berlin");
    runTimersAt("2026-12-07T08:00:00Z");
    daily.threadAnswer(CHANNEL, "1700000000.1", MEMBER, "m1", "decision.error_costs matter most");
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));

    var export =
        coach
            .handle(new Inbound.Command(MEMBER, "x1", CommandWord.EXPORT, Optional.empty()))
            .orElseThrow();
    var file =
        export.blocks().stream()
            .filter(b -> b instanceof Reply.Block.File)
            .map(b -> (Reply.Block.File) b)
            .findFirst()
            .orElseThrow();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(file.data());
    assertThat(json.get("daily_answers").get(0).get("text").asText())
        .isEqualTo("decision.error_costs matter most");
    assertThat(json.get("coverage_events").get(0).get("source").asText()).isEqualTo("daily");

    coach.handle(new Inbound.Command(MEMBER, "x2", CommandWord.FORGET, Optional.of("confirm")));
    assertThat(TestDatabases.strings(database, "SELECT text FROM daily_answers")).isEmpty();
  }

  @Test
  void theOrganiserIsToldOnceAWeekBeforeThePoolRunsOut() {
    say(
        ORGANISER,
        true,
        "at 09:00 zone UTC prompts fraud-checkout,churn-prediction,lead-scoring,search-ranking,ticket-triage,nearby-places,on-device-ml,dynamic-pricing");
    for (int day = 7; day <= 10; day++) {
      runTimersAt("2026-12-%02dT09:00:00Z".formatted(day));
    }

    // 8 prompts, daily: after the first post 7 are left, which the next week uses up.
    assertThat(slack.dms).hasSize(1);
    assertThat(slack.dms.get(0).user()).isEqualTo(ORGANISER.id());
    assertThat(slack.dms.get(0).message().plainText())
        .contains("7 of the 8 prompts")
        .contains("2026-12-14")
        .contains("come round again");
  }

  private static List<String> choices(Reply reply) {
    return reply.blocks().stream()
        .filter(b -> b instanceof Reply.Block.Choices)
        .flatMap(b -> ((Reply.Block.Choices) b).choices().stream())
        .map(Reply.Block.Choice::actionId)
        .toList();
  }
}
