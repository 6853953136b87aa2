package coach.discord;

import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.mock.MockSession;
import coach.core.mock.Rsvp;
import coach.discord.FakeDiscord.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Mock sessions on Discord, from the channel: {@code /coach mock ...} with its options and
 * autocomplete, the announcement with Going / Not going, edited in place as members answer, the
 * RSVP deadline, who may schedule, and the personal commands.
 */
class DiscordMockTest extends DiscordMockHarness {

  @Test
  void theRegisteredCommandHasTheMockGroupWithTheContractsOptions() {
    start();
    Call register =
        discord.awaitCalls(c -> c.path().equals("applications/900/commands"), 1, WAIT).get(0);
    JsonNode group = null;
    for (JsonNode option : register.body().get(0).path("options")) {
      if (option.path("name").asText().equals("mock")) {
        group = option;
      }
    }
    assertThat(group).isNotNull();
    assertThat(group.path("type").asInt()).as("sub-command group").isEqualTo(2);
    assertThat(group.path("options").findValuesAsText("name"))
        .contains(
            "schedule",
            "list",
            "cancel",
            "move",
            "ics",
            "reminders",
            "avoid",
            "at",
            "zone",
            "minutes",
            "capacity",
            "min",
            "deadline",
            "weekly",
            "prompts",
            "id",
            "user");
    assertThat(commandCharacters(register.body().get(0)))
        .as("Discord's limit on a command's names, descriptions and values")
        .isLessThanOrEqualTo(8000);
    JsonNode schedule = group.path("options").get(0);
    assertThat(schedule.path("name").asText()).isEqualTo("schedule");
    for (JsonNode option : schedule.path("options")) {
      String name = option.path("name").asText();
      int type = option.path("type").asInt();
      switch (name) {
        case "at" -> assertThat(option.path("required").asBoolean()).isTrue();
        case "minutes", "capacity", "min", "deadline" -> assertThat(type).as(name).isEqualTo(4);
        case "weekly" -> assertThat(type).isEqualTo(5);
        case "zone", "prompts" -> assertThat(option.path("autocomplete").asBoolean()).isTrue();
        default -> {}
      }
    }
  }

  /** The characters Discord counts towards a command's size: names, descriptions and values. */
  static int commandCharacters(JsonNode node) {
    int total = 0;
    for (String field : List.of("name", "description", "value")) {
      total += node.path(field).asText("").length();
    }
    for (JsonNode child : node.path("options")) {
      total += commandCharacters(child);
    }
    for (JsonNode choice : node.path("choices")) {
      total += commandCharacters(choice);
    }
    return total;
  }

  @Test
  void autocompleteOffersZonesPromptsAndThisChannelsSessions() {
    start();
    String id = schedule(options("at", at("18:00")));

    assertThat(choices("schedule", "zone", "berl")).containsExactly("Europe/Berlin");
    assertThat(choices("schedule", "prompts", "fraud")).first().isEqualTo("fraud-checkout");
    assertThat(choices("schedule", "prompts", "fraud-checkout, chu"))
        .containsExactly("fraud-checkout,churn-prediction");
    assertThat(choices("schedule", "prompts", "")).doesNotContain("all");
    assertThat(choices("cancel", "id", "")).containsExactly(id);
    assertThat(choices("cancel", "id", "#" + id.substring(0, 2).toLowerCase())).containsExactly(id);
    assertThat(choices("cancel", "id", "zzzzzz")).isEmpty();
  }

  List<String> choices(String sub, String option, String typed) {
    String id = interactions.autocomplete(ANA, sub, options(option, typed), option);
    Call result = discord.awaitCalls(callbackOf(id), 1, WAIT).get(0);
    assertThat(result.body().path("type").asInt()).as("autocomplete result").isEqualTo(8);
    return result.body().path("data").path("choices").findValuesAsText("value");
  }

  @Test
  void anOrganiserSchedulesWithOptionsAndTheAnnouncementHasGoingAndNotGoing() {
    start();
    String interaction =
        interactions.command(
            ORGANISER,
            true,
            "schedule",
            options(
                "at",
                at("18:00"),
                "zone",
                "Europe/Berlin",
                "minutes",
                90,
                "capacity",
                6,
                "min",
                3,
                "deadline",
                4,
                "weekly",
                true,
                "prompts",
                "fraud-checkout"));
    Call ack = discord.awaitCalls(callbackOf(interaction), 1, WAIT).get(0);
    assertThat(ack.body().path("type").asInt()).as("deferred").isEqualTo(5);
    assertThat(ack.ephemeral()).isTrue();
    String reply = ephemeral(interaction).text();

    MockSession s = mock.upcoming().get(0);
    Instant start = day.atTime(18, 0).atZone(ZoneId.of("Europe/Berlin")).toInstant();
    assertThat(reply).contains("Scheduled mock interview #" + s.id());
    assertThat(s.startsAt()).isEqualTo(start);
    assertThat(s.zone()).isEqualTo(ZoneId.of("Europe/Berlin"));
    assertThat(s.minutes()).isEqualTo(90);
    assertThat(s.capacity()).hasValue(6);
    assertThat(s.minAttendees()).isEqualTo(3);
    assertThat(s.deadline()).isEqualTo(start.minusSeconds(4 * 3600));
    assertThat(s.weekly()).isTrue();
    assertThat(s.prompts()).containsExactly("fraud-checkout");

    Call post = announcement(s.id());
    NoPings.assertCannotPing(post.body());
    assertThat(post.customIds())
        .containsExactly("mock-going:" + s.id(), "mock-not-going:" + s.id());
    long unix = start.getEpochSecond();
    assertThat(post.text())
        .contains("Mock interview #" + s.id())
        .contains("Starts: <t:" + unix + ":F> (<t:" + unix + ":R>)")
        .contains("90 minutes")
        .contains("0 of 6 taken")
        .contains("Going (0): nobody yet")
        .contains("Repeats weekly");
    assertThat(mock.session(s.id()).orElseThrow().messageRef()).hasValue(post.id());
  }

