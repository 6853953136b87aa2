package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import coach.core.chat.UserId;
import coach.core.mock.MockCalendar;
import coach.slack.FakeSlack.Call;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A mock session's day on Slack, end to end ({@link SlackMockFixture}): the pairing DMs at the
 * start minute, the interviewer's feedback modal credited to the candidate as {@code peer}, the
 * {@code .ics} file in the asker's DM, and the commands typed in the DM.
 */
class SlackMockSessionTest {

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

  // ---- the session ----

  @Test
  void atTheStartMinuteEachAttendeeGetsAPairingDmNamingTheirRole() {
    String id = f.schedule("2026-12-10 18:00 prompts fraud-checkout");
    f.going(id, "UANA", "UBEN", "UCAI");

    f.runTimersAt("2026-12-10T17:00:00Z");

    List<String> roles = new ArrayList<>();
    for (String user : List.of("UANA", "UBEN", "UCAI")) {
      String pairing =
          f.dmTexts(user).stream()
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
    assertThat(f.slack.calls("chat.postMessage", f.to("DUANA")))
        .anySatisfy(c -> assertThat(f.actionIds(c.json("blocks"))).contains("mock-here:" + id));
  }

  @Test
  void anInterviewersFeedbackFormIsSubmittedAndCreditedToTheCandidateAsPeer() {
    String id = f.schedule("2026-12-10 18:00 prompts fraud-checkout");
    f.going(id, "UANA", "UBEN");
    f.runTimersAt("2026-12-10T17:00:00Z");
    String interviewer =
        f.dmTexts("UANA").stream().anyMatch(t -> t.contains("You are the interviewer"))
            ? "UANA"
            : "UBEN";
    String candidate = interviewer.equals("UANA") ? "UBEN" : "UANA";
    f.runTimersAt(
        "2026-12-10T17:30:00Z"); // the swap: round one's interviewer is asked for feedback
    Call invite =
        f.slack.calls("chat.postMessage", f.to("D" + interviewer)).stream()
            .filter(c -> c.param("text").contains("Thanks for interviewing"))
            .findFirst()
            .orElseThrow();
    String button = "mock-feedback:" + id + ":0:0";
    assertThat(f.actionIds(invite.json("blocks"))).contains(button);

    f.click(interviewer, "D" + interviewer, invite.response().path("ts").asText(), button);

    Call open = f.slack.awaitCalls("views.open", c -> true, 1, SlackMockFixture.WAIT).get(0);
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
    f.slack.awaitAck(
        f.slack.send(
            "interactive",
            SlackEvents.viewSubmission(
                interviewer, "mock-feedback-form", id + ":0:0", values, "VFB1")),
        SlackMockFixture.WAIT);

    Call toCandidate =
        f.slack
            .awaitCalls(
                "chat.postMessage",
                c ->
                    c.param("channel").equals("D" + candidate)
                        && c.param("text").contains("Feedback from your mock interview"),
                1,
                SlackMockFixture.WAIT)
            .get(0);
    assertThat(toCandidate.param("text"))
        .contains("Their note: Clear on label delay. &lt;!here&gt; @channel &lt;@UORG&gt;");
    JsonNode concepts =
        f.coach.progressJson(UserId.slack("T1", candidate)).orElseThrow().path("concepts");
    assertThat(concepts.path("data.label_delay").path("sources").path("peer").asInt()).isEqualTo(1);
    assertThat(concepts.path("metrics.threshold").path("sources").path("peer").asInt())
        .isEqualTo(1);
    assertThat(concepts.path("data.label_delay").path("sources").path("practice").asInt()).isZero();
    assertThat(
            f.slack.awaitCalls(
                "chat.postMessage",
                c ->
                    c.param("channel").equals("D" + interviewer)
                        && c.param("text").startsWith("Thanks! Sent to"),
                1,
                SlackMockFixture.WAIT))
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
    String id = f.schedule("2026-12-10 18:00 prompts fraud-checkout");

    Call reply = f.command("UMEM", "C1", "mock ics " + id);

    assertThat(reply.param("response_type")).isEqualTo("ephemeral");
    assertThat(reply.param("text")).contains("The file is in our direct messages");
    FakeSlackFiles.Shared file = f.slack.sharedFiles().get(0);
    assertThat(file.channel()).isEqualTo("DUMEM");
    assertThat(file.filename()).isEqualTo(MockCalendar.fileName(id)).endsWith(".ics");
    ICalendar calendar = Biweekly.parse(new String(file.data(), StandardCharsets.UTF_8)).first();
    VEvent event = calendar.getEvents().get(0);
    assertThat(event.getUid().getValue()).isEqualTo(MockCalendar.uid(id));
    assertThat(event.getDateStart().getValue().toInstant())
        .isEqualTo(Instant.parse("2026-12-10T17:00:00Z"));
    assertThat(f.slack.calls("chat.postMessage", f.to("C1")))
        .as("nothing in the channel besides the announcement")
        .hasSize(1);
  }

  @Test
  void inTheDmChannelCommandsSayWhereTheyBelongAndPersonalOnesWork() {
    f.slack.awaitAck(f.slack.slash("UANA", "DUANA", "mock list", "trig-dm"), SlackMockFixture.WAIT);
    Call reply =
        f.slack.awaitCalls("chat.postMessage", f.to("DUANA"), 1, SlackMockFixture.WAIT).get(0);
    assertThat(reply.param("text")).contains("in the channel where your group meets");

    // With should_escape on (the manifest), Slack sends a mention as <@U...|name>.
    f.slack.awaitAck(
        f.slack.slash("UANA", "DUANA", "mock avoid <@UBEN|ben>", "trig-dm2"),
        SlackMockFixture.WAIT);
    Call avoided =
        f.slack.awaitCalls("chat.postMessage", f.to("DUANA"), 2, SlackMockFixture.WAIT).get(1);
    assertThat(avoided.param("text")).contains("I'll never pair you with them");
    assertThat(f.slack.calls("response")).isEmpty();
    assertThat(f.slack.calls("chat.postMessage", f.to("DUBEN")))
        .as("nobody else is told")
        .isEmpty();
  }
}
