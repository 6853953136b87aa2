package coach.discord;

import static coach.discord.FakeDiscord.accepted;
import static coach.discord.FakeDiscord.inDm;
import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import coach.discord.FakeDiscord.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * The {@code /coach} slash command, its autocomplete and the buttons, through the real JDA client
 * against the loopback Discord, which accepts an interaction's first answer only within 3 seconds
 * and only once, and follow-ups only after it.
 */
class DiscordInteractionsTest extends DiscordAdapterHarness {

  @Test
  void aSlashCommandInTheDmIsDeferredAtOnceThenAnswered() {
    startAdapter();
    String id = discord.slash("222", false, "help", null, null);
    Call ack = discord.awaitCalls(callbackOf(id), 1, WAIT).get(0);
    assertThat(ack.accepted()).as("acknowledged within 3 seconds").isTrue();
    assertThat(ack.body().path("type").asInt()).as("deferred channel message").isEqualTo(5);
    assertThat(ack.ephemeral()).isFalse();
    Call answer = discord.awaitCalls(followUpOf(id), 1, WAIT).get(0);
    assertThat(answer.accepted()).isTrue();
    assertThat(answer.text()).contains("Coach: practice for ML system design");
    assertThat(answer.ephemeral()).isFalse();
    NoPings.assertCannotPing(answer.body());
  }

  @Test
  void inAServerChannelAnswersAreEphemeralAndPracticeContinuesInTheDm() {
    startAdapter();
    String progress = discord.slash("333", true, "progress", null, null);
    assertThat(discord.awaitCalls(callbackOf(progress), 1, WAIT).get(0).ephemeral()).isTrue();
    Call mine = discord.awaitCalls(followUpOf(progress), 1, WAIT).get(0);
    assertThat(mine.ephemeral()).isTrue();

    String practice = discord.slash("333", true, "practice", "prompt", "fraud-checkout");
    Call inDm = discord.awaitCalls(inDm("333"), 1, WAIT).get(0);
    assertThat(inDm.text()).contains("Section 1 of 10");
    assertThat(inDm.customIds()).contains("practice:next");
    Call pointer = discord.awaitCalls(followUpOf(practice), 1, WAIT).get(0);
    assertThat(pointer.ephemeral()).isTrue();
    assertThat(pointer.text()).isEqualTo(DiscordAdapter.IN_DMS);
    assertThat(discord.calls(postTo("users/@me/channels")))
        .singleElement()
        .satisfies(c -> assertThat(c.body().path("recipient_id").asText()).isEqualTo("333"));

    // The session goes on by plain DM.
    assertThat(say("333", "hint").text()).contains("Hint: ");
  }

  @Test
  void whenTheUsersDmsAreClosedThePracticeAnswerComesEphemerallyWithANote() {
    startAdapter();
    discord.failNext(
        "channels/" + FakeDiscord.dmChannel("334") + "/messages",
        403,
        Map.of(),
        "{\"message\":\"Cannot send messages to this user\",\"code\":50007}");
    String practice = discord.slash("334", true, "practice", "prompt", "fraud-checkout");

    Call answer = discord.awaitCalls(followUpOf(practice), 1, WAIT).get(0);
    assertThat(answer.ephemeral()).isTrue();
    assertThat(answer.text()).contains("Section 1 of 10").contains(DiscordAdapter.DMS_CLOSED);
    assertThat(discord.calls(inDm("334"))).as("a refusal is not retried").hasSize(1);
  }

  @Test
  void autocompleteListsTheCurriculumsPromptsAndZones() {
    startAdapter();
    String all = discord.slash(discord.nextId(), "444", false, "practice", "prompt", "", true);
    Call listed = discord.awaitCalls(callbackOf(all), 1, WAIT).get(0);
    assertThat(listed.body().path("type").asInt()).as("autocomplete result").isEqualTo(8);
    List<String> values = listed.body().path("data").path("choices").findValuesAsText("value");
    assertThat(values)
        .containsExactlyInAnyOrderElementsOf(
            CURRICULUM.prompts().stream().map(p -> p.id()).toList());

    String fraud =
        discord.slash(discord.nextId(), "444", false, "practice", "prompt", "fraud", true);
    JsonNode choices =
        discord.awaitCalls(callbackOf(fraud), 1, WAIT).get(0).body().path("data").path("choices");
    assertThat(choices.get(0).path("value").asText()).isEqualTo("fraud-checkout");
    assertThat(choices.get(0).path("name").asText())
        .contains(CURRICULUM.prompt("fraud-checkout").orElseThrow().title());

    String zone = discord.slash(discord.nextId(), "444", false, "timezone", "zone", "berl", true);
    JsonNode zones =
        discord.awaitCalls(callbackOf(zone), 1, WAIT).get(0).body().path("data").path("choices");
    assertThat(zones.findValuesAsText("value")).containsExactly("Europe/Berlin");
    assertThat(quiesce("444")).as("autocomplete writes no message").isEmpty();
  }

