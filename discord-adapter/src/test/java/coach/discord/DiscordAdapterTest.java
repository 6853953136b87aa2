package coach.discord;

import static coach.discord.FakeDiscord.inDm;
import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.discord.FakeDiscord.Call;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JDA client against a loopback fake of Discord: events go in over the gateway WebSocket,
 * and the tests assert on the REST requests the fake received and on what the database holds.
 */
class DiscordAdapterTest {

  static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path folder;
  final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  FakeDiscord discord;
  Database database;
  Coach coach;
  DiscordAdapter adapter;

  @BeforeEach
  void start() {
    discord = new FakeDiscord();
    database = TestDatabases.sqlite(folder);
    coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
  }

  void startAdapter() {
    adapter = DiscordAdapter.start(coach, CURRICULUM, settings(FakeDiscord.TOKEN), tuning());
    discord.awaitConnected(WAIT);
  }

  DiscordAdapter.Settings settings(String token) {
    return new DiscordAdapter.Settings(
        token, Optional.of(discord.apiUrl()), Optional.of(discord.gatewayUrl()), Optional.empty());
  }

  static DiscordAdapter.Tuning tuning() {
    return new DiscordAdapter.Tuning(4, Duration.ofMillis(20), Duration.ofSeconds(10));
  }

  @AfterEach
  void stop() {
    if (adapter != null) {
      adapter.close();
    }
    discord.close();
    database.close();
  }

  /** Sends a DM and returns the bot's next message in that DM. */
  Call say(String user, String text) {
    int before = discord.calls(inDm(user)).size();
    discord.dm(user, text);
    return discord.awaitCalls(inDm(user), before + 1, WAIT).get(before);
  }

  @Test
  void startUpChecksTheTokenIdentifiesWithDirectMessagesAndRegistersCoach() {
    startAdapter();
    assertThat(adapter.botUserId()).isEqualTo(FakeDiscord.BOT_ID);
    JsonNode identify = discord.identify().path("d");
    int intents = identify.path("intents").asInt();
    assertThat(intents & (1 << 12)).as("DIRECT_MESSAGES").isNotZero();
    assertThat(intents & (1 << 15)).as("no MESSAGE_CONTENT (privileged)").isZero();
    assertThat(intents & (1 << 1)).as("no GUILD_MEMBERS (privileged)").isZero();
    assertThat(intents & (1 << 8)).as("no GUILD_PRESENCES (privileged)").isZero();

    Call register =
        discord.awaitCalls(c -> c.path().equals("applications/900/commands"), 1, WAIT).get(0);
    assertThat(register.method()).isEqualTo("PUT");
    JsonNode coach = register.body().get(0);
    assertThat(coach.path("name").asText()).isEqualTo("coach");
    List<String> subs = coach.path("options").findValuesAsText("name");
    assertThat(subs)
        .contains(
            "help",
            "prompts",
            "practice",
            "next",
            "skip",
            "hint",
            "back",
            "pause",
            "resume",
            "stop",
            "progress",
            "export",
            "forget",
            "timezone",
            "prompt",
            "zone");
    assertThat(discord.calls())
        .allSatisfy(c -> assertThat(c.authorization()).isEqualTo("Bot " + FakeDiscord.TOKEN));
  }

  @Test
  void aBadTokenStopsStartUpWithOneSentence() {
    assertThatThrownBy(
            () ->
                DiscordAdapter.start(coach, CURRICULUM, settings(FakeDiscord.BAD_TOKEN), tuning()))
        .isInstanceOf(DiscordStartException.class)
        .hasMessage(
            "Discord refused DISCORD_BOT_TOKEN (401 Unauthorized); copy the current token from"
                + " the Bot page of your application in the Developer Portal.")
        .hasMessageNotContaining(FakeDiscord.BAD_TOKEN);
    assertThat(discord.identifies()).isZero();
  }

