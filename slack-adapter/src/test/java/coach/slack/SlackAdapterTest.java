package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.slack.FakeSlack.Call;
import coach.slack.transport.SlackPoster;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * The real Bolt app, in Socket Mode, against a loopback fake of Slack: envelopes go in over the
 * WebSocket, and the tests assert on the Web API calls the fake received. After every test the fake
 * must have refused nothing (tokens, Block Kit limits, channels, upload steps), acked every
 * envelope in time, and seen no text that would notify anyone.
 */
class SlackAdapterTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** An ordinary message whose reply is recognisable: the sentinel that proves quiescence. */
  private static final String SENTINEL = "prompts";

  private static final String SENTINEL_REPLY = "Practice prompts";

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private FakeSlack slack;
  private Database database;
  private SlackAdapter adapter;
  private Coach coach;
  private int events;

  @BeforeEach
  void start() {
    slack = new FakeSlack();
    database = TestDatabases.sqlite(folder);
    coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
    connect();
  }

  private void connect() {
    adapter =
        SlackAdapter.start(
            coach,
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(20)));
    slack.awaitConnected(WAIT);
  }

  @AfterEach
  void stop() {
    try {
      assertThat(slack.refused()).as("requests Slack would refuse").isEmpty();
      assertThat(slack.ackProblems()).as("envelopes not acked in time").isEmpty();
      assertThat(slack.pings()).as("text that would notify someone").isEmpty();
    } finally {
      coach.journal().close();
      adapter.close();
      slack.close();
      database.close();
    }
  }

  /** Sends a DM and returns the bot's next message in that DM. */
  private Call say(String user, String text) {
    int before = slack.calls("chat.postMessage", inDm(user)).size();
    events++;
    String envelope = slack.dm(user, text, "Ev" + events, "msg-" + events);
    slack.awaitAck(envelope, WAIT);
    return slack.awaitCalls("chat.postMessage", inDm(user), before + 1, WAIT).get(before);
  }

  private static Predicate<Call> inDm(String user) {
    return c -> c.param("channel").equals("D" + user);
  }

  private List<Call> dmPosts(String user) {
    return slack.calls("chat.postMessage", inDm(user));
  }

  /**
   * Sends the sentinel after the events under test and waits for its own reply, found by its text
   * rather than by counting. A user's events are answered in order, so every reply owed before the
   * sentinel, a duplicate included, has been posted by then. Returns the DM's messages before the
   * sentinel's reply.
   */
  private List<Call> settle(String user) {
    Predicate<Call> sentinelReply = inDm(user).and(c -> c.param("text").contains(SENTINEL_REPLY));
    int before = slack.calls("chat.postMessage", sentinelReply).size();
    events++;
    slack.awaitAck(slack.dm(user, SENTINEL, "Ev" + events, "msg-" + events), WAIT);
    Call reply = slack.awaitCalls("chat.postMessage", sentinelReply, before + 1, WAIT).get(before);
    List<Call> posts = dmPosts(user);
    return posts.subList(0, posts.indexOf(reply));
  }

  private static List<String> actionIds(Call message) {
    List<String> ids = new ArrayList<>();
    for (JsonNode block : message.json("blocks")) {
      if (block.path("type").asText().equals("actions")) {
        block.path("elements").forEach(e -> ids.add(e.path("action_id").asText()));
      }
    }
    return ids;
  }

  @Test
  void startupChecksTheTokensAndAuthenticatesEveryCallWithTheBotToken() {
    assertThat(adapter.identity()).isEqualTo(new SlackAdapter.Identity("T1", "Team One", "UBOT"));
    say("U1", "help");
    say("U1", "progress"); // an upload: files.getUploadURLExternal and files.completeUploadExternal
    slack.awaitCalls("files.completeUploadExternal", c -> true, 1, WAIT);
    slack.awaitAck(slack.appHomeOpened("U1", "EvHomeAuth"), WAIT);
    slack.awaitCalls("views.publish", c -> true, 1, WAIT);
    List<Call> webApi = slack.calls().stream().filter(c -> !c.method().equals("response")).toList();
    assertThat(webApi)
        .extracting(Call::method)
        .contains(
            "auth.test",
            "apps.connections.open",
            "users.info",
            "chat.postMessage",
            "files.getUploadURLExternal",
            "files.completeUploadExternal",
            "views.publish");
    assertThat(webApi)
        .allSatisfy(
            c ->
                assertThat(c.authorization())
                    .as(c.method())
                    .isEqualTo(
                        "Bearer "
                            + (c.method().equals("apps.connections.open")
                                ? FakeSlack.APP_TOKEN
                                : FakeSlack.BOT_TOKEN)));
  }

  @Test
  void aWholePracticeSessionByDirectMessage() {
    Call intro = say("U1", "practice fraud-checkout");
    String title = CURRICULUM.prompt("fraud-checkout").orElseThrow().title();
    assertThat(intro.param("text")).contains(title).contains("Section 1 of 10");
    assertThat(intro.json("blocks").get(0).path("type").asText()).isEqualTo("header");
    assertThat(actionIds(intro)).contains("practice:next", "practice:hint");

    Call followUp = say("U1", "the score drives decision.action and decision.user");
    assertThat(followUp.param("text")).contains("Follow-up:");

    for (int section = 2; section <= 10; section++) {
      Call next = say("U1", "next");
      assertThat(next.param("text")).contains("Section " + section + " of 10");
      say("U1", "my answer for section " + section);
    }
    Call scorecard = say("U1", "next");
    assertThat(scorecard.param("text")).contains("Scorecard: " + title);

    // The session ended: the Home tab is refreshed with the new progress.
    List<Call> publishes = slack.awaitCalls("views.publish", c -> true, 1, WAIT);
    assertThat(publishes.get(0).param("user_id")).isEqualTo("U1");
    assertThat(publishes.get(0).json("view").path("type").asText()).isEqualTo("home");
    assertThat(publishes.get(0).param("view")).contains("Your progress, Ada U1");

    Optional<Map<String, Object>> row =
        database.withHandle(
            h ->
                h.createQuery("SELECT user_id, state FROM practice_sessions")
                    .mapToMap()
                    .findFirst());
    assertThat(row.orElseThrow())
        .containsEntry("user_id", "slack:T1:U1")
        .containsEntry("state", "completed");
    String zone =
        database.withHandle(
            h -> h.createQuery("SELECT time_zone FROM users").mapTo(String.class).one());
    assertThat(zone).isEqualTo("Europe/Berlin");
  }

  @Test
  void aRedeliveredEventIsAckedButAnsweredOnce() {
    say("U1", "practice fraud-checkout");
    int before = dmPosts("U1").size();
    String first = slack.dm("U1", "decision.action", "EvSame", "msg-same");
    slack.awaitAck(first, WAIT);
    // Slack's retry after a missed ack: a new envelope, retry_attempt 1, the same event
    slack.awaitAck(slack.redeliver(first), WAIT);
    List<Call> replies = settle("U1");
    assertThat(replies.subList(before, replies.size()))
        .as("the bot's replies to the answer and its redelivery")
        .singleElement()
        .satisfies(reply -> assertThat(reply.param("text")).contains("Follow-up:"));
    Integer answers =
        database.withHandle(
            h -> h.createQuery("SELECT count(*) FROM answers").mapTo(Integer.class).one());
    assertThat(answers).isEqualTo(1);
  }

  @Test
  void buttonsActLikeTheirCommandWordAndADoubleClickActsOnce() {
    Call intro = say("U1", "practice fraud-checkout");
    assertThat(actionIds(intro)).contains("practice:hint");
    String ts = intro.response().path("ts").asText();
    int before = dmPosts("U1").size();
    String click = slack.click("U1", "DU1", ts, "practice:hint", "1.1");
    String doubleClick = slack.click("U1", "DU1", ts, "practice:hint", "1.2");
    assertThat(slack.awaitAck(click, WAIT)).isLessThan(Duration.ofSeconds(1).toNanos());
    slack.awaitAck(doubleClick, WAIT);
    List<Call> replies = settle("U1");
    assertThat(replies.subList(before, replies.size()))
        .as("the bot's replies to two clicks of one button")
        .singleElement()
        .satisfies(hint -> assertThat(hint.param("text")).startsWith("Hint: "));
  }

  @Test
  void theSlashCommandAnswersEphemerallyInAChannelAndPracticeMovesToTheDm() {
    String help = slack.slash("U2", "C1", "help", "trig-1");
    slack.awaitAck(help, WAIT);
    Call ephemeral = slack.awaitCalls("response", c -> true, 1, WAIT).get(0);
    assertThat(ephemeral.param("response_type")).isEqualTo("ephemeral");
    assertThat(ephemeral.param("text")).contains("Coach: practice for ML system design");

    slack.slash("U2", "C1", "practice fraud-checkout", "trig-2");
    Call inDm = slack.awaitCalls("chat.postMessage", inDm("U2"), 1, WAIT).get(0);
    assertThat(inDm.param("text")).contains("Section 1 of 10");
    Call pointer = slack.awaitCalls("response", c -> true, 2, WAIT).get(1);
    assertThat(pointer.param("text")).contains("direct messages");
    assertThat(slack.calls("conversations.open")).isNotEmpty();

    slack.slash("U2", "C1", "dance", "trig-3");
    Call unknown = slack.awaitCalls("response", c -> true, 3, WAIT).get(2);
    assertThat(unknown.param("text")).contains("isn't something I know");
    assertThat(slack.calls("chat.postMessage", c -> c.param("channel").equals("C1"))).isEmpty();
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  @Test
  void whenTheResponseUrlIsRefusedTheAnswerIsPostedEphemerally() {
    slack.failNext("response", 404, Map.of());
    slack.awaitAck(slack.slash("U2", "C1", "help", "trig-9"), WAIT);
    Call ephemeral = slack.awaitCalls("chat.postEphemeral", c -> true, 1, WAIT).get(0);
    assertThat(ephemeral.param("channel")).isEqualTo("C1");
    assertThat(ephemeral.param("user")).isEqualTo("U2");
    assertThat(ephemeral.param("text")).contains("Coach: practice for ML system design");
  }

  @Test
  void openingTheHomeTabPublishesAViewWithAStartButton() {
    String opened = slack.appHomeOpened("U3", "EvHome1");
    slack.awaitAck(opened, WAIT);
    Call publish = slack.awaitCalls("views.publish", c -> true, 1, WAIT).get(0);
    assertThat(publish.param("user_id")).isEqualTo("U3");
    JsonNode view = publish.json("view");
    assertThat(view.path("type").asText()).isEqualTo("home");
    assertThat(view.toString()).contains("practice:practice");
  }

  @Test
  void aRateLimitedMessageWaitsForRetryAfterAndStillArrives() {
    slack.failNext("chat.postMessage", 429, Map.of("Retry-After", "1"));
    slack.awaitAck(slack.dm("U4", "help", "EvLimited", "msg-limited"), WAIT);
    List<Call> tries = slack.awaitCalls("chat.postMessage", inDm("U4"), 2, WAIT);
    assertThat(tries).hasSize(2);
    assertThat(tries.get(1).param("text")).contains("Coach: practice for ML system design");
    assertThat(tries.get(1).atNanos() - tries.get(0).atNanos())
        .isGreaterThanOrEqualTo(Duration.ofMillis(990).toNanos());
  }

  @Test
  void echoedMentionsAreShownButNeverPing() {
    Call escaped = say("U5", "timezone <!channel>");
    assertThat(escaped.param("text")).contains("&lt;!channel&gt;").doesNotContain("<!channel>");
    assertThat(escaped.json("blocks").toString())
        .contains("&lt;!channel&gt;")
        .doesNotContain("<!channel>");
    Call bare = say("U5", "timezone @here");
    assertThat(bare.param("text")).contains("`@here`");
    assertThat(bare.json("blocks").toString()).contains("`@here`");
    // Slack parses bare @here in text with link_names, and in mrkdwn blocks unless verbatim
    assertThat(slack.pings()).isEmpty();
  }

  @Test
  void anEditedAnswerIsKeptAndCreditedAndUnchangedTextIsNoEdit() {
    say("U7", "practice fraud-checkout");
    say("U7", "decision.action"); // sent as msg-2 (the test's second DM)
    int before = slack.calls("chat.postMessage", inDm("U7")).size();

    String edited = "msg-" + events;
    Runnable sendEdit =
        () ->
            slack.awaitAck(
                slack.editDm(
                    "U7",
                    "EvEdit1",
                    edited,
                    "1.0",
                    "decision.action",
                    "decision.action, decision.user"),
                WAIT);
    sendEdit.run();
    Call reply = slack.awaitCalls("chat.postMessage", inDm("U7"), before + 1, WAIT).get(before);
    assertThat(reply.param("text"))
        .contains("kept your edit")
        .contains("It adds: " + CURRICULUM.concept("decision.user").orElseThrow().name());

    // The same edit redelivered, and a link preview (text unchanged), post nothing.
    sendEdit.run();
    slack.awaitAck(slack.editDm("U7", "EvPreview", edited, "1.0", "same text", "same text"), WAIT);
    assertThat(settle("U7")).as("the DM before the sentinel's reply").hasSize(before + 1);
    assertThat(
            TestDatabases.strings(database, "SELECT kind FROM answers ORDER BY received_at, kind"))
        .containsExactly("answer", "edit");
  }

  @Test
  void filesInADmGetAShortNote() {
    // A message with files attached, as Slack sends it without a subtype.
    events++;
    int before = slack.calls("chat.postMessage").size();
    slack.send(
        "events_api",
        new com.fasterxml.jackson.databind.ObjectMapper()
            .createObjectNode()
            .put("type", "event_callback")
            .put("team_id", "T1")
            .put("event_id", "EvFile")
            .set(
                "event",
                new com.fasterxml.jackson.databind.ObjectMapper()
                    .createObjectNode()
                    .put("type", "message")
                    .put("subtype", "file_share")
                    .put("channel_type", "im")
                    .put("channel", "DU6")
                    .put("user", "U6")
                    .put("text", "")
                    .put("ts", "1.5")));
    Call note = slack.awaitCalls("chat.postMessage", c -> true, before + 1, WAIT).get(before);
    assertThat(note.param("text")).contains("I only read text");
  }

  @Test
  void socketModeReconnectsWhenSlackAsksItTo() {
    say("U8", "help");
    int before = slack.connections();
    slack.askToReconnect();
    FakeSlack.await(() -> slack.connections() > before, WAIT, "no new connection");
    Call reply = say("U8", "prompts");
    assertThat(reply.param("text")).contains("Practice prompts");
  }

  @Test
  void progressInADmUploadsTheChartIntoTheDm() {
    Call reply = say("U7", "progress");
    assertThat(reply.param("text")).contains("Your progress, Ada U7");
    Call complete = slack.awaitCalls("files.completeUploadExternal", c -> true, 1, WAIT).get(0);
    assertThat(complete.param("channel_id")).isEqualTo("DU7");
    assertThat(complete.param("files")).contains("Coverage by section");
    assertThat(complete.response().path("ok").asBoolean())
        .as("uploaded before completing")
        .isTrue();
    assertThat(slack.uploads()).isEqualTo(1);
  }

  @Test
  void aDirectMessageIsJournaledBeforeItIsAcknowledged() {
    say("U1", "practice fraud-checkout");
    String envelope = slack.dm("U1", "we act on decision.action", "EvKept", "msg-kept");
    slack.awaitAck(envelope, WAIT);

    assertThat(
            TestDatabases.strings(
                database, "SELECT text FROM inbound_journal WHERE event_id = 'msg-kept'"))
        .containsExactly("we act on decision.action");
  }

  @Test
  void aSlashCommandIsJournaledBeforeItIsAcknowledgedAndCountsAsHandledOnceAnswered() {
    slack.awaitAck(slack.slash("U2", "C1", "/practice  fraud-checkout ", "trig-kept"), WAIT);
    slack.awaitAck(slack.slash("U2", "C1", "dance", "trig-unknown"), WAIT);

    assertThat(
            TestDatabases.strings(
                database, "SELECT event_id || ' ' || text FROM inbound_journal ORDER BY event_id"))
        .as("kept as the same words typed in the DM; a command Coach does not know is not kept")
        .containsExactly("cmd:trig-kept practice  fraud-checkout");
    slack.awaitCalls("chat.postMessage", inDm("U2"), 1, WAIT);
    FakeSlack.await(
        () -> coach.journal().unhandled() == 0,
        WAIT,
        "the command handled under the journal's event id, so no restart replays it");
  }

  @Test
  void aDirectMessageACrashLeftUnhandledIsAnsweredWhenCoachStartsAgain() {
    // a previous run journaled the message and died before handling it
    coach
        .journal()
        .record(
            new Inbound.Message(
                new Sender(UserId.slack("T1", "U7"), "U7"), "msg-lost", "practice fraud-checkout"));

    coach.journal().start(true);

    Call intro = slack.awaitCalls("chat.postMessage", inDm("U7"), 1, WAIT).get(0);
    assertThat(intro.param("text"))
        .contains(CURRICULUM.prompt("fraud-checkout").orElseThrow().title());
    // handled with the profile Slack gives, not the journal's stand-in
    assertThat(TestDatabases.strings(database, "SELECT display_name FROM users"))
        .containsExactly("Ada U7");
    // and handled once: the same event arriving late changes nothing
    events++;
    slack.awaitAck(slack.dm("U7", "practice fraud-checkout", "EvLate", "msg-lost"), WAIT);
    assertThat(settle("U7")).hasSize(1);
  }

  @Test
  void messagesSentWhileCoachWasAwayAreAnsweredInOrderWhenItStartsAgainAndOnlyOnce() {
    say("U8", "practice fraud-checkout");
    adapter.close();
    // longer away than Slack retries: the events never come, but the DM keeps the messages
    slack.dmWhileAway("U8", "We decide whether to hold the order for manual review.");
    slack.dmWhileAway("U8", "next");
    slack.dmWhileAway("U9", "practice fraud-checkout"); // never wrote before: not looked for

    connect();
    List<Call> replies = slack.awaitCalls("chat.postMessage", inDm("U8"), 3, WAIT);
    assertThat(replies.get(0).param("text")).contains("Section 1 of 10");
    assertThat(replies.get(1).param("text")).doesNotContain("Section 2 of 10");
    assertThat(replies.get(2).param("text")).contains("Section 2 of 10");
    assertThat(TestDatabases.strings(database, "SELECT text FROM answers"))
        .containsExactly("We decide whether to hold the order for manual review.");

    // a second start finds nothing new: each message was handled once
    adapter.close();
    connect();
    assertThat(settle("U8")).hasSize(3);
    assertThat(dmPosts("U9")).isEmpty();
  }

  @Test
  void aDmThatCannotBeReadIsSkippedAndTheUserIsStillAnswered() {
    say("U10", "practice fraud-checkout");
    adapter.close();
    slack.dmWhileAway("U10", "We decide whether to hold the order for manual review.");
    slack.failNext("conversations.history", 404, Map.of());

    connect();
    assertThat(say("U10", "next").param("text")).contains("Section 2 of 10");
    assertThat(TestDatabases.strings(database, "SELECT text FROM answers")).isEmpty();
    assertThat(slack.calls("conversations.history", c -> true)).hasSize(1);
  }

  @Test
  void aReplyThatKeepsFailingIsTriedThreeTimesThenOwedAndSentInOrderWhenSlackRecovers() {
    Logger logger = (Logger) LoggerFactory.getLogger(SlackPoster.class);
    ListAppender<ILoggingEvent> log = new ListAppender<>();
    log.start();
    logger.addAppender(log);
    try {
      for (int i = 0; i < 3; i++) {
        slack.failNext("chat.postMessage", 500, Map.of());
      }
      slack.awaitAck(slack.dm("U9", "help", "EvFailing", "msg-failing"), WAIT);
      slack.awaitCalls("chat.postMessage", inDm("U9"), 3, WAIT);
      events++;
      slack.awaitAck(slack.dm("U9", SENTINEL, "Ev" + events, "msg-" + events), WAIT);
      FakeSlack.await(
          () -> coach.outbox().depth().pending() == 2,
          WAIT,
          "the help reply owed, and the next one waiting behind it");
      assertThat(dmPosts("U9")).as("nothing overtook the owed reply").hasSize(3);
      // the outbox tries again after its backoff (2 s on the coach's clock)
      clock.advance(Duration.ofSeconds(2));
      List<Call> posts =
          slack.awaitCalls(
              "chat.postMessage",
              inDm("U9").and(c -> c.param("text").contains(SENTINEL_REPLY)),
              1,
              WAIT);
      List<String> texts = dmPosts("U9").stream().map(c -> c.param("text")).toList();
      assertThat(texts).hasSize(5);
      assertThat(texts.get(3)).as("the help reply, sent again").isEqualTo(texts.get(0));
      assertThat(texts.get(4)).as("then the sentinel's, in order").contains(SENTINEL_REPLY);
      assertThat(posts).hasSize(1);
      assertThat(log.list)
          .filteredOn(e -> e.getLevel() == Level.WARN)
          .extracting(ILoggingEvent::getFormattedMessage)
          .containsExactly("Slack chat.postMessage failed after 3 tries: HTTP 500");
      assertThat(log.list)
          .extracting(ILoggingEvent::getFormattedMessage)
          .noneMatch(m -> m.contains(FakeSlack.BOT_TOKEN));
    } finally {
      logger.detachAppender(log);
    }
  }
}