  @Test
  void threeMembersGoAndTheAnnouncementIsEditedInPlaceWithoutPingingAnyone() {
    start();
    String id = schedule(options("at", at("18:00"), "capacity", 2));
    Call post = announcement(id);

    String ana = press(ANA, "@everyone", post, "mock-going:" + id);
    String ben = press(BEN, "Ben <@" + ANA + ">", post, "mock-going:" + id);
    String cai = press(CAI, "Cai", post, "mock-going:" + id);

    assertThat(ana).contains("You're going");
    assertThat(cai).contains("number 1 on the waitlist");
    List<Call> edits = discord.awaitCalls(c -> edits(post.id()).contains(c), 3, WAIT);
    assertThat(edits).hasSize(3).allSatisfy(e -> NoPings.assertCannotPing(e.body()));
    Call last = edits.get(2);
    assertThat(last.text())
        .contains("2 of 2 taken")
        .contains("Going (2): @everyone, Ben <@" + ANA + ">")
        .contains("Waitlist, in order (1): Cai");
    assertThat(last.customIds()).containsExactly("mock-going:" + id, "mock-not-going:" + id);
    assertThat(discord.calls(postTo(POSTS))).as("no second announcement").hasSize(1);
    assertThat(ben).doesNotContain("waitlist");

    String drop = press(ANA, "@everyone", post, "mock-not-going:" + id);
    assertThat(drop).isNotBlank();
    discord.awaitCalls(c -> edits(post.id()).contains(c), 4, WAIT);
    assertThat(edits(post.id()).get(3).text()).contains("Going (2): Ben <@" + ANA + ">, Cai");
    assertThat(dms(CAI))
        .singleElement()
        .satisfies(dm -> assertThat(dm.text()).contains("A place opened up"));
  }

  @Test
  void afterTheDeadlineGoingIsRefusedEphemerallyAndChangesNothing() {
    start();
    String id = schedule(options("at", at("18:00"), "deadline", 2));
    Call post = announcement(id);
    press(ANA, "Ana", post, "mock-going:" + id);
    discord.awaitCalls(c -> edits(post.id()).contains(c), 1, WAIT);
    clock.set(utc("16:30"));

    String late = press(BEN, "Ben", post, "mock-going:" + id);

    assertThat(late).contains("deadline").contains("has passed");
    assertThat(mock.rsvps(id))
        .extracting(Rsvp::user)
        .extracting(Object::toString)
        .containsExactly("discord:" + ANA);
    assertThat(edits(post.id())).hasSize(1);
  }

  @Test
  void aMemberCannotScheduleAndNothingIsStoredPostedOrAddedToTheServerEvents() {
    start();
    String reply = command(ANA, false, "schedule", options("at", at("18:00")));

    assertThat(reply).startsWith("Only organisers can schedule mock sessions");
    assertThat(mock.upcoming()).isEmpty();
    assertThat(triggers.all()).isEmpty();
    assertThat(discord.calls(postTo(POSTS))).isEmpty();
    assertThat(discord.calls(c -> c.path().startsWith(EVENTS))).isEmpty();
    assertThat(command(ANA, false, "list", Map.of())).contains("No mock sessions");
  }

  @Test
  void aBotThatCannotEmbedLinksIsRefusedWithThePermissionNamed() {
    start();
    guild.denyInChannel(FakeDiscordGuild.EMBED_LINKS);

    String reply = command(ORGANISER, true, "schedule", options("at", at("18:00")));

    assertThat(reply).contains("I can't post the announcement").contains("Embed Links");
    assertThat(mock.upcoming()).isEmpty();
    assertThat(discord.calls(postTo(POSTS))).isEmpty();
  }

  @Test
  void listCancelRemindersAndAvoidAreTranslatedIntoTheCoresWords() {
    start();
    String id = schedule(options("at", at("18:00")));

    assertThat(command(ANA, false, "list", Map.of())).contains("#" + id).contains("0 going");
    assertThat(command(ANA, false, "reminders", options("turn", "off", "which", "24h")))
        .contains("the day before off, an hour before on");
    assertThat(command(ANA, false, "avoid", options("user", member(BEN))))
        .contains("Nobody else is told");
    assertThat(command(ANA, false, "avoid", Map.of())).contains("keep you apart from");
    assertThat(command(ANA, false, "unavoid", options("user", member(BEN))))
        .contains("paired with them again");
    assertThat(command(ANA, false, "cancel", options("id", id))).contains("Only organisers");
    assertThat(command(ORGANISER, true, "cancel", options("id", "#" + id.toLowerCase())))
        .contains("Cancelled #" + id);
    assertThat(mock.session(id).orElseThrow().state()).isEqualTo(MockSession.State.CANCELLED);
  }

  @Test
  void remindersWorkInDmsWhileSchedulingAsksForAServerChannel() {
    start();
    Call reminders = answer(interactions.commandInDm(ANA, "reminders", options("turn", "off")));
    Call schedule = answer(interactions.commandInDm(ANA, "schedule", options("at", at("18:00"))));

    assertThat(reminders.text()).contains("the day before off, an hour before off");
    assertThat(schedule.text()).contains("Mock sessions live in server channels");
    assertThat(mock.upcoming()).isEmpty();
  }
}