  @Test
  void aWholePracticeSessionByDirectMessage() {
    startAdapter();
    Call intro = say("111", "practice fraud-checkout");
    String title = CURRICULUM.prompt("fraud-checkout").orElseThrow().title();
    assertThat(intro.text()).contains(title).contains("Section 1 of 10");
    JsonNode embeds = intro.body().path("embeds");
    assertThat(embeds.get(0).path("title").asText()).isEqualTo(title);
    assertThat(intro.customIds())
        .contains("practice:next", "practice:skip", "practice:hint", "practice:stop");
    assertThat(intro.body().path("allowed_mentions").path("parse")).isEmpty();

    Call followUp = say("111", "the score drives decision.action and decision.user");
    assertThat(followUp.text()).contains("Follow-up:");

    for (int section = 2; section <= 10; section++) {
      Call next = say("111", "next");
      assertThat(next.text()).contains("Section " + section + " of 10");
      say("111", "my answer for section " + section);
    }
    Call scorecard = say("111", "next");
    assertThat(scorecard.text()).contains("Scorecard: " + title);
    assertThat(scorecard.body().path("embeds").get(0).path("fields").size()).isGreaterThan(1);

    Map<String, Object> row =
        database.withHandle(
            h -> h.createQuery("SELECT user_id, state FROM practice_sessions").mapToMap().one());
    assertThat(row).containsEntry("user_id", "discord:111").containsEntry("state", "completed");
    Integer answers =
        database.withHandle(
            h -> h.createQuery("SELECT count(*) FROM answers").mapTo(Integer.class).one());
    assertThat(answers).isEqualTo(10);
  }

  static Predicate<Call> callbackOf(String interactionId) {
    return postTo("interactions/" + interactionId + "/token-" + interactionId + "/callback");
  }

  static Predicate<Call> followUpOf(String interactionId) {
    return c ->
        c.path().startsWith("webhooks/" + FakeDiscord.BOT_ID + "/token-" + interactionId)
            && !c.method().equals("GET");
  }

