package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import coach.core.Coach;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.mock.ManualMockTriggers;
import coach.core.mock.MockCalendar;
import coach.core.mock.MockSession;
import coach.core.mock.MockSessions;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.slack.FakeSlack.Call;
import coach.slack.FakeSlackChannels.Posted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mock sessions on Slack end to end: the real Bolt app in Socket Mode against the loopback fake
 * (channels, {@code chat.update}, modals and file uploads), the real core on SQLite with a fixed
 * clock, and the session's timers fired by hand ({@link ManualMockTriggers}). In channel C1 the bot
 * is a member and UORG its creator (an organiser); UANA, UBEN, UCAI and UMEM are members; UCAI's
 * display name is mention syntax, which must never ping anyone.
 */
class SlackMockTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Duration WAIT = Duration.ofSeconds(15);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String CAI = "Cai <!channel> @here";

  @TempDir Path folder;
  private FakeSlack slack;
  private FakeSlackChannels channels;
  private FakeSlackUpdates updates;
  private Database database;
  private MutableClock clock;
  private ManualMockTriggers triggers;
  private MockSessions mock;
  private Coach coach;
  private SlackAdapter adapter;
  private int events;

  @BeforeEach
  void start() {
    slack = new FakeSlack();
    channels = new FakeSlackChannels(slack);
    updates = new FakeSlackUpdates(slack, channels);
    channels.channel("C1", "UORG", true);
    channels.displayName("UANA", "Ana");
    channels.displayName("UBEN", "Ben");
    channels.displayName("UCAI", CAI);
    database = TestDatabases.sqlite(folder);
    // Monday 7 December 2026, 07:00 in Berlin (every fake user's zone).
    clock = MutableClock.at("2026-12-07T06:00:00Z");
    triggers = new ManualMockTriggers();
    coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
    mock = new MockSessions(database, CURRICULUM, clock, ZoneId.of("UTC"), Set.of(), triggers);
    adapter =
        SlackAdapter.start(
            coach,
            Optional.empty(),
            Optional.of(mock),
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(20)));
    slack.awaitConnected(WAIT);
  }

  @AfterEach
  void stop() {
    try {
      assertThat(slack.pings()).as("text Slack would turn into a notification").isEmpty();
      assertThat(slack.refused()).as("calls Slack refused").isEmpty();
      assertThat(slack.ackProblems()).isEmpty();
    } finally {
      adapter.close();
      slack.close();
      database.close();
    }
  }

  // ---- helpers ----

  /** {@code /coach TEXT} typed by {@code user} in {@code channel}; returns the answer to it. */
  private Call command(String user, String channel, String text) {
    int before = slack.calls("response").size();
    slack.awaitAck(slack.slash(user, channel, text, "trig-" + ++events), WAIT);
    return slack.awaitCalls("response", c -> true, before + 1, WAIT).get(before);
  }

  /** The organiser schedules a session in C1; returns its id. */
  private String schedule(String options) {
    Call reply = command("UORG", "C1", "mock schedule at " + options);
    List<MockSession> upcoming = mock.upcoming();
    assertThat(upcoming).as(reply.param("text")).isNotEmpty();
    return upcoming.get(upcoming.size() - 1).id();
  }

  private Posted announcement() {
    return channels.posted().stream()
        .filter(p -> p.channel().equals("C1"))
        .findFirst()
        .orElseThrow();
  }

  /** {@code user} clicks {@code actionId} on the message {@code ts} in {@code channel}. */
  private String click(String user, String channel, String ts, String actionId) {
    String envelope = slack.click(user, channel, ts, actionId, "9." + ++events);
    slack.awaitAck(envelope, WAIT);
    return envelope;
  }

  /** {@code user} presses a button of the announcement; returns the ephemeral answer's text. */
  private String pressOnAnnouncement(String user, String action, String id) {
    int before = ephemeralsTo(user).size();
    click(user, "C1", announcement().ts(), action + ":" + id);
    return slack
        .awaitCalls("chat.postEphemeral", toUser(user), before + 1, WAIT)
        .get(before)
        .param("text");
  }

  private List<Call> ephemeralsTo(String user) {
    return slack.calls("chat.postEphemeral", toUser(user));
  }

  private static Predicate<Call> toUser(String user) {
    return c -> c.param("user").equals(user);
  }

  private static Predicate<Call> to(String channel) {
    return c -> c.param("channel").equals(channel);
  }

  private List<String> dmTexts(String user) {
    return slack.calls("chat.postMessage", to("D" + user)).stream()
        .map(c -> c.param("text"))
        .toList();
  }

  private void awaitEdits(Posted post, int count) {
    FakeSlack.await(
        () -> updates.edits("C1", post.ts()).size() >= count,
        WAIT,
        count + " edits of the announcement, got " + updates.edits("C1", post.ts()).size());
  }

  private void runTimersAt(String instant) {
    clock.set(Instant.parse(instant));
    triggers.fireDue(mock, clock.instant());
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

  /** Everyone in {@code users} says Going, one after the other, each edit awaited. */
  private void going(String id, String... users) {
    Posted post = announcement();
    for (String user : users) {
      int edits = updates.edits("C1", post.ts()).size();
      assertThat(pressOnAnnouncement(user, "mock-going", id)).contains("You're going");
      awaitEdits(post, edits + 1);
    }
  }

  // ---- scheduling ----

  @Test
  void anOrganiserSchedulesAndTheAnnouncementShowsTheTimeInEachReadersZoneWithRsvpButtons() {
    Call reply =
        command(
            "UORG",
            "C1",
            "mock schedule at 2026-12-10 18:00 zone Europe/Berlin capacity 6 prompts"
                + " fraud-checkout");
    String id = mock.upcoming().get(0).id();

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text")).contains("#" + id);
    Posted post = announcement();
    assertThat(channels.posted()).hasSize(1);
    assertThat(post.blocks().get(0).path("text").path("text").asText())
        .isEqualTo("Mock interview #" + id);
    long start = Instant.parse("2026-12-10T17:00:00Z").getEpochSecond();
    assertThat(post.blocks().toString())
        .contains(
            "<!date^"
                + start
                + "^{date_long_pretty} at {time}|Thu 10 Dec 2026, 18:00 (Europe/Berlin)>")
        .contains("0 of 6 taken");
    assertThat(post.text()).contains("Starts: Thu 10 Dec 2026, 18:00 (Europe/Berlin)");
    assertThat(actionIds(post.blocks()))
        .containsExactly("mock-going:" + id, "mock-not-going:" + id);
  }

  @Test
  void aNonOrganisersScheduleIsRefusedEphemerallyAndChangesNothing() {
    Call reply = command("UMEM", "C1", "mock schedule at 2026-12-10 18:00");

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text")).startsWith("Only organisers can schedule mock sessions");
    assertThat(mock.upcoming()).isEmpty();
    assertThat(channels.posted()).isEmpty();
    assertThat(triggers.all()).isEmpty();
    // Nor does a bare `mock schedule` open the form for them.
    command("UMEM", "C1", "mock schedule");
    assertThat(slack.calls("views.open")).isEmpty();
  }

  @Test
  void anOrganisersBareScheduleOpensTheFormAndItsSubmissionAnnouncesTheSession() {
    slack.awaitAck(slack.slash("UORG", "C1", "mock schedule", "trig-form"), WAIT);
    Call open = slack.awaitCalls("views.open", c -> true, 1, WAIT).get(0);
    assertThat(open.param("trigger_id")).isEqualTo("trig-form");
    assertThat(open.response().path("ok").asBoolean()).as("a modal Slack accepts").isTrue();
    JsonNode view = open.json("view");
    assertThat(view.path("callback_id").asText()).isEqualTo("mock-schedule");
    assertThat(view.path("private_metadata").asText()).isEqualTo("C1");
    assertThat(view.toString()).contains("\"initial_value\":\"Europe/Berlin\"");

    ObjectNode values = JSON.createObjectNode();
    values
        .putObject("date")
        .putObject("date")
        .put("type", "datepicker")
        .put("selected_date", "2026-12-10");
    values
        .putObject("time")
        .putObject("time")
        .put("type", "timepicker")
        .put("selected_time", "18:30");
    values
        .putObject("zone")
        .putObject("zone")
        .put("type", "plain_text_input")
        .put("value", "Europe/Berlin");
    values
        .putObject("minutes")
        .putObject("minutes")
        .put("type", "plain_text_input")
        .put("value", "45");
    ((ObjectNode) values.putObject("weekly").putObject("weekly").put("type", "checkboxes"))
        .putArray("selected_options")
        .addObject()
        .put("value", "weekly");
    String submitted =
        slack.send(
            "interactive",
            SlackEvents.viewSubmission("UORG", "mock-schedule", "C1", values, "VSCHED"));
    slack.awaitAck(submitted, WAIT);

    Call answer = slack.awaitCalls("chat.postEphemeral", toUser("UORG"), 1, WAIT).get(0);
    MockSession session = mock.upcoming().get(0);
    assertThat(answer.param("channel")).isEqualTo("C1");
    assertThat(answer.param("text")).contains("#" + session.id());
    assertThat(session.startsAt()).isEqualTo(Instant.parse("2026-12-10T17:30:00Z"));
    assertThat(session.minutes()).isEqualTo(45);
    assertThat(session.weekly()).isTrue();
    assertThat(announcement().text()).contains("Mock interview #" + session.id());
  }

  @Test
  void aScheduleFormWithAnUnknownZoneIsSentBackWithItsErrorsAndChangesNothing() {
    ObjectNode values = JSON.createObjectNode();
    values
        .putObject("zone")
        .putObject("zone")
        .put("type", "plain_text_input")
        .put("value", "Mars/Olympus");
    values
        .putObject("minutes")
        .putObject("minutes")
        .put("type", "plain_text_input")
        .put("value", "an hour");
    String submitted =
        slack.send(
            "interactive", SlackEvents.viewSubmission("UORG", "mock-schedule", "C1", values, "V1"));
    slack.awaitAck(submitted, WAIT);

    JsonNode ack = slack.ackPayload(submitted).orElseThrow();
    assertThat(ack.path("response_action").asText()).isEqualTo("errors");
    assertThat(ack.path("errors").path("zone").asText()).contains("time zone");
    assertThat(ack.path("errors").path("minutes").asText()).contains("minutes");
    assertThat(ack.path("errors").path("date").asText()).contains("date");
    command("UORG", "C1", "mock list"); // a sentinel on the same lane the form's work would take
    assertThat(mock.upcoming()).isEmpty();
    assertThat(slack.calls("chat.postEphemeral")).isEmpty();
  }

  // ---- RSVP ----

  @Test
  void threeMembersPressGoingAndTheAnnouncementIsEditedInPlaceWithTheirNamesAndCount() {
    String id = schedule("2026-12-10 18:00 capacity 6 prompts fraud-checkout");
    Posted post = announcement();

    going(id, "UANA", "UBEN", "UCAI");

    assertThat(channels.posted()).as("edited, never posted again").hasSize(1);
    assertThat(slack.calls("chat.update"))
        .allSatisfy(c -> assertThat(c.param("ts")).isEqualTo(post.ts()));
    FakeSlackUpdates.Edit last = updates.edits("C1", post.ts()).get(2);
    String shown = last.blocks().toString();
    assertThat(shown)
        .contains("Going (3): Ana, Ben, Cai &lt;!channel&gt; @here")
        .contains("3 of 6 taken");
    assertThat(actionIds(last.blocks()))
        .containsExactly("mock-going:" + id, "mock-not-going:" + id);
    assertThat(channels.find("C1", post.ts()).orElseThrow().text()).contains("Going (3)");
    // The echoed name is escaped everywhere and its mrkdwn is verbatim: no ping (checked after).
    assertThat(last.text()).contains("Cai &lt;!channel&gt; @here");
  }

  @Test
  void aRedeliveredPressCountsOnceAndNotGoingEditsTheAnnouncementAgain() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout");
    Posted post = announcement();
    String envelope = click("UANA", "C1", post.ts(), "mock-going:" + id);
    slack.awaitCalls("chat.postEphemeral", toUser("UANA"), 1, WAIT);

    slack.awaitAck(slack.redeliver(envelope), WAIT);
    // A later press on the same lanes: once it is answered, the redelivery was handled.
    assertThat(pressOnAnnouncement("UANA", "mock-going", id)).contains("already on the Going list");

    assertThat(ephemeralsTo("UANA")).hasSize(2);
    assertThat(updates.edits("C1", post.ts())).hasSize(1);
    assertThat(pressOnAnnouncement("UANA", "mock-not-going", id)).contains("off the list");
    awaitEdits(post, 2);
    assertThat(updates.edits("C1", post.ts()).get(1).blocks().toString())
        .contains("Going (0): nobody yet");
  }

  @Test
  void goingAfterTheDeadlineIsRefusedEphemerallyAndChangesNothing() {
    String id = schedule("2026-12-10 18:00 deadline 2 prompts fraud-checkout");
    going(id, "UANA", "UBEN");
    runTimersAt("2026-12-10T15:30:00Z"); // the deadline (15:00 UTC) has passed; two is enough
    Posted post = announcement();
    int edits = updates.edits("C1", post.ts()).size();

    String refused = pressOnAnnouncement("UCAI", "mock-going", id);

    assertThat(refused).contains("the RSVP deadline for #" + id + " has passed");
    assertThat(ephemeralsTo("UCAI"))
        .singleElement()
        .satisfies(c -> assertThat(c.param("channel")).isEqualTo("C1"));
    assertThat(updates.edits("C1", post.ts())).hasSize(edits);
    assertThat(mock.rsvps(id))
        .extracting(r -> r.user().value())
        .containsExactly("slack:T1:UANA", "slack:T1:UBEN");
  }

  // ---- the session ----

  @Test
  void atTheStartMinuteEachAttendeeGetsAPairingDmNamingTheirRole() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout");
    going(id, "UANA", "UBEN", "UCAI");

    runTimersAt("2026-12-10T17:00:00Z");

    List<String> roles = new ArrayList<>();
    for (String user : List.of("UANA", "UBEN", "UCAI")) {
      String pairing =
          dmTexts(user).stream()
              .filter(t -> t.contains("Mock interview #" + id + " starts now"))
              .findFirst()
              .orElseThrow(() -> new AssertionError("no pairing DM to " + user));
      assertThat(pairing).containsAnyOf("interviewer", "candidate");
      roles.add(
          pairing.contains("You are the interviewer")
              ? "interviewer"
              : pairing.contains("You are the candidate") ? "candidate" : "observer");
    }
    assertThat(roles).contains("interviewer", "candidate");
    assertThat(slack.calls("chat.postMessage", to("DUANA")))
        .anySatisfy(c -> assertThat(actionIds(c.json("blocks"))).contains("mock-here:" + id));
  }

  @Test
  void anInterviewersFeedbackFormIsSubmittedAndCreditedToTheCandidateAsPeer() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout");
    going(id, "UANA", "UBEN");
    runTimersAt("2026-12-10T17:00:00Z");
    String interviewer =
        dmTexts("UANA").stream().anyMatch(t -> t.contains("You are the interviewer"))
            ? "UANA"
            : "UBEN";
    String candidate = interviewer.equals("UANA") ? "UBEN" : "UANA";
    runTimersAt("2026-12-10T17:30:00Z"); // the swap: round one's interviewer is asked for feedback
    Call invite =
        slack.calls("chat.postMessage", to("D" + interviewer)).stream()
            .filter(c -> c.param("text").contains("Thanks for interviewing"))
            .findFirst()
            .orElseThrow();
    String button = "mock-feedback:" + id + ":0:0";
    assertThat(actionIds(invite.json("blocks"))).contains(button);

    click(interviewer, "D" + interviewer, invite.response().path("ts").asText(), button);

    Call open = slack.awaitCalls("views.open", c -> true, 1, WAIT).get(0);
    assertThat(open.response().path("ok").asBoolean()).as("a modal Slack accepts").isTrue();
    JsonNode view = open.json("view");
    assertThat(view.path("callback_id").asText()).isEqualTo("mock-feedback-form");
    assertThat(view.path("private_metadata").asText()).isEqualTo(id + ":0:0");
    String labelDelay = blockOffering(view, "data.label_delay");
    String threshold = blockOffering(view, "metrics.threshold");
    ObjectNode values = JSON.createObjectNode();
    tick(values, labelDelay, "data.label_delay");
    tick(values, threshold, "metrics.threshold");
    values
        .putObject("note")
        .putObject("note")
        .put("type", "plain_text_input")
        .put("value", "Clear on label delay. <!here> @channel <@UORG> practise thresholds");
    slack.awaitAck(
        slack.send(
            "interactive",
            SlackEvents.viewSubmission(
                interviewer, "mock-feedback-form", id + ":0:0", values, "VFB1")),
        WAIT);

    Call toCandidate =
        slack
            .awaitCalls(
                "chat.postMessage",
                c ->
                    c.param("channel").equals("D" + candidate)
                        && c.param("text").contains("Feedback from your mock interview"),
                1,
                WAIT)
            .get(0);
    assertThat(toCandidate.param("text"))
        .contains("Their note: Clear on label delay. &lt;!here&gt; @channel &lt;@UORG&gt;");
    JsonNode concepts =
        coach.progressJson(UserId.slack("T1", candidate)).orElseThrow().path("concepts");
    assertThat(concepts.path("data.label_delay").path("sources").path("peer").asInt()).isEqualTo(1);
    assertThat(concepts.path("metrics.threshold").path("sources").path("peer").asInt())
        .isEqualTo(1);
    assertThat(concepts.path("data.label_delay").path("sources").path("practice").asInt()).isZero();
    assertThat(
            slack.awaitCalls(
                "chat.postMessage",
                c ->
                    c.param("channel").equals("D" + interviewer)
                        && c.param("text").startsWith("Thanks! Sent to"),
                1,
                WAIT))
        .singleElement()
        .satisfies(c -> assertThat(c.param("text")).contains("2 of"));
  }

  /** The block id of the feedback form's checkboxes that offer {@code concept}. */
  private static String blockOffering(JsonNode view, String concept) {
    for (JsonNode block : view.path("blocks")) {
      for (JsonNode option : block.path("element").path("options")) {
        if (option.path("value").asText().equals(concept)) {
          return block.path("block_id").asText();
        }
      }
    }
    throw new AssertionError("no checkbox offers " + concept + " in " + view);
  }

  private static void tick(ObjectNode values, String blockId, String concept) {
    ObjectNode value =
        values.has(blockId)
            ? (ObjectNode) values.path(blockId).path("concepts")
            : values.putObject(blockId).putObject("concepts").put("type", "checkboxes");
    ArrayNode selected =
        value.has("selected_options")
            ? (ArrayNode) value.path("selected_options")
            : value.putArray("selected_options");
    selected
        .addObject()
        .put("value", concept)
        .putObject("text")
        .put("type", "plain_text")
        .put("text", concept);
  }

  // ---- the calendar file ----

  @Test
  void mockIcsUploadsACalendarFileIntoTheAskersDmThatParsesWithTheSessionsUid() {
    String id = schedule("2026-12-10 18:00 prompts fraud-checkout");

    Call reply = command("UMEM", "C1", "mock ics " + id);

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text")).contains("The file is in our direct messages");
    FakeSlackFiles.Shared file = slack.sharedFiles().get(0);
    assertThat(file.channel()).isEqualTo("DUMEM");
    assertThat(file.filename()).isEqualTo(MockCalendar.fileName(id)).endsWith(".ics");
    ICalendar calendar = Biweekly.parse(new String(file.data(), StandardCharsets.UTF_8)).first();
    VEvent event = calendar.getEvents().get(0);
    assertThat(event.getUid().getValue()).isEqualTo(MockCalendar.uid(id));
    assertThat(event.getDateStart().getValue().toInstant())
        .isEqualTo(Instant.parse("2026-12-10T17:00:00Z"));
    assertThat(slack.calls("chat.postMessage", to("C1")))
        .as("nothing in the channel besides the announcement")
        .hasSize(1);
  }

  @Test
  void inTheDmChannelCommandsSayWhereTheyBelongAndPersonalOnesWork() {
    slack.awaitAck(slack.slash("UANA", "DUANA", "mock list", "trig-dm"), WAIT);
    Call reply = slack.awaitCalls("chat.postMessage", to("DUANA"), 1, WAIT).get(0);
    assertThat(reply.param("text")).contains("in the channel where your group meets");

    // With should_escape on (the manifest), Slack sends a mention as <@U...|name>.
    slack.awaitAck(slack.slash("UANA", "DUANA", "mock avoid <@UBEN|ben>", "trig-dm2"), WAIT);
    Call avoided = slack.awaitCalls("chat.postMessage", to("DUANA"), 2, WAIT).get(1);
    assertThat(avoided.param("text")).contains("I'll never pair you with them");
    assertThat(slack.calls("response")).isEmpty();
    assertThat(slack.calls("chat.postMessage", to("DUBEN"))).as("nobody else is told").isEmpty();
  }
}