  @Test
  void theTimezoneSubcommandPassesItsOption() {
    startAdapter();
    String id = discord.slash("445", false, "timezone", "zone", "Europe/Berlin");
    assertThat(discord.awaitCalls(followUpOf(id), 1, WAIT).get(0).text())
        .contains("Time zone set to Europe/Berlin");
    String zone =
        database.withHandle(
            h -> h.createQuery("SELECT time_zone FROM users").mapTo(String.class).one());
    assertThat(zone).isEqualTo("Europe/Berlin");
  }

  @Test
  void aButtonDoesWhatItsWordDoesAndADoubleClickActsOnce() {
    startAdapter();
    say("556", "practice fraud-checkout");
    String typed = say("556", "hint").text();

    Call intro = say("555", "practice fraud-checkout");
    assertThat(intro.customIds()).contains("practice:hint");
    String click = discord.click(discord.nextId(), "555", false, intro.id(), "practice:hint");
    String again = discord.click(discord.nextId(), "555", false, intro.id(), "practice:hint");
    List<Call> seen = quiesce("555");

    for (String interaction : List.of(click, again)) {
      // Each click is acknowledged (else Discord shows "This interaction failed") ...
      assertThat(discord.calls(callbackOf(interaction)))
          .singleElement()
          .matches(Call::accepted)
          .satisfies(ack -> assertThat(ack.body().path("type").asInt()).isEqualTo(6));
      assertThat(discord.calls(followUpOf(interaction))).isEmpty();
    }
    // ... and only one of them acts: one hint, the same as typing `hint`.
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).text()).contains("Hint: ").isEqualTo(typed);
  }

  @Test
  void aRedeliveredInteractionIsHandledOnce() {
    startAdapter();
    say("666", "practice fraud-checkout");
    String id = discord.nextId();
    discord.slash(id, "666", false, "skip", null, null, false);
    discord.slash(id, "666", false, "skip", null, null, false); // the gateway sends it again
    quiesce("666");
    assertThat(discord.calls(callbackOf(id))).as("acknowledged once").singleElement();
    assertThat(discord.calls(accepted(followUpOf(id))))
        .as("answered once")
        .singleElement()
        .satisfies(c -> assertThat(c.text()).contains("Section 2 of 10"));
    String section =
        database.withHandle(
            h ->
                h.createQuery("SELECT current_section FROM practice_sessions")
                    .mapTo(String.class)
                    .one());
    assertThat(section).isEqualTo(CURRICULUM.sections().get(1).id());
  }

  @Test
  void aRedeliveredButtonClickIsAcknowledgedOnce() {
    startAdapter();
    Call intro = say("667", "practice fraud-checkout");
    String id = discord.nextId();
    discord.click(id, "667", false, intro.id(), "practice:next");
    discord.click(id, "667", false, intro.id(), "practice:next"); // the gateway sends it again
    List<Call> seen = quiesce("667");
    assertThat(discord.calls(callbackOf(id))).as("acknowledged once").singleElement();
    assertThat(seen).hasSize(2);
    assertThat(seen.get(1).text()).contains("Section 2 of 10");
  }

  @Test
  void aSlowCoachStillAcknowledgesAtOnceAndAnswersLater() throws Exception {
    startAdapter();
    CountDownLatch held = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    // Another writer holds the database: the coach waits for it, the ack must not.
    Thread writer =
        new Thread(
            () -> {
              try {
                database.inTransaction(
                    h -> {
                      held.countDown();
                      release.await();
                      return null;
                    });
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    writer.start();
    held.await();
    try {
      String id = discord.slash("151", false, "prompts", null, null);
      // Acknowledged, and within Discord's 3 seconds, while the database is still held.
      assertThat(discord.awaitCalls(callbackOf(id), 1, WAIT).get(0).accepted()).isTrue();
      assertThat(discord.calls(followUpOf(id))).as("the coach is still waiting").isEmpty();
      release.countDown();
      assertThat(discord.awaitCalls(followUpOf(id), 1, WAIT).get(0).text())
          .contains("Practice prompts");
    } finally {
      release.countDown();
      writer.join();
    }
  }
}