  @Test
  void aSlashCommandInTheDmIsDeferredAtOnceThenAnswered() {
    startAdapter();
    String id = discord.slash("222", false, "help", null, null);
    Call ack = discord.awaitCalls(callbackOf(id), 1, WAIT).get(0);
    assertThat(ack.body().path("type").asInt()).as("deferred channel message").isEqualTo(5);
    assertThat(ack.ephemeral()).isFalse();
    Call answer = discord.awaitCalls(followUpOf(id), 1, WAIT).get(0);
    assertThat(answer.text()).contains("Coach: practice for ML system design");
    assertThat(answer.ephemeral()).isFalse();
    assertThat(answer.body().path("allowed_mentions").path("parse")).isEmpty();
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
    assertThat(
            discord
                .awaitCalls(callbackOf(zone), 1, WAIT)
                .get(0)
                .body()
                .path("data")
                .path("choices")
                .findValuesAsText("value"))
        .containsExactly("Europe/Berlin");
    assertThat(discord.calls(inDm("444"))).isEmpty();
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
  void buttonsActLikeTheirWordsAndADoubleClickActsOnce() {
    startAdapter();
    Call intro = say("555", "practice fraud-checkout");
    assertThat(intro.customIds()).contains("practice:hint");
    int before = discord.calls(inDm("555")).size();
    String click = discord.click(discord.nextId(), "555", false, "4242", "practice:hint");
    String again = discord.click(discord.nextId(), "555", false, "4242", "practice:hint");
    Call ack = discord.awaitCalls(callbackOf(click), 1, WAIT).get(0);
    assertThat(ack.body().path("type").asInt()).as("deferred update").isEqualTo(6);
    discord.awaitCalls(callbackOf(again), 1, WAIT);
    Call hint = discord.awaitCalls(inDm("555"), before + 1, WAIT).get(before);
    assertThat(hint.text()).contains("Hint: ");
    say("555", "next"); // answered after the double click had its chance
    assertThat(discord.calls(inDm("555"))).hasSize(before + 2);
  }

  @Test
  void aRedeliveredInteractionIsHandledOnce() {
    startAdapter();
    say("666", "practice fraud-checkout");
    String id = discord.nextId();
    discord.slash(id, "666", false, "skip", null, null, false);
    discord.slash(id, "666", false, "skip", null, null, false);
    discord.awaitCalls(followUpOf(id), 1, WAIT);
    say("666", "hint");
    assertThat(discord.calls(callbackOf(id))).hasSize(1);
    assertThat(discord.calls(followUpOf(id))).hasSize(1);
    String section =
        database.withHandle(
            h ->
                h.createQuery("SELECT current_section FROM practice_sessions")
                    .mapTo(String.class)
                    .one());
    assertThat(section).isEqualTo(CURRICULUM.sections().get(1).id());
  }

  @Test
  void echoedMentionsNeverPing() {
    startAdapter();
    Call reply = say("777", "/timezone @everyone <@123>");
    assertThat(reply.body().path("content").asText()).contains("@everyone").contains("<@123>");
    JsonNode allowed = reply.body().path("allowed_mentions");
    assertThat(allowed.isObject()).isTrue();
    assertThat(allowed.path("parse").isArray()).isTrue();
    assertThat(allowed.path("parse")).isEmpty();
    assertThat(allowed.path("replied_user").asBoolean(true)).isFalse();
  }

  @Test
  void a429IsWaitedOutAndTheMessageStillDelivered() {
    startAdapter();
    discord.failNext(
        "channels/" + FakeDiscord.dmChannel("888") + "/messages",
        429,
        Map.of("Retry-After", "1", "X-RateLimit-Scope", "user", "X-RateLimit-Bucket", "dm-bucket"),
        "{\"message\":\"You are being rate limited.\",\"retry_after\":1.0,\"global\":false}");
    discord.dm("888", "help");
    List<Call> tries = discord.awaitCalls(inDm("888"), 2, WAIT);
    assertThat(tries.get(1).atNanos() - tries.get(0).atNanos())
        .as("waited retry_after")
        .isGreaterThanOrEqualTo(Duration.ofMillis(900).toNanos());
    assertThat(tries.get(1).text()).contains("Coach: practice for ML system design");
    assertThat(discord.calls(inDm("888"))).hasSize(2);
  }

  @Test
  void serverErrorsAreRetriedAndAfterThreeTriesTheReplyIsGivenUpLoudly() {
    startAdapter();
    String path = "channels/" + FakeDiscord.dmChannel("889") + "/messages";
    String error = "{\"message\":\"500: Internal Server Error\",\"code\":0}";
    discord.failNext(path, 500, Map.of(), error);
    discord.failNext(path, 500, Map.of(), error);
    discord.dm("889", "help");
    assertThat(discord.awaitCalls(inDm("889"), 3, WAIT)).hasSize(3);

    for (int i = 0; i < 3; i++) {
      discord.failNext(path, 500, Map.of(), error);
    }
    discord.dm("889", "prompts");
    discord.awaitCalls(inDm("889"), 6, WAIT);
    say("889", "help"); // the lane goes on after giving up
    assertThat(discord.calls(inDm("889"))).hasSize(7);
  }

  @Test
  void afterTheGatewayDropsTheConnectionItResumesAndTheNextDmIsAnswered() {
    startAdapter();
    say("999", "help");
    discord.dropConnection(4000);
    FakeDiscord.await(() -> discord.resumes() > 0, WAIT, "a RESUME");
    discord.awaitConnected(WAIT);
    assertThat(say("999", "prompts").text()).contains("Practice prompts");
    assertThat(discord.identifies()).isEqualTo(1);
  }

  @Test
  void messagesFromBotsAreIgnoredAndFilesGetAFriendlyNote() {
    startAdapter();
    discord.dm("121", "help", discord.nextId(), true);
    discord.dm(FakeDiscord.BOT_ID, "help", discord.nextId(), true);
    discord.dmWithFile("121", "");
    Call note = discord.awaitCalls(inDm("121"), 1, WAIT).get(0);
    assertThat(note.body().path("content").asText()).isEqualTo(DiscordAdapter.FILE_NOTE);
    assertThat(say("121", "prompts").text()).contains("Practice prompts");
    assertThat(discord.calls(inDm("121"))).hasSize(2);
    assertThat(discord.calls(inDm(FakeDiscord.BOT_ID))).isEmpty();
  }

  @Test
  void anEditedAnswerIsKeptBesideTheFirstWordingAndCreditsWhatItAdds() {
    startAdapter();
    say("131", "practice fraud-checkout");
    String id = discord.nextId();
    discord.dm("131", "decision.action", id, false);
    discord.awaitCalls(inDm("131"), 2, WAIT);

    discord.editDm("131", id, "decision.action and decision.user");
    Call edited = discord.awaitCalls(inDm("131"), 3, WAIT).get(2);
    assertThat(edited.text()).contains("kept your edit").contains("It adds: ");
    assertThat(edited.body().path("allowed_mentions").path("parse")).isEmpty();

    say("131", "hint"); // the session goes on
    assertThat(discord.calls(inDm("131"))).hasSize(4);
    assertThat(
            TestDatabases.strings(database, "SELECT kind FROM answers ORDER BY received_at, kind"))
        .containsExactly("answer", "edit");
  }

  @Test
  void progressAttachesTheChartAndExportTheJson() {
    startAdapter();
    say("141", "practice fraud-checkout");
    say("141", "decision.action");
    say("141", "stop");
    Call progress = say("141", "progress");
    assertThat(progress.files()).singleElement().asString().endsWith(".png");
    assertThat(progress.text()).contains("Your progress");
    Call export = say("141", "export");
    assertThat(export.files()).containsExactly("coach-export-discord-141.json");
  }

  @Test
  void withAGuildIdTheCommandIsRegisteredOnThatServerOnly() {
    discord.withGuild();
    adapter =
        DiscordAdapter.start(
            coach,
            CURRICULUM,
            new DiscordAdapter.Settings(
                FakeDiscord.TOKEN,
                Optional.of(discord.apiUrl()),
                Optional.of(discord.gatewayUrl()),
                Optional.of(FakeDiscord.GUILD_ID)),
            tuning());
    Call register =
        discord
            .awaitCalls(
                c ->
                    c.path()
                        .equals("applications/900/guilds/" + FakeDiscord.GUILD_ID + "/commands"),
                1,
                WAIT)
            .get(0);
    assertThat(register.method()).isEqualTo("PUT");
    assertThat(register.body().get(0).path("name").asText()).isEqualTo("coach");
    assertThat(discord.calls(c -> c.path().equals("applications/900/commands"))).isEmpty();
  }

  @Test
  void aGuildIdTheBotIsNotInStopsStartUpWithOneSentence() {
    assertThatThrownBy(
            () ->
                DiscordAdapter.start(
                    coach,
                    CURRICULUM,
                    new DiscordAdapter.Settings(
                        FakeDiscord.TOKEN,
                        Optional.of(discord.apiUrl()),
                        Optional.of(discord.gatewayUrl()),
                        Optional.of("123")),
                    tuning()))
        .isInstanceOf(DiscordStartException.class)
        .hasMessageStartingWith("The bot is not a member of the server DISCORD_GUILD_ID=123;");
  }

  @Test
  void aSlowCoachStillAcknowledgesAtOnceAndAnswersLater() throws Exception {
    startAdapter();
    java.util.concurrent.CountDownLatch held = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
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
    long sent = System.nanoTime();
    String id = discord.slash("151", false, "prompts", null, null);
    Call ack = discord.awaitCalls(callbackOf(id), 1, WAIT).get(0);
    assertThat(ack.atNanos() - sent).isLessThan(Duration.ofSeconds(1).toNanos());
    Thread.sleep(300);
    assertThat(discord.calls(followUpOf(id))).as("not answered while the coach is busy").isEmpty();
    release.countDown();
    writer.join();
    assertThat(discord.awaitCalls(followUpOf(id), 1, WAIT).get(0).text())
        .contains("Practice prompts");
  }
}
