package coach.discord;

import static coach.discord.FakeDiscord.inDm;
import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.Coach;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.RetryPolicy;
import coach.core.schedule.Scheduling;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.discord.FakeDiscord.Call;
import coach.discord.daily.DailyFeature;
import coach.discord.practice.PracticeFeature;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Daily prompts on Discord, end to end: the real JDA client against the loopback fake (with a
 * server whose roles and permissions the tests set), a real {@link DailyPrompts} and {@link Coach}
 * on SQLite, and Quartz through {@link Scheduling} (started where the timer matters; elsewhere the
 * tests deliver what a timer would).
 */
class DiscordDailyTest {

  static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ChannelRef CHANNEL =
      ChannelRef.discord(FakeDiscord.GUILD_ID, FakeDiscord.GUILD_CHANNEL_ID);
  static final String ORGANISER = "4001";
  static final String MEMBER = "4002";
  static final String POSTS = "channels/" + FakeDiscord.GUILD_CHANNEL_ID + "/messages";

  /** Monday 7 December 2026, 06:00 UTC. */
  static final Instant MONDAY = Instant.parse("2026-12-07T06:00:00Z");

  @TempDir Path folder;
  final MutableClock clock = new MutableClock(MONDAY);
  FakeDiscord discord;
  FakeDiscordGuild guild;
  Database database;
  Coach coach;
  Scheduling scheduling;
  DailyPrompts daily;
  DiscordAdapter adapter;

  @BeforeEach
  void setUp() {
    discord = new FakeDiscord();
    discord.withGuild();
    guild = new FakeDiscordGuild(discord);
    database = TestDatabases.sqlite(folder);
    coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
    scheduling = Scheduling.create(database, "discord-" + UUID.randomUUID());
  }

  @AfterEach
  void tearDown() {
    try {
      assertThat(discord.refusals()).as("requests Discord would have refused").isEmpty();
    } finally {
      if (adapter != null) {
        adapter.close();
      }
      scheduling.close();
      discord.close();
      database.close();
    }
  }

