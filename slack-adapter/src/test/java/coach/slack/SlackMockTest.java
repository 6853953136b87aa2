package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.mock.MockSession;
import coach.slack.FakeSlack.Call;
import coach.slack.FakeSlackChannels.Posted;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Scheduling and RSVPs of mock sessions on Slack, end to end ({@link SlackMockFixture}): the
 * announcement with Slack's date token and the RSVP buttons, the organiser's form, refusals, and
 * the announcement edited in place by chat.update as people press Going and Not going.
 */
class SlackMockTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path folder;
  private SlackMockFixture f;

  @BeforeEach
  void start() {
    f = new SlackMockFixture(folder);
  }

  @AfterEach
  void stop() {
    f.close();
  }

  // ---- scheduling ----

  @Test
  void anOrganiserSchedulesAndTheAnnouncementShowsTheTimeInEachReadersZoneWithRsvpButtons() {
    Call reply =
        f.command(
            "UORG",
            "C1",
            "mock schedule at 2026-12-10 18:00 zone Europe/Berlin capacity 6 prompts"
                + " fraud-checkout");
    String id = f.mock.upcoming().get(0).id();

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text")).contains("#" + id);
    Posted post = f.announcement();
    assertThat(f.channels.posted()).hasSize(1);
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
    assertThat(f.actionIds(post.blocks()))
        .containsExactly("mock-going:" + id, "mock-not-going:" + id);
  }

  @Test
  void aNonOrganisersScheduleIsRefusedEphemerallyAndChangesNothing() {
    Call reply = f.command("UMEM", "C1", "mock schedule at 2026-12-10 18:00");

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text")).startsWith("Only organisers can schedule mock sessions");
    assertThat(f.mock.upcoming()).isEmpty();
    assertThat(f.channels.posted()).isEmpty();
    assertThat(f.triggers.all()).isEmpty();
    // Nor does a bare `mock schedule` open the form for them.
    f.command("UMEM", "C1", "mock schedule");
    assertThat(f.slack.calls("views.open")).isEmpty();
  }

  @Test
  void anOrganisersBareScheduleOpensTheFormAndItsSubmissionAnnouncesTheSession() {
    f.slack.awaitAck(
        f.slack.slash("UORG", "C1", "mock schedule", "trig-form"), SlackMockFixture.WAIT);
    Call open = f.slack.awaitCalls("views.open", c -> true, 1, SlackMockFixture.WAIT).get(0);
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
        f.slack.send(
            "interactive",
            SlackEvents.viewSubmission("UORG", "mock-schedule", "C1", values, "VSCHED"));
    f.slack.awaitAck(submitted, SlackMockFixture.WAIT);

    Call answer =
        f.slack.awaitCalls("chat.postEphemeral", f.toUser("UORG"), 1, SlackMockFixture.WAIT).get(0);
    MockSession session = f.mock.upcoming().get(0);
    assertThat(answer.param("channel")).isEqualTo("C1");
    assertThat(answer.param("text")).contains("#" + session.id());
    assertThat(session.startsAt()).isEqualTo(Instant.parse("2026-12-10T17:30:00Z"));
    assertThat(session.minutes()).isEqualTo(45);
    assertThat(session.weekly()).isTrue();
    assertThat(f.announcement().text()).contains("Mock interview #" + session.id());
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
        f.slack.send(
            "interactive", SlackEvents.viewSubmission("UORG", "mock-schedule", "C1", values, "V1"));
    f.slack.awaitAck(submitted, SlackMockFixture.WAIT);

    JsonNode ack = f.slack.ackPayload(submitted).orElseThrow();
    assertThat(ack.path("response_action").asText()).isEqualTo("errors");
    assertThat(ack.path("errors").path("zone").asText()).contains("time zone");
    assertThat(ack.path("errors").path("minutes").asText()).contains("minutes");
    assertThat(ack.path("errors").path("date").asText()).contains("date");
    f.command("UORG", "C1", "mock list"); // a sentinel on the same lane the form's work would take
    assertThat(f.mock.upcoming()).isEmpty();
    assertThat(f.slack.calls("chat.postEphemeral")).isEmpty();
  }

  // ---- RSVP ----

  @Test
  void threeMembersPressGoingAndTheAnnouncementIsEditedInPlaceWithTheirNamesAndCount() {
    String id = f.schedule("2026-12-10 18:00 capacity 6 prompts fraud-checkout");
    Posted post = f.announcement();

    f.going(id, "UANA", "UBEN", "UCAI");

    assertThat(f.channels.posted()).as("edited, never posted again").hasSize(1);
    assertThat(f.slack.calls("chat.update"))
        .allSatisfy(c -> assertThat(c.param("ts")).isEqualTo(post.ts()));
    FakeSlackUpdates.Edit last = f.updates.edits("C1", post.ts()).get(2);
    String shown = last.blocks().toString();
    assertThat(shown)
        .contains("Going (3): Ana, Ben, Cai &lt;!channel&gt; @here")
        .contains("3 of 6 taken");
    assertThat(f.actionIds(last.blocks()))
        .containsExactly("mock-going:" + id, "mock-not-going:" + id);
    assertThat(f.channels.find("C1", post.ts()).orElseThrow().text()).contains("Going (3)");
    // The echoed name is escaped everywhere and its mrkdwn is verbatim: no ping (checked after).
    assertThat(last.text()).contains("Cai &lt;!channel&gt; @here");
  }

  @Test
  void aRedeliveredPressCountsOnceAndNotGoingEditsTheAnnouncementAgain() {
    String id = f.schedule("2026-12-10 18:00 prompts fraud-checkout");
    Posted post = f.announcement();
    String envelope = f.click("UANA", "C1", post.ts(), "mock-going:" + id);
    f.slack.awaitCalls("chat.postEphemeral", f.toUser("UANA"), 1, SlackMockFixture.WAIT);

    f.slack.awaitAck(f.slack.redeliver(envelope), SlackMockFixture.WAIT);
    // A later press on the same lanes: once it is answered, the redelivery was handled.
    assertThat(f.pressOnAnnouncement("UANA", "mock-going", id))
        .contains("already on the Going list");

    assertThat(f.ephemeralsTo("UANA")).hasSize(2);
    assertThat(f.updates.edits("C1", post.ts())).hasSize(1);
    assertThat(f.pressOnAnnouncement("UANA", "mock-not-going", id)).contains("off the list");
    f.awaitEdits(post, 2);
    assertThat(f.updates.edits("C1", post.ts()).get(1).blocks().toString())
        .contains("Going (0): nobody yet");
  }

  @Test
  void goingAfterTheDeadlineIsRefusedEphemerallyAndChangesNothing() {
    String id = f.schedule("2026-12-10 18:00 deadline 2 prompts fraud-checkout");
    f.going(id, "UANA", "UBEN");
    f.runTimersAt("2026-12-10T15:30:00Z"); // the deadline (15:00 UTC) has passed; two is enough
    Posted post = f.announcement();
    int edits = f.updates.edits("C1", post.ts()).size();

    String refused = f.pressOnAnnouncement("UCAI", "mock-going", id);

    assertThat(refused).contains("the RSVP deadline for #" + id + " has passed");
    assertThat(f.ephemeralsTo("UCAI"))
        .singleElement()
        .satisfies(c -> assertThat(c.param("channel")).isEqualTo("C1"));
    assertThat(f.updates.edits("C1", post.ts())).hasSize(edits);
    assertThat(f.mock.rsvps(id))
        .extracting(r -> r.user().value())
        .containsExactly("slack:T1:UANA", "slack:T1:UBEN");
  }
}
