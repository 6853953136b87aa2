package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import coach.core.Coach;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.DailyPrompts;
import coach.core.daily.RetryPolicy;
import coach.core.schedule.Scheduling;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.TestDatabases;
import coach.slack.FakeSlack.Call;
import coach.slack.FakeSlackChannels.Posted;
import coach.slack.transport.SlackConnection;
import coach.slack.transport.SlackPoster;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * Daily prompts on Slack end to end: the real Bolt app in Socket Mode against the loopback fake
 * (with team channels, {@link FakeSlackChannels}), the real core and a real Quartz on SQLite. In
 * channel C1 the bot is a member and UORG its creator; in C2 the bot is not a member; UADM is a
 * workspace admin; UMEM and UOTH are members.
 */
class SlackDailyTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final String TITLE = CURRICULUM.prompt("fraud-checkout").orElseThrow().title();

  @TempDir Path folder;
  private FakeSlack slack;
  private FakeSlackChannels channels;
  private Database database;
  private Scheduling scheduling;
  private DailyPrompts daily;
  private Coach coach;
  private SlackAdapter adapter;
  private ListAppender<ILoggingEvent> logs;
  private int events;

  @BeforeEach
  void start() {
    slack = new FakeSlack();
    channels = new FakeSlackChannels(slack);
    channels.channel("C1", "UORG", true);
    channels.channel("C2", "UORG", false);
    channels.admin("UADM");
    logs = new ListAppender<>();
    logs.start();
    for (Class<?> source : List.of(SlackPoster.class, SlackConnection.class)) {
      ((Logger) LoggerFactory.getLogger(source)).addAppender(logs);
    }
    database = TestDatabases.sqlite(folder);
    ConceptIdDetector detector = new ConceptIdDetector(CURRICULUM);
    Clock clock = Clock.systemUTC(); // Quartz fires on the real clock
    coach = new Coach(database, CURRICULUM, detector, clock, ZoneId.of("UTC"), 1);
    scheduling = Scheduling.create(database, "slack-daily-" + UUID.randomUUID());
    daily =
        new DailyPrompts(
            database,
            CURRICULUM,
            detector,
            clock,
            ZoneId.of("UTC"),
            new DailyPrompts.Settings(
                Duration.ofHours(3),
                Set.of(),
                new RetryPolicy(List.of(Duration.ofMillis(300), Duration.ofMillis(300)))),
            scheduling);
    adapter = startAdapter();
    slack.awaitConnected(WAIT);
    scheduling.start(daily);
  }

  private SlackAdapter startAdapter() {
    return SlackAdapter.start(
        coach,
        Optional.of(daily),
        new SlackAdapter.Settings(
            FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
        new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(20)));
  }

  @AfterEach
  void stop() {
    try {
      assertThat(slack.pings()).as("text Slack would turn into a notification").isEmpty();
      assertThat(slack.refused())
          .as("calls Slack refused, besides the refusals a test set up")
          .filteredOn(c -> !provoked(c))
          .isEmpty();
      assertThat(slack.ackProblems()).isEmpty();
    } finally {
      scheduling.close();
      adapter.close();
      slack.close();
      database.close();
      for (Class<?> source : List.of(SlackPoster.class, SlackConnection.class)) {
        ((Logger) LoggerFactory.getLogger(source)).detachAppender(logs);
      }
    }
  }

  // ---- helpers ----

  /** A refusal a test asked for: a removed bot, a missing scope, a channel the bot is not in. */
  private static boolean provoked(Call call) {
    String error = call.response().path("error").asText();
    return error.equals("not_in_channel")
        || error.equals("missing_scope")
        || (error.equals("channel_not_found") && call.method().equals("conversations.info"));
  }

  /** {@code /coach TEXT} typed by {@code user} in {@code channel}; returns the answer to it. */
  private Call command(String user, String channel, String text) {
    int before = slack.calls("response").size();
    slack.awaitAck(slack.slash(user, channel, text, "trig-" + ++events), WAIT);
    return slack.awaitCalls("response", c -> true, before + 1, WAIT).get(before);
  }

  /** The organiser sets C1 up with fraud-checkout and posts today's question at once. */
  private Posted postNow() {
    command("UORG", "C1", "daily at 09:00 zone UTC prompts fraud-checkout");
    return postNow("C1");
  }

  private Posted postNow(String channel) {
    int before = channels.posted().size();
    assertThat(command("UORG", channel, "daily now").param("text")).contains("Posting");
    FakeSlack.await(() -> channels.posted().size() > before, WAIT, "no post in " + channel);
    Posted posted = channels.posted().get(before);
    // Slack has the post; wait until Coach has recorded it too, so replies find their thread.
    FakeSlack.await(
        () ->
            TestDatabases.strings(
                    database,
                    "SELECT state FROM daily_posts WHERE message_ref = '" + posted.ts() + "'")
                .contains("posted"),
        WAIT,
        "the post in " + channel + " was never recorded as posted");
    return posted;
  }

  /** {@code user} replies in the post's thread; returns the reply's ts. */
  private String reply(String user, Posted post, String text) {
    String ts = channels.nextTs();
    events++;
    slack.awaitAck(
        channels.threadReply(user, "C1", post.ts(), text, "EvT" + events, "cm-" + events, ts),
        WAIT);
    return ts;
  }

  private List<Call> reactionsTo(String ts) {
    return slack.calls("reactions.add", c -> c.param("timestamp").equals(ts));
  }

  private static Predicate<Call> to(String channel) {
    return c -> c.param("channel").equals(channel);
  }

  private static List<String> actionIds(JsonNode blocks) {
    List<String> ids = new ArrayList<>();
    for (JsonNode block : blocks) {
      if (block.path("type").asText().equals("actions")) {
        block.path("elements").forEach(e -> ids.add(e.path("action_id").asText()));
      }
    }
    return ids;
  }

  private static String feedbackAction(Posted post) {
    return actionIds(post.blocks()).stream()
        .filter(id -> id.startsWith("daily-feedback:"))
        .findFirst()
        .orElseThrow();
  }

  private int dailyCredits(String user, String concept) {
    return coach
        .progressJson(UserId.slack("T1", user))
        .orElseThrow()
        .path("concepts")
        .path(concept)
        .path("sources")
        .path("daily")
        .asInt();
  }

  private List<String> column(String sql) {
    return TestDatabases.strings(database, sql);
  }

  private List<String> logLines() {
    return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }

  private static String name(String concept) {
    return CURRICULUM.concept(concept).orElseThrow().name();
  }

  // ---- configuring ----

  @Test
  void anOrganiserConfiguresAChannelAndSeesTheNextThreePostTimes() {
    Call reply = command("UORG", "C1", "daily at 09:00 zone Europe/Berlin days mon-fri");

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text"))
        .contains("Daily prompts are on")
        .contains("09:00 Europe/Berlin, weekdays")
        .containsPattern(
            "(?s)(Mon|Tue|Wed|Thu|Fri) \\d+ \\w+ \\d{4}, 09:00 CES?T.*"
                + "(Mon|Tue|Wed|Thu|Fri) \\d+ \\w+ \\d{4}, 09:00 CES?T.*"
                + "(Mon|Tue|Wed|Thu|Fri) \\d+ \\w+ \\d{4}, 09:00 CES?T");
    assertThat(column("SELECT channel_key || ' ' || organiser_id FROM daily_schedules"))
        .containsExactly("slack:T1:C1 slack:T1:UORG");
    assertThat(scheduling.pending()).containsKey("daily-post:slack:T1:C1");
    // the reply is the organiser's alone: nothing was posted in the channel
    assertThat(slack.calls("chat.postMessage", to("C1"))).isEmpty();

    // A workspace admin who did not create the channel is an organiser too.
    assertThat(command("UADM", "C1", "daily at 10:00").param("text"))
        .contains("Daily prompts updated")
        .contains("10:00 Europe/Berlin, weekdays");
  }

  @Test
  void aMemberWhoIsNotAnOrganiserIsRefusedAndNothingIsStored() {
    Call reply = command("UMEM", "C1", "daily at 09:00 zone Europe/Berlin");

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text"))
        .contains("Only organisers")
        .contains("workspace admins and owners, the channel's creator");
    assertThat(column("SELECT channel_key FROM daily_schedules")).isEmpty();
    assertThat(scheduling.pending()).isEmpty();

    // Anyone may look, but only organisers get the schedule form.
    assertThat(command("UMEM", "C1", "daily").param("text")).contains("no daily prompts");
    assertThat(slack.calls("views.open")).isEmpty();
  }

  @Test
  void anOrganisersBareDailyOpensTheScheduleFormAndItsSubmissionSetsTheSchedule() {
    Call shown = command("UORG", "C1", "daily");
    assertThat(shown.param("text")).contains("no daily prompts");
    Call open = slack.awaitCalls("views.open", c -> true, 1, WAIT).get(0);
    assertThat(open.param("trigger_id")).isEqualTo("trig-" + events);
    assertThat(open.response().path("ok").asBoolean()).as("a modal Slack accepts").isTrue();
    JsonNode view = open.json("view");
    assertThat(view.path("callback_id").asText()).isEqualTo("daily-schedule");
    assertThat(view.path("private_metadata").asText()).isEqualTo("C1");
    assertThat(view.toString())
        .contains("\"timepicker\"")
        .contains("\"checkboxes\"")
        .contains("\"initial_value\":\"Europe/Berlin\""); // the organiser's own zone

    String submitted =
        channels.submitSchedule(
            "UORG", "C1", "08:30", "Europe/Berlin", List.of("mon", "wed", "fri"));
    slack.awaitAck(submitted, WAIT);
    assertThat(
            slack.ackPayload(submitted).map(p -> p.path("errors")).filter(e -> !e.isMissingNode()))
        .isEmpty();
    Call answer = slack.awaitCalls("chat.postEphemeral", to("C1"), 1, WAIT).get(0);
    assertThat(answer.param("user")).isEqualTo("UORG");
    assertThat(answer.param("text"))
        .contains("Daily prompts are on")
        .contains("08:30 Europe/Berlin")
        .contains("Next posts");
    assertThat(column("SELECT post_time || ' ' || zone || ' ' || days FROM daily_schedules"))
        .containsExactly("08:30 Europe/Berlin mon,wed,fri");
  }

  @Test
  void aScheduleFormWithAnUnknownZoneAndNoDayIsSentBackWithItsErrors() {
    String submitted = channels.submitSchedule("UORG", "C1", "08:30", "Mars/Olympus", List.of());
    slack.awaitAck(submitted, WAIT);

    JsonNode ack = slack.ackPayload(submitted).orElseThrow();
    assertThat(ack.path("response_action").asText()).isEqualTo("errors");
    assertThat(ack.path("errors").path("zone").asText()).contains("time zone");
    assertThat(ack.path("errors").path("days").asText()).contains("at least one day");
    command("UORG", "C1", "daily"); // a sentinel on the same lane the form's work would take
    assertThat(column("SELECT channel_key FROM daily_schedules")).isEmpty();
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void aChannelTheBotIsNotInIsRefusedWithInviteAdvice() {
    Call reply = command("UORG", "C2", "daily at 09:00 zone Europe/Berlin");

    assertThat(reply.param("text"))
        .contains("I can't post in this channel yet")
        .contains("/invite @Coach");
    assertThat(column("SELECT channel_key FROM daily_schedules")).isEmpty();
  }

  @Test
  void inTheDmTheDailyCommandSaysWhereItBelongs() {
    slack.awaitAck(slack.slash("UMEM", "DUMEM", "daily at 09:00", "trig-dm"), WAIT);
    Call reply = slack.awaitCalls("chat.postMessage", to("DUMEM"), 1, WAIT).get(0);
    assertThat(reply.param("text")).contains("in the channel you want them in");
    assertThat(column("SELECT channel_key FROM daily_schedules")).isEmpty();
  }

  @Test
  void aChannelCommandIsNotJournaledLikeAPracticeCommandWouldBe() {
    command("UORG", "C1", "daily at 09:00 zone UTC prompts fraud-checkout");
    command("UORG", "C1", "progress");

    assertThat(column("SELECT text FROM inbound_journal"))
        .as("only the practice command: a replay would answer it in the DM")
        .containsExactly("progress");
  }

  // ---- posting ----

  /** The one test that waits for the clock: up to a minute, for a real Quartz trigger. */
  @Test
  void thePostAppearsWhenItsTriggerFires() {
    Instant now = Instant.now();
    Instant at = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    if (Duration.between(now, at).compareTo(Duration.ofSeconds(5)) < 0) {
      at = at.plus(Duration.ofMinutes(1));
    }
    String time = at.atOffset(ZoneOffset.UTC).toLocalTime().toString();
    command("UORG", "C1", "daily at " + time + " zone UTC prompts fraud-checkout");
    assertThat(scheduling.pending()).containsEntry("daily-post:slack:T1:C1", at);

    FakeSlack.await(() -> !channels.posted().isEmpty(), Duration.ofSeconds(90), "no post");
    Posted post = channels.posted().get(0);
    assertThat(post.channel()).isEqualTo("C1");
    assertThat(post.blocks().get(0).path("type").asText()).isEqualTo("header");
    assertThat(post.blocks().get(0).path("text").path("text").asText())
        .isEqualTo("Design question of the day: " + TITLE);
    assertThat(post.text()).contains("Today's focus");
    assertThat(actionIds(post.blocks()))
        .contains("daily-practice:fraud-checkout")
        .anyMatch(id -> id.startsWith("daily-feedback:"));
    FakeSlack.await(
        () -> column("SELECT state FROM daily_posts").equals(List.of("posted")),
        WAIT,
        "the post was not recorded");
    assertThat(column("SELECT message_ref || ' ' || thread_ref FROM daily_posts"))
        .containsExactly(post.ts() + " " + post.ts());
    long postedAt = Long.parseLong(column("SELECT posted_at FROM daily_posts").get(0));
    assertThat(Instant.ofEpochMilli(postedAt)).isAfterOrEqualTo(at);
    // The next day's timer is stored after today's post went out.
    Instant tomorrow = at.plus(1, ChronoUnit.DAYS);
    FakeSlack.await(
        () -> tomorrow.equals(scheduling.pending().get("daily-post:slack:T1:C1")),
        WAIT,
        "tomorrow's timer was not stored");
  }

  @Test
  void theNextPostLinksThePreviousThreadWithItsSummary() {
    // Two local dates at once: the same moment is a day apart at UTC-11 and UTC+14.
    command("UORG", "C1", "daily at 09:00 zone Pacific/Pago_Pago prompts fraud-checkout");
    Posted first = postNow("C1");
    FakeSlack.await(
        () -> column("SELECT state FROM daily_posts").equals(List.of("posted")),
        WAIT,
        "the first post was not recorded");
    String answer = reply("UMEM", first, "decision.action first");
    slack.awaitCalls("reactions.add", c -> c.param("timestamp").equals(answer), 1, WAIT);

    command("UORG", "C1", "daily at 09:00 zone Pacific/Kiritimati");
    Posted second = postNow("C1");

    String blocks = second.blocks().toString();
    assertThat(blocks)
        .contains(
            "<https://team-one.slack.com/archives/C1/p"
                + first.ts().replace(".", "")
                + "|Previous question's thread>")
        .contains("The thread on " + TITLE)
        .contains(name("decision.action"))
        .doesNotContain("Ada UMEM");
    Call permalink = slack.calls("chat.getPermalink").get(0);
    assertThat(permalink.param("message_ts")).isEqualTo(first.ts());
  }

  // ---- the thread ----

  @Test
  void aMembersThreadReplyIsCreditedAsDailyAndGetsAReaction() {
    Posted post = postNow();
    String ts = reply("UMEM", post, "I'd start from decision.action: block, allow or review");

    Call reaction = slack.awaitCalls("reactions.add", c -> true, 1, WAIT).get(0);
    assertThat(reaction.param("channel")).isEqualTo("C1");
    assertThat(reaction.param("timestamp")).isEqualTo(ts);
    assertThat(reaction.param("name")).isEqualTo("white_check_mark");
    assertThat(dailyCredits("UMEM", "decision.action")).isEqualTo(1);
    assertThat(
            coach
                .progressJson(UserId.slack("T1", "UMEM"))
                .orElseThrow()
                .path("concepts")
                .path("decision.action")
                .path("sources")
                .path("practice")
                .asInt())
        .isZero();
    // Quiet: no message in the channel or its thread besides the post itself.
    assertThat(slack.calls("chat.postMessage", to("C1"))).hasSize(1);
  }

  @Test
  void aRedeliveredThreadEventIsCreditedOnce() {
    Posted post = postNow();
    String ts = channels.nextTs();
    for (int i = 0; i < 2; i++) { // Slack redelivers an event it thinks was not acked
      slack.awaitAck(
          channels.threadReply(
              "UMEM", "C1", post.ts(), "decision.action it is", "EvSame", "cm-same", ts),
          WAIT);
    }
    String sentinel = reply("UMEM", post, "and decision.user");
    slack.awaitCalls("reactions.add", c -> c.param("timestamp").equals(sentinel), 1, WAIT);

    assertThat(reactionsTo(ts)).hasSize(1);
    assertThat(dailyCredits("UMEM", "decision.action")).isEqualTo(1);
    assertThat(column("SELECT event_id FROM daily_answers ORDER BY created_at"))
        .containsExactly("cm-same", "cm-" + events);
  }

  @Test
  void aReplyOutsideADailyThreadOrByTheBotIsIgnored() {
    Posted post = postNow();
    String elsewhere = channels.nextTs();
    slack.awaitAck(
        channels.threadReply(
            "UMEM", "C1", "1700000000.000999", "decision.action", "EvX", "cm-x", elsewhere),
        WAIT);
    String own = channels.nextTs();
    slack.awaitAck(
        channels.threadReply("UBOT", "C1", post.ts(), "decision.action", "EvB", "cm-b", own), WAIT);
    String sentinel = reply("UMEM", post, "decision.user");
    slack.awaitCalls("reactions.add", c -> c.param("timestamp").equals(sentinel), 1, WAIT);
    assertThat(reactionsTo(elsewhere)).isEmpty();
    assertThat(reactionsTo(own)).isEmpty();
    assertThat(dailyCredits("UMEM", "decision.action")).isZero();
    assertThat(column("SELECT user_id FROM daily_answers")).containsExactly("slack:T1:UMEM");
  }

  @Test
  void aThreadReplyAlsoSentToTheChannelCountsLikeAnyOther() {
    Posted post = postNow();
    String ts = channels.nextTs();
    slack.awaitAck(
        channels.threadBroadcast(
            "UMEM", "C1", post.ts(), "decision.action, said out loud", "EvBr", ts),
        WAIT);
    slack.awaitCalls("reactions.add", c -> c.param("timestamp").equals(ts), 1, WAIT);
    assertThat(dailyCredits("UMEM", "decision.action")).isEqualTo(1);
  }

  @Test
  void myFeedbackIsEphemeralAndNamesOnlyThePressersConcepts() {
    Posted post = postNow();
    String mine = reply("UMEM", post, "decision.action is the decision");
    String theirs = reply("UOTH", post, "decision.user is who acts");
    slack.awaitCalls("reactions.add", c -> c.param("timestamp").equals(mine), 1, WAIT);
    slack.awaitCalls("reactions.add", c -> c.param("timestamp").equals(theirs), 1, WAIT);

    slack.awaitAck(slack.click("UMEM", "C1", post.ts(), feedbackAction(post), "7.1"), WAIT);
    Call feedback = slack.awaitCalls("chat.postEphemeral", c -> true, 1, WAIT).get(0);
    assertThat(feedback.param("channel")).isEqualTo("C1");
    assertThat(feedback.param("user")).isEqualTo("UMEM");
    String text = feedback.param("text");
    assertThat(text).contains(name("decision.action")).contains("Only you can see this");
    assertThat(coveredSentences(text)).doesNotContain(name("decision.user"));
    assertThat(text).doesNotContain("Ada UOTH");

    // `/coach feedback` in the channel says the same, to the sender only.
    Call typed = command("UOTH", "C1", "feedback");
    assertThat(typed.param("response_type")).isEqualTo("ephemeral");
    assertThat(coveredSentences(typed.param("text")))
        .contains(name("decision.user"))
        .doesNotContain(name("decision.action"));
    // nothing about anyone's answers went to the channel
    assertThat(slack.calls("chat.postMessage", to("C1"))).hasSize(1);
  }

  /** The sentences of a feedback that list what the answers covered. */
  private static String coveredSentences(String feedback) {
    StringBuilder out = new StringBuilder();
    for (String line : feedback.split("\n")) {
      if (line.startsWith("You covered") || line.startsWith("You also touched")) {
        out.append(line).append('\n');
      }
    }
    return out.toString();
  }

  @Test
  void practiseInDmOpensADmSessionOnThePostsPrompt() {
    Posted post = postNow();
    slack.awaitAck(
        slack.click("UMEM", "C1", post.ts(), "daily-practice:fraud-checkout", "8.1"), WAIT);

    Call intro = slack.awaitCalls("chat.postMessage", to("DUMEM"), 1, WAIT).get(0);
    assertThat(intro.param("text")).contains(TITLE).contains("Section 1 of 10");
    assertThat(coach.openSession(UserId.slack("T1", "UMEM"))).isPresent();
    Call pointer = slack.awaitCalls("chat.postEphemeral", to("C1"), 1, WAIT).get(0);
    assertThat(pointer.param("user")).isEqualTo("UMEM");
    assertThat(pointer.param("text")).contains("direct messages");
  }

  // ---- failures ----

  @Test
  void aRemovedBotPausesTheScheduleAfterTheRetriesAndDmsTheOrganiser() {
    command("UORG", "C1", "daily at 09:00 zone UTC prompts fraud-checkout");
    channels.refusePosts("C1", "not_in_channel"); // the bot was removed from the channel
    command("UORG", "C1", "daily now");

    Call dm = slack.awaitCalls("chat.postMessage", to("DUORG"), 1, WAIT).get(0);
    assertThat(dm.param("text"))
        .contains("Daily prompts paused")
        .contains("no longer a member of the channel")
        .contains("/invite @Coach")
        .contains("/coach daily resume");
    assertThat(slack.calls("chat.postMessage", to("C1"))).hasSize(3); // 1 try + 2 retries
    assertThat(column("SELECT state FROM daily_schedules")).containsExactly("paused");
    assertThat(column("SELECT state || ' ' || attempts FROM daily_posts"))
        .containsExactly("failed 3");
    assertThat(scheduling.pending()).isEmpty();
    assertThat(command("UMEM", "C1", "daily").param("text"))
        .contains("Paused (posting failed: Coach is no longer a member");
  }

  @Test
  void aPostWhoseAnswerWasLostIsFoundInTheHistoryAndNotPostedTwice() {
    command("UORG", "C1", "daily at 09:00 zone UTC prompts fraud-checkout");
    channels.loseNextAnswer("C1"); // posted, but Slack's answer is an HTTP 500
    command("UORG", "C1", "daily now");

    FakeSlack.await(
        () -> column("SELECT state FROM daily_posts").equals(List.of("posted")),
        WAIT,
        "the post was not recorded");
    assertThat(channels.posted()).hasSize(1);
    assertThat(slack.calls("conversations.history")).isNotEmpty();
    assertThat(column("SELECT message_ref FROM daily_posts"))
        .containsExactly(channels.posted().get(0).ts());
  }

  @Test
  void aMissingReactionScopeIsLoggedOnceByNameAndCreditsStill() {
    Posted post = postNow();
    channels.missingScope("reactions.add", "reactions:write");
    reply("UMEM", post, "decision.action");
    reply("UMEM", post, "decision.user"); // a sentinel: the adapter is still answering
    slack.awaitCalls("reactions.add", c -> true, 2, WAIT);

    assertThat(dailyCredits("UMEM", "decision.action")).isEqualTo(1);
    assertThat(dailyCredits("UMEM", "decision.user")).isEqualTo(1);
    assertThat(logLines().stream().filter(l -> l.contains("reactions:write")))
        .hasSize(1)
        .allSatisfy(l -> assertThat(l).contains("reactions.add").contains("manifest"));
  }

  @Test
  void aMissingChannelsReadScopeGetsAFriendlyReplyAndALogLine() {
    channels.missingScope("conversations.info", "channels:read");
    Call reply = command("UADM", "C1", "daily at 09:00 zone UTC");

    assertThat(reply.param("text"))
        .contains("I can't post in this channel yet")
        .contains("`channels:read`")
        .contains("reinstalling Coach");
    assertThat(column("SELECT channel_key FROM daily_schedules")).isEmpty();
    assertThat(logLines()).anyMatch(l -> l.contains("channels:read"));
  }

  @Test
  void anInstallationOfTheOldManifestIsToldWhichScopesAreMissing() {
    channels.grantedScopes(
        "chat:write,commands,im:history,im:read,im:write,users:read,files:write");
    try (SlackAdapter old = startAdapter()) {
      assertThat(logLines())
          .anyMatch(
              l ->
                  l.contains(
                          "lacks the scopes channels:history, channels:read, groups:history,"
                              + " groups:read, reactions:write that daily prompts need")
                      && l.contains("manifest.yml"));
    }
  }
}
