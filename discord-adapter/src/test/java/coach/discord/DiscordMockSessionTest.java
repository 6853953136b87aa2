package coach.discord;

import static org.assertj.core.api.Assertions.assertThat;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import coach.core.chat.UserId;
import coach.core.mock.MockCalendar;
import coach.discord.FakeDiscord.Call;
import coach.discord.FakeDiscord.Upload;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A mock session's life on Discord after the announcement: the pairing DMs at the start minute, the
 * interviewer's feedback form (menus saved as they change, then the note modal) credited to the
 * candidate as {@code peer}, and the calendar file uploaded to whoever asks.
 */
class DiscordMockSessionTest extends DiscordMockHarness {

  /** Schedules a session on fraud-checkout at 18:00 UTC and has {@code going} press Going. */
  String sessionWith(String... going) {
    String id = schedule(options("at", at("18:00"), "prompts", "fraud-checkout"));
    Call post = announcement(id);
    for (String user : going) {
      press(user, "Ada " + user, post, "mock-going:" + id);
    }
    return id;
  }

  @Test
  void atTheStartMinuteEachOfThreeAttendeesGetsADmNamingTheirRole() {
    start();
    String id = sessionWith(ANA, BEN, CAI);

    runTimersAt(utc("18:00").minus(Duration.ofDays(1)));
    runTimersAt(utc("17:00"));
    runTimersAt(utc("17:59"));
    assertThat(dms(ANA))
        .extracting(Call::text)
        .as("the reminders, a day and an hour before")
        .satisfiesExactly(
            day -> assertThat(day).startsWith("Tomorrow"),
            hour -> assertThat(hour).startsWith("In an hour"));
    runTimersAt(utc("18:00"));

    int interviewers = 0;
    int candidates = 0;
    for (String user : List.of(ANA, BEN, CAI)) {
      List<Call> pairing = dms(user).subList(2, dms(user).size());
      pairing.forEach(c -> NoPings.assertCannotPing(c.body()));
      String text = String.join("\n", pairing.stream().map(Call::text).toList());
      assertThat(text)
          .as(user)
          .startsWith("Mock interview #" + id + " starts now")
          .containsAnyOf("interviewer", "candidate");
      assertThat(pairing.stream().flatMap(c -> c.customIds().stream()))
          .containsExactly("mock-here:" + id);
      interviewers += text.contains("You are the interviewer") ? 1 : 0;
      candidates += text.contains("You are the candidate") ? 1 : 0;
    }
    assertThat(interviewers).isEqualTo(1);
    assertThat(candidates).isEqualTo(1);
    Call post = announcement(id);
    assertThat(edits(post.id()))
        .last()
        .satisfies(e -> assertThat(e.text()).contains("(under way)"));

    Call withButton =
        dms(ANA).stream()
            .filter(c -> c.customIds().contains("mock-here:" + id))
            .findFirst()
            .orElseThrow();
    String here = interactions.clickInDm(ANA, withButton.id(), "mock-here:" + id);
    Call thanks = answer(here);
    assertThat(thanks.ephemeral()).as("a plain reply in the DM").isFalse();
    assertThat(thanks.text()).contains("marked as here");
  }