  /** Connects with daily prompts, in a server where the bot has the invite link's permissions. */
  void start(boolean messageContent, Clock dailyClock, RetryPolicy retry) {
    daily =
        new DailyPrompts(
            database,
            CURRICULUM,
            new ConceptIdDetector(CURRICULUM),
            dailyClock,
            ZoneOffset.UTC,
            new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), retry),
            scheduling);
    adapter =
        DiscordAdapter.start(
            coach,
            CURRICULUM,
            Optional.of(daily),
            new DiscordAdapter.Settings(
                FakeDiscord.TOKEN,
                Optional.of(discord.apiUrl()),
                Optional.of(discord.gatewayUrl()),
                Optional.empty(),
                messageContent),
            TUNING);
    discord.awaitConnected(WAIT);
    guild.everyoneMay(FakeDiscordGuild.INVITE_PERMISSIONS);
    guild.addOrganiserRole();
  }

  void start() {
    start(false, clock, RetryPolicy.DEFAULT);
  }

  static final DiscordAdapter.Tuning TUNING =
      new DiscordAdapter.Tuning(4, Duration.ofMillis(20), Duration.ofSeconds(10));

  /** The initial response to an interaction of {@link FakeDiscordGuild}. */
  static Predicate<Call> callbackOf(String interactionId) {
    return postTo(
        "interactions/"
            + interactionId
            + "/"
            + FakeDiscordGuild.token(interactionId)
            + "/callback");
  }

  /** Follow-ups to an interaction of {@link FakeDiscordGuild}. */
  static Predicate<Call> followUpOf(String interactionId) {
    String webhook = "webhooks/" + FakeDiscord.BOT_ID + "/" + FakeDiscordGuild.token(interactionId);
    return c -> c.path().startsWith(webhook) && !c.method().equals("GET");
  }

  /** The ephemeral answer to an interaction (its first follow-up). */
  Call answer(String interactionId) {
    Call call = discord.awaitCalls(followUpOf(interactionId), 1, WAIT).get(0);
    assertThat(call.ephemeral()).as("ephemeral").isTrue();
    assertThat(call.body().path("allowed_mentions").path("parse")).isEmpty();
    return call;
  }

  String dailyCommand(String user, boolean organiser, String sub, Map<String, String> options) {
    return answer(guild.daily(user, organiser, sub, options)).text();
  }

  static Map<String, String> options(String... pairs) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      options.put(pairs[i], pairs[i + 1]);
    }
    return options;
  }

  /** The organiser sets 09:00 UTC from fraud-checkout, then posts today's question now. */
  Call postToday() {
    dailyCommand(
        ORGANISER,
        true,
        "set",
        options("time", "09:00", "zone", "UTC", "prompts", "fraud-checkout"));
    assertThat(dailyCommand(ORGANISER, true, "now", Map.of()))
        .contains("Posting today's question now");
    daily.deliver(CHANNEL, LocalDate.of(2026, 12, 7)); // what the delivery timer does
    return discord.awaitCalls(postTo(POSTS), 1, WAIT).get(0);
  }

  static Predicate<Call> threadOpened(String messageId) {
    return postTo(POSTS + "/" + messageId + "/threads");
  }

  String postId() {
    return TestDatabases.strings(database, "SELECT id FROM daily_posts ORDER BY sequence DESC")
        .get(0);
  }

  int count(String sql) {
    return database.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  @Test
  void anOrganiserConfiguresWithOptionsAndSeesTheNextThreeTimes() {
    start();
    Instant wallBefore = Instant.now();
    String id =
        guild.daily(
            ORGANISER,
            true,
            "set",
            options("time", "09:00", "zone", "Europe/Berlin", "days", "mon-fri", "prompts", "all"));
    Call ack = discord.awaitCalls(callbackOf(id), 1, WAIT).get(0);
    assertThat(ack.body().path("type").asInt()).as("deferred").isEqualTo(5);
    assertThat(ack.ephemeral()).isTrue();
    assertThat(answer(id).text())
        .contains("Daily prompts are on")
        .contains("09:00 Europe/Berlin, weekdays")
        .contains("Mon 7 Dec 2026, 09:00 CET")
        .contains("Tue 8 Dec 2026, 09:00 CET")
        .contains("Wed 9 Dec 2026, 09:00 CET");

    assertThat(TestDatabases.strings(database, "SELECT channel_key FROM daily_schedules"))
        .containsExactly("discord:700:701");
    // Quartz holds a post the wall clock has already passed at the moment it was armed.
    Instant due = Instant.parse("2026-12-07T08:00:00Z");
    Instant armed = scheduling.pending().get("daily-post:discord:700:701");
    if (due.isAfter(wallBefore)) {
      assertThat(armed).isEqualTo(due);
    } else {
      assertThat(armed).isBetween(wallBefore, Instant.now());
    }
    // Anyone may look.
    assertThat(dailyCommand(MEMBER, false, "show", Map.of()))
        .contains("09:00 Europe/Berlin, weekdays");
    assertThat(discord.calls(postTo(POSTS))).as("nothing public").isEmpty();
  }

  @Test
  void theRegisteredCommandHasTheDailyGroupAndFeedback() {
    start();
    Call register =
        discord.awaitCalls(c -> c.path().equals("applications/900/commands"), 1, WAIT).get(0);
    JsonNode options = register.body().get(0).path("options");
    JsonNode group = null;
    for (JsonNode option : options) {
      if (option.path("name").asText().equals("daily")) {
        group = option;
      }
    }
    assertThat(group).isNotNull();
    assertThat(group.path("type").asInt()).as("sub-command group").isEqualTo(2);
    assertThat(group.path("options").findValuesAsText("name"))
        .contains(
            "show", "set", "pause", "resume", "off", "skip", "now", "list", "time", "zone", "days",
            "prompts", "date");
    assertThat(options.findValuesAsText("name")).contains("feedback", "practice");
  }

  @Test
  void autocompleteOffersMatchingZonesDaysAndPrompts() {
    start();
    assertThat(choices("zone", "berl")).containsExactly("Europe/Berlin");
    assertThat(choices("zone", "new_y")).containsExactly("America/New_York");
    assertThat(choices("zone", "a")).hasSize(25);
    assertThat(choices("days", "week")).containsExactly("weekdays", "weekends");
    assertThat(choices("prompts", "")).first().isEqualTo("all");
    assertThat(choices("prompts", "fraud")).first().isEqualTo("fraud-checkout");
    assertThat(choices("prompts", "churn")).contains("churn-prediction");
    assertThat(choices("prompts", "fraud-checkout, chu"))
        .containsExactly("fraud-checkout,churn-prediction");
    assertThat(choices("prompts", "fraud-checkout,"))
        .doesNotContain("fraud-checkout,fraud-checkout")
        .hasSize(CURRICULUM.prompts().size() - 1);
  }

  List<String> choices(String option, String typed) {
    String id = guild.autocomplete(MEMBER, "set", options("time", "09:00", option, typed), option);
    Call result = discord.awaitCalls(callbackOf(id), 1, WAIT).get(0);
    assertThat(result.body().path("type").asInt()).as("autocomplete result").isEqualTo(8);
    return result.body().path("data").path("choices").findValuesAsText("value");
  }

  @Test
  void aMemberWithoutManagePermissionsIsRefusedAndNothingIsStored() {
    start();
    String reply =
        dailyCommand(MEMBER, false, "set", options("time", "09:00", "zone", "Europe/Berlin"));

    assertThat(reply).contains("Only organisers").contains("Manage Channels");
    assertThat(count("SELECT count(*) FROM daily_schedules")).isZero();
    assertThat(scheduling.pending()).isEmpty();
    assertThat(dailyCommand(MEMBER, false, "now", Map.of())).contains("Only organisers");
    assertThat(dailyCommand(ORGANISER, true, "show", Map.of())).contains("no daily prompts");
  }

  @Test
  void aBotThatCannotCreatePublicThreadsIsRefusedWithThePermissionNamed() {
    start();
    guild.denyInChannel(FakeDiscordGuild.CREATE_PUBLIC_THREADS);

    String reply = dailyCommand(ORGANISER, true, "set", options("time", "09:00", "zone", "UTC"));

    assertThat(reply)
        .contains("I can't post in this channel yet")
        .contains("Create Public Threads")
        .doesNotContain("Send Messages in Threads");
    assertThat(count("SELECT count(*) FROM daily_schedules")).isZero();
    assertThat(scheduling.pending()).isEmpty();
  }

  @Test
  void thePostAndItsThreadAppearWhenTheTimerFires() throws Exception {
    // One real Quartz trigger at the next minute boundary (with some room): up to ~75 s.
    Instant now = Instant.now();
    Instant at = now.truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
    if (Duration.between(now, at).toSeconds() < 15) {
      at = at.plus(Duration.ofMinutes(1));
    }
    start(false, Clock.systemUTC(), RetryPolicy.DEFAULT);
    scheduling.start(daily);
    String time = at.atOffset(ZoneOffset.UTC).toLocalTime().toString();
    assertThat(
            dailyCommand(
                ORGANISER,
                true,
                "set",
                options("time", time, "zone", "UTC", "prompts", "fraud-checkout")))
        .contains("Daily prompts are on");
    assertThat(discord.calls(postTo(POSTS))).isEmpty();

    Call post = discord.awaitCalls(postTo(POSTS), 1, Duration.ofSeconds(90)).get(0);
    assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(at.toEpochMilli());
    String title = CURRICULUM.prompt("fraud-checkout").orElseThrow().title();
    assertThat(post.body().path("embeds").get(0).path("title").asText())
        .isEqualTo("Design question of the day: " + title);
    assertThat(post.text())
        .contains("Today's focus, " + CURRICULUM.section(0).title())
        .doesNotContain("late");
    assertThat(post.customIds())
        .contains("daily-practice:fraud-checkout")
        .anyMatch(id -> id.startsWith("daily-answer:"))
        .anyMatch(id -> id.startsWith("daily-feedback:"));
    assertThat(post.body().path("allowed_mentions").path("parse")).isEmpty();

    Call thread = discord.awaitCalls(threadOpened(post.id()), 1, WAIT).get(0);
    assertThat(thread.body().path("name").asText())
        .isEqualTo("Day 1: " + title + " - " + CURRICULUM.section(0).title());
    FakeDiscord.await(
        () -> TestDatabases.strings(database, "SELECT state FROM daily_posts").contains("posted"),
        WAIT,
        "the post recorded");
    assertThat(
            TestDatabases.strings(
                database, "SELECT message_ref || '/' || thread_ref FROM daily_posts"))
        .containsExactly(post.id() + "/" + post.id());
    // The next day's timer is stored after today's post went out.
    Instant tomorrow = at.plus(Duration.ofDays(1));
    FakeDiscord.await(
        () -> tomorrow.equals(scheduling.pending().get("daily-post:discord:700:701")),
        WAIT,
        "tomorrow's timer stored");
  }

  @Test
  void anAnswerFormIsQuotedInTheThreadWithoutPingsAndCreditedAsDaily() {
    start();
    Call post = postToday();
    discord.awaitCalls(threadOpened(post.id()), 1, WAIT);
    String thread = post.id(); // a thread opened on a message has the message's id
    String postId = postId();
    assertThat(post.customIds()).contains("daily-answer:" + postId);

    String click = guild.click(MEMBER, post.id(), "daily-answer:" + postId);
    Call modal = discord.awaitCalls(callbackOf(click), 1, WAIT).get(0);
    assertThat(modal.body().path("type").asInt()).as("a modal").isEqualTo(9);
    assertThat(modal.body().path("data").path("custom_id").asText())
        .isEqualTo("daily-answer:" + postId);
    assertThat(modal.body().path("data").findValuesAsText("custom_id")).contains("answer");
    assertThat(modal.body().path("data").findValue("style").asInt()).as("paragraph").isEqualTo(2);

    String submit =
        guild.submitModal(
            MEMBER, "daily-answer:" + postId, "@everyone I'd start from decision.error_costs");
    assertThat(answer(submit).text()).isEqualTo(DailyFeature.THANKS);

    Call quoted = discord.awaitCalls(postTo("channels/" + thread + "/messages"), 1, WAIT).get(0);
    assertThat(quoted.body().path("content").asText())
        .isEqualTo(
            "**Ada " + MEMBER + "** answered:\n> @everyone I'd start from decision.error_costs");
    assertThat(quoted.body().path("allowed_mentions").path("parse")).isEmpty();
    assertThat(quoted.body().path("allowed_mentions").path("replied_user").asBoolean(true))
        .isFalse();

    var concept =
        coach
            .progressJson(UserId.discord(MEMBER))
            .orElseThrow()
            .get("concepts")
            .get("decision.error_costs");
    assertThat(concept.get("sources").get("daily").asInt()).isEqualTo(1);
    assertThat(concept.get("sources").get("practice").asInt()).isZero();
  }

  @Test
  void aDoubleSubmittedAnswerFormIsCreditedAndQuotedOnce() {
    start();
    Call post = postToday();
    discord.awaitCalls(threadOpened(post.id()), 1, WAIT);
    String thread = post.id();
    String form = "daily-answer:" + postId();
    String first = guild.submitModal(MEMBER, form, "decision.error_costs first");
    String again = guild.submitModal(MEMBER, form, "decision.error_costs first");
    String redelivered = discord.nextId();
    guild.submitModal(redelivered, MEMBER, form, "decision.error_costs first");
    guild.submitModal(redelivered, MEMBER, form, "decision.error_costs first");
    // The sentinel: one more answer by the same member, handled after the others.
    String sentinel = guild.submitModal(MEMBER, form, "and decision.goal");
    assertThat(answer(sentinel).text()).isEqualTo(DailyFeature.THANKS);

    assertThat(answer(first).text()).isEqualTo(DailyFeature.THANKS);
    assertThat(answer(again).text()).isEqualTo(DailyFeature.ALREADY);
    assertThat(answer(redelivered).text()).isEqualTo(DailyFeature.ALREADY);
    assertThat(discord.calls(followUpOf(redelivered))).hasSize(1);
    assertThat(discord.calls(postTo("channels/" + thread + "/messages")))
        .extracting(c -> c.body().path("content").asText())
        .containsExactly(
            "**Ada " + MEMBER + "** answered:\n> decision.error_costs first",
            "**Ada " + MEMBER + "** answered:\n> and decision.goal");
    assertThat(count("SELECT count(*) FROM daily_answers")).isEqualTo(2);
    var concepts = coach.progressJson(UserId.discord(MEMBER)).orElseThrow().get("concepts");
    assertThat(concepts.get("decision.error_costs").get("sources").get("daily").asInt())
        .isEqualTo(1);
  }

  @Test
  void withMessageContentAThreadReplyIsCreditedAndReactedTo() {
    start(true, clock, RetryPolicy.DEFAULT);
    int intents = discord.gateway().identify().path("d").path("intents").asInt();
    assertThat(intents & (1 << 15)).as("MESSAGE_CONTENT").isNotZero();
    assertThat(intents & (1 << 9)).as("GUILD_MESSAGES").isNotZero();
    Call post = postToday();
    discord.awaitCalls(threadOpened(post.id()), 1, WAIT);
    String thread = post.id(); // a thread opened on a message has the message's id

    String reply = guild.threadMessage(thread, MEMBER, "I'd weigh decision.error_costs first");
    Call reaction =
        discord
            .awaitCalls(
                c ->
                    c.method().equals("PUT")
                        && c.path().startsWith("channels/" + post.id() + "/messages/" + reply),
                1,
                WAIT)
            .get(0);
    assertThat(URLDecoder.decode(reaction.path(), StandardCharsets.UTF_8))
        .endsWith("/reactions/✅/@me");

    var concept =
        coach
            .progressJson(UserId.discord(MEMBER))
            .orElseThrow()
            .get("concepts")
            .get("decision.error_costs");
    assertThat(concept.get("sources").get("daily").asInt()).isEqualTo(1);
    assertThat(discord.calls(postTo("channels/" + post.id() + "/messages")))
        .as("acknowledged quietly: no public reply")
        .isEmpty();
  }

  @Test
  void withoutMessageContentNoPrivilegedIntentIsRequested() {
    start();
    int intents = discord.gateway().identify().path("d").path("intents").asInt();
    assertThat(intents & (1 << 15)).as("no MESSAGE_CONTENT").isZero();
    assertThat(intents & (1 << 9)).as("no GUILD_MESSAGES").isZero();
    assertThat(intents & (1 << 1)).as("no GUILD_MEMBERS").isZero();
    assertThat(intents & (1 << 8)).as("no GUILD_PRESENCES").isZero();
  }

  @Test
  void aMessageContentIntentSwitchedOffInThePortalStopsStartUpWithOneSentence() {
    discord.gateway().disallowIntents(1L << 15);
    assertThatThrownBy(() -> start(true, clock, RetryPolicy.DEFAULT))
        .isInstanceOf(DiscordStartException.class)
        .hasMessageStartingWith("Discord refused the Message Content intent (4014 Disallowed")
        .hasMessageContaining("DISCORD_MESSAGE_CONTENT");
  }

  @Test
  void myFeedbackAndCoachFeedbackArePrivate() {
    start();
    Call post = postToday();
    String postId = postId();
    answer(guild.submitModal(MEMBER, "daily-answer:" + postId, "decision.error_costs matters"));

    String click = guild.click(MEMBER, post.id(), "daily-feedback:" + postId);
    String errorCosts = CURRICULUM.concept("decision.error_costs").orElseThrow().name();
    assertThat(answer(click).text()).contains("You covered 1 of").contains(errorCosts);
    assertThat(answer(guild.feedback(MEMBER)).text()).contains("You covered 1 of");
    assertThat(answer(guild.feedback(ORGANISER)).text()).contains("haven't answered");
  }

  @Test
  void practiseInDmStartsASessionInThePressersDms() {
    start();
    Call post = postToday();
    String click = guild.click(MEMBER, post.id(), "daily-practice:fraud-checkout");
    Call dm = discord.awaitCalls(inDm(MEMBER), 1, WAIT).get(0);
    assertThat(dm.text())
        .contains(CURRICULUM.prompt("fraud-checkout").orElseThrow().title())
        .contains("Section 1 of 10");
    assertThat(answer(click).text()).isEqualTo(DiscordAdapter.IN_DMS);
    assertThat(coach.openSession(UserId.discord(MEMBER))).isPresent();

    String again = guild.click(MEMBER, post.id(), "daily-practice:fraud-checkout");
    assertThat(answer(again).text()).isEqualTo(PracticeFeature.PRESSED_BEFORE);
    assertThat(discord.calls(inDm(MEMBER))).as("no second session").hasSize(1);
  }

  @Test
  void theNextPostLinksToThePreviousThreadBesideItsSummary() {
    start();
    Call first = postToday();
    answer(guild.submitModal(MEMBER, "daily-answer:" + postId(), "decision.error_costs"));

    clock.set(Instant.parse("2026-12-08T09:00:00Z"));
    daily.fire(CHANNEL, Instant.parse("2026-12-08T09:00:00Z"));

    Call second = discord.awaitCalls(postTo(POSTS), 2, WAIT).get(1);
    String errorCosts = CURRICULUM.concept("decision.error_costs").orElseThrow().name();
    assertThat(second.text())
        .contains("The last question's thread")
        .contains("covered " + errorCosts)
        .contains("[Read that thread](https://discord.com/channels/700/" + first.id() + ")")
        .doesNotContain("Ada");
    assertThat(
            discord
                .awaitCalls(threadOpened(second.id()), 1, WAIT)
                .get(0)
                .body()
                .path("name")
                .asText())
        .startsWith("Day 2: ");
  }

  @Test
  void aPostWhoseAnswerWasLostIsNotPostedTwiceOnTheRetry() {
    start();
    discord.loseAnswerOfNext(POSTS);

    Call post = postToday();

    // the first try was posted but its answer lost; the retry sent the same nonce, which Discord
    // enforces, and got the first message back
    List<Call> tries = discord.awaitCalls(postTo(POSTS), 2, WAIT);
    assertThat(tries.get(0).status()).isEqualTo(502);
    assertThat(tries.get(0).body().path("nonce").asText())
        .isNotEmpty()
        .isEqualTo(tries.get(1).body().path("nonce").asText());
    assertThat(tries.get(0).body().path("enforce_nonce").asBoolean()).isTrue();
    FakeDiscord.await(
        () -> TestDatabases.strings(database, "SELECT state FROM daily_posts").contains("posted"),
        WAIT,
        "the post recorded");
    assertThat(TestDatabases.strings(database, "SELECT message_ref FROM daily_posts"))
        .containsExactly(post.id());
    assertThat(discord.botMessageIds(FakeDiscord.GUILD_CHANNEL_ID))
        .as("one message in the channel")
        .hasSize(1);
  }

  @ParameterizedTest
  @CsvSource({"403, 50001, Missing Access", "404, 10003, Unknown Channel"})
  void aRemovedBotPausesTheScheduleAfterRetriesAndTellsTheOrganiser(
      int status, int code, String meaning) {
    RetryPolicy retry = new RetryPolicy(List.of(Duration.ofMillis(200), Duration.ofMillis(200)));
    start(false, Clock.systemUTC(), retry);
    scheduling.start(daily);
    for (int i = 0; i < retry.maxAttempts(); i++) {
      discord.failNext(
          POSTS, status, Map.of(), "{\"message\":\"" + meaning + "\",\"code\":" + code + "}");
    }
    String time =
        Instant.now()
            .minus(Duration.ofHours(2))
            .atOffset(ZoneOffset.UTC)
            .toLocalTime()
            .truncatedTo(ChronoUnit.MINUTES)
            .toString();
    dailyCommand(ORGANISER, true, "set", options("time", time, "zone", "UTC"));
    assertThat(dailyCommand(ORGANISER, true, "now", Map.of()))
        .contains("Posting today's question now");

    Call dm = discord.awaitCalls(inDm(ORGANISER), 1, WAIT).get(0);
    assertThat(dm.text()).contains("Daily prompts paused").contains(code + " " + meaning);
    assertThat(discord.calls(postTo(POSTS))).as("one try per attempt").hasSize(retry.maxAttempts());
    assertThat(TestDatabases.strings(database, "SELECT state FROM daily_schedules"))
        .containsExactly("paused");
    assertThat(dailyCommand(MEMBER, false, "show", Map.of())).contains("Paused").contains(meaning);
    assertThat(scheduling.pending()).isEmpty();
  }
}