  @Test
  void anInterviewersFeedbackIsSavedMenuByMenuThenSentAndCreditedToTheCandidateAsPeer() {
    start();
    String id = sessionWith(ANA, BEN);
    runTimersAt(utc("18:00"));
    String interviewer =
        dms(ANA).stream().anyMatch(c -> c.text().contains("You are the interviewer")) ? ANA : BEN;
    String candidate = interviewer.equals(ANA) ? BEN : ANA;
    runTimersAt(utc("18:30"));

    Call invite =
        dms(interviewer).stream()
            .filter(c -> c.text().contains("Thanks for interviewing Ada " + candidate))
            .findFirst()
            .orElseThrow();
    String formId = id + ":0:0";
    assertThat(invite.customIds()).contains("mock-feedback:" + formId, "mock-absent:" + formId);

    String open = interactions.clickInDm(interviewer, invite.id(), "mock-feedback:" + formId);
    Call form = answer(open);
    assertThat(form.ephemeral()).isFalse();
    assertThat(form.text()).contains("Feedback for Ada " + candidate);
    List<List<String>> menus = menus(form.body());
    assertThat(menus).isNotEmpty().hasSizeLessThanOrEqualTo(4);
    assertThat(menus).allSatisfy(m -> assertThat(m).hasSizeBetween(1, 25));
    assertThat(form.customIds()).contains("peer-note:" + formId);

    // The candidate may not fill it in.
    Call refused =
        answer(interactions.clickInDm(candidate, invite.id(), "mock-feedback:" + formId));
    assertThat(refused.text()).contains("Only the interviewer");

    List<String> ticks = List.of("data.label_delay", "metrics.threshold");
    for (String concept : ticks) {
      int menu = menuOf(menus, concept);
      String select =
          interactions.selectInDm(
              interviewer, form.id(), "peer-form:" + formId + ":" + menu, List.of(concept));
      Call ack = discord.awaitCalls(callbackOf(select), 1, WAIT).get(0);
      assertThat(ack.body().path("type").asInt()).as("deferred update").isEqualTo(6);
      Call shown = answer(select);
      assertThat(shown.method()).isEqualTo("PATCH");
      assertThat(URLDecoder.decode(shown.path(), StandardCharsets.UTF_8))
          .endsWith("/messages/@original");
      assertThat(shown.text()).contains("ticked so far");
      assertThat(defaults(shown.body())).contains(concept);
    }

    String note = interactions.clickInDm(interviewer, form.id(), "peer-note:" + formId);
    Call modal = discord.awaitCalls(callbackOf(note), 1, WAIT).get(0);
    assertThat(modal.body().path("type").asInt()).as("a modal").isEqualTo(9);
    assertThat(modal.body().path("data").path("custom_id").asText())
        .isEqualTo("peer-note:" + formId);
    assertThat(modal.body().path("data").findValuesAsText("custom_id")).contains("note");

    String submit =
        interactions.submitInDm(
            interviewer,
            "peer-note:" + formId,
            Map.of("note", "@everyone Clear on label delay; rushed the threshold."));
    assertThat(answer(submit).text()).contains("Sent to Ada " + candidate).contains("2 of");

    Call feedback =
        dms(candidate).stream()
            .filter(c -> c.text().contains("Feedback from your mock interview #" + id))
            .findFirst()
            .orElseThrow();
    NoPings.assertCannotPing(feedback.body());
    assertThat(feedback.text()).contains("@everyone Clear on label delay");
    JsonNode concepts = coach.progressJson(UserId.discord(candidate)).orElseThrow().get("concepts");
    for (String concept : ticks) {
      assertThat(concepts.get(concept).get("sources").get("peer").asInt()).as(concept).isEqualTo(1);
    }
    assertThat(
            coach
                .progressJson(UserId.discord(interviewer))
                .orElseThrow()
                .get("concepts")
                .get("data.label_delay")
                .get("covered")
                .asBoolean())
        .isFalse();

    // after sending, a tick changed in the same form is saved and reaches the candidate when the
    // form is sent again, crediting only the new concept
    String more = "data.leakage";
    int menu = menuOf(menus, more);
    List<String> selected = new java.util.ArrayList<>(List.of(more));
    ticks.stream().filter(t -> menuOf(menus, t) == menu).forEach(selected::add);
    Call changed =
        answer(
            interactions.selectInDm(
                interviewer, form.id(), "peer-form:" + formId + ":" + menu, selected));
    assertThat(changed.text()).contains("3 ticked so far").contains("Send the form again");
    String resent =
        interactions.submitInDm(interviewer, "peer-note:" + formId, Map.of("note", "Better now."));
    assertThat(answer(resent).text()).contains("3 of");
    JsonNode after = coach.progressJson(UserId.discord(candidate)).orElseThrow().get("concepts");
    assertThat(after.get(more).get("sources").get("peer").asInt()).isEqualTo(1);
    for (String concept : ticks) {
      assertThat(after.get(concept).get("sources").get("peer").asInt()).as(concept).isEqualTo(1);
    }
  }

  private static int menuOf(List<List<String>> menus, String concept) {
    for (int i = 0; i < menus.size(); i++) {
      if (menus.get(i).contains(concept)) {
        return i;
      }
    }
    throw new AssertionError(concept + " is in no menu: " + menus);
  }

  /** The option values selected by default, in every menu of a message body. */
  private static List<String> defaults(JsonNode body) {
    List<String> selected = new ArrayList<>();
    for (JsonNode row : body.path("components")) {
      for (JsonNode component : row.path("components")) {
        for (JsonNode option : component.path("options")) {
          if (option.path("default").asBoolean()) {
            selected.add(option.path("value").asText());
          }
        }
      }
    }
    return selected;
  }

  @Test
  void mockIcsUploadsACalendarFileToTheAskerThatKeepsItsUidAcrossAMove() {
    start();
    String id = sessionWith(ANA);

    VEvent before = event(id, icsFor(ANA, id));
    command(ORGANISER, true, "move", options("id", id, "at", at("19:30")));
    VEvent after = event(id, icsFor(ANA, id));

    assertThat(before.getUid().getValue()).isEqualTo(MockCalendar.uid(id));
    assertThat(before.getDateStart().getValue().toInstant()).isEqualTo(utc("18:00"));
    assertThat(after.getUid().getValue()).isEqualTo(before.getUid().getValue());
    assertThat(after.getSequence().getValue()).isEqualTo(before.getSequence().getValue() + 1);
    assertThat(after.getDateStart().getValue().toInstant()).isEqualTo(utc("19:30"));
    assertThat(dms(ANA)).anySatisfy(dm -> assertThat(dm.text()).contains("has moved"));
  }

  /** {@code /coach mock ics} by {@code user}: the file uploaded with the ephemeral answer. */
  private Upload icsFor(String user, String id) {
    Call answer = ephemeral(interactions.command(user, false, "ics", options("id", id)));
    assertThat(answer.files()).containsExactly("mock-" + id + ".ics");
    assertThat(answer.text()).contains("Mock interview #" + id + " for your calendar");
    return discord.uploads().stream()
        .filter(u -> u.callId().equals(answer.id()))
        .findFirst()
        .orElseThrow();
  }

  private static VEvent event(String id, Upload upload) {
    assertThat(upload.fileName()).isEqualTo("mock-" + id + ".ics");
    assertThat(upload.contentType()).startsWith(MockCalendar.FILE_MIME);
    ICalendar calendar = Biweekly.parse(new String(upload.data(), StandardCharsets.UTF_8)).first();
    assertThat(calendar).as("parses").isNotNull();
    return calendar.getEvents().get(0);
  }
}
