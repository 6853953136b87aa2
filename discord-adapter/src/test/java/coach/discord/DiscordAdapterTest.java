package coach.discord;

import static coach.discord.FakeDiscord.accepted;
import static coach.discord.FakeDiscord.inDm;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.testing.TestDatabases;
import coach.discord.FakeDiscord.Call;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.DiscordPoster;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The adapter's start-up, direct messages, retries and gateway sessions, through the real JDA
 * client against the loopback Discord (interactions: {@link DiscordInteractionsTest}).
 */
class DiscordAdapterTest extends DiscordAdapterHarness {

  @Test
  void startUpChecksTheTokenIdentifiesWithDirectMessagesAndRegistersCoach() {
    startAdapter();
    assertThat(adapter.botUserId()).isEqualTo(FakeDiscord.BOT_ID);
    JsonNode identify = discord.gateway().identify().path("d");
    assertThat(identify.path("token").asText()).isEqualTo(FakeDiscord.TOKEN);
    int intents = identify.path("intents").asInt();
    assertThat(intents & (1 << 12)).as("DIRECT_MESSAGES").isNotZero();
    assertThat(intents & (1 << 15)).as("no MESSAGE_CONTENT (privileged)").isZero();
    assertThat(intents & (1 << 1)).as("no GUILD_MEMBERS (privileged)").isZero();
    assertThat(intents & (1 << 8)).as("no GUILD_PRESENCES (privileged)").isZero();

    Call register =
        discord.awaitCalls(c -> c.path().equals("applications/900/commands"), 1, WAIT).get(0);
    assertThat(register.method()).isEqualTo("PUT");
    assertThat(register.accepted()).isTrue();
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
    assertThat(discord.calls(c -> c.path().equals("users/@me"))).allMatch(Call::accepted);
  }

  @Test
  void aBadTokenStopsStartUpWithOneSentence() {
    refusalsExpected = true;
    assertThatThrownBy(
            () ->
                DiscordAdapter.start(coach, CURRICULUM, settings(FakeDiscord.BAD_TOKEN), tuning()))
        .isInstanceOf(DiscordStartException.class)
        .hasMessage(
            "Discord refused DISCORD_BOT_TOKEN (401 Unauthorized); copy the current token from"
                + " the Bot page of your application in the Developer Portal.")
        .hasMessageNotContaining(FakeDiscord.BAD_TOKEN);
    assertThat(discord.refusals())
        .singleElement()
        .satisfies(c -> assertThat(c.path()).isEqualTo("users/@me"))
        .satisfies(c -> assertThat(c.status()).isEqualTo(401));
    assertThat(discord.gateway().identifies()).isZero();
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
    assertThat(discord.calls(inDm("111")))
        .hasSize(21)
        .allMatch(Call::accepted)
        .allSatisfy(c -> NoPings.assertCannotPing(c.body()));

    Map<String, Object> row =
        database.withHandle(
            h -> h.createQuery("SELECT user_id, state FROM practice_sessions").mapToMap().one());
    assertThat(row).containsEntry("user_id", "discord:111").containsEntry("state", "completed");
    Integer answers =
        database.withHandle(
            h -> h.createQuery("SELECT count(*) FROM answers").mapTo(Integer.class).one());
    assertThat(answers).isEqualTo(10);
  }

  @Test
  void aRedeliveredDirectMessageIsAnsweredOnce() {
    startAdapter();
    String id = discord.nextId();
    discord.dm("112", "practice fraud-checkout", id, false);
    discord.dm("112", "practice fraud-checkout", id, false); // the gateway sends it again
    assertThat(quiesce("112"))
        .singleElement()
        .satisfies(intro -> assertThat(intro.text()).contains("Section 1 of 10"));
    assertThat(TestDatabases.strings(database, "SELECT state FROM practice_sessions"))
        .containsExactly("active");
  }

  @Test
  void aDirectMessageACrashLeftUnhandledIsAnsweredWhenCoachStartsAgain() {
    // a previous run journaled the DM as it arrived and died before handling it
    coach
        .journal()
        .record(
            new Inbound.Message(
                new Sender(UserId.discord("113"), "Bo", Optional.empty()),
                "msg:4242",
                "practice fraud-checkout"));
    // as `coach run` does: the journal first, so the adapter queues the replay before it connects
    coach.journal().start(true);
    startAdapter();
    // the user writes again the moment the bot is back: answered after the replayed message
    discord.dm("113", "We decide whether to hold the order for review.");

    List<Call> replies = discord.awaitCalls(accepted(inDm("113")), 2, WAIT);
    assertThat(replies.get(0).text()).contains("Section 1 of 10");
    assertThat(replies.get(1).text()).doesNotContain("Section 1 of 10");
    // the gateway never sends it again, but if it did, it would change nothing
    discord.dm("113", "practice fraud-checkout", "4242", false);
    assertThat(quiesce("113")).hasSize(2);
  }

  @Test
  void messagesSentWhileCoachWasAwayAreAnsweredInOrderWhenItStartsAgainAndOnlyOnce() {
    startAdapter();
    say("115", "practice fraud-checkout");
    adapter.close();
    // Discord keeps these in the DM, but the gateway never delivers them
    discord.dmWhileAway("115", "We decide whether to hold the order for manual review.");
    discord.dmWhileAway("115", "next");
    discord.dmWhileAway("116", "practice fraud-checkout"); // never wrote before: not looked for

    startAdapter();
    List<Call> replies = discord.awaitCalls(accepted(inDm("115")), 3, WAIT);
    assertThat(replies.get(0).text()).contains("Section 1 of 10");
    assertThat(replies.get(1).text()).doesNotContain("Section 2 of 10");
    assertThat(replies.get(2).text()).contains("Section 2 of 10");
    assertThat(TestDatabases.strings(database, "SELECT text FROM answers"))
        .containsExactly("We decide whether to hold the order for manual review.");

    // a second restart finds nothing new: each message was handled once
    adapter.close();
    startAdapter();
    assertThat(quiesce("115")).hasSize(3);
    assertThat(discord.calls(inDm("116"))).isEmpty();
  }

  @Test
  void aDmThatCannotBeReadIsSkippedAndTheUserIsStillAnswered() {
    startAdapter();
    say("117", "practice fraud-checkout");
    adapter.close();
    discord.dmWhileAway("117", "We decide whether to hold the order for manual review.");
    discord.failNext(
        "channels/" + FakeDiscord.dmChannel("117") + "/messages",
        403,
        Map.of(),
        "{\"message\":\"Missing Access\",\"code\":50001}");

    startAdapter();
    assertThat(say("117", "next").text()).contains("Section 2 of 10");
    assertThat(TestDatabases.strings(database, "SELECT text FROM answers")).isEmpty();
    assertThat(discord.calls(c -> c.method().equals("GET") && c.path().endsWith("/messages")))
        .singleElement()
        .satisfies(read -> assertThat(read.status()).isEqualTo(403));
  }

  @Test
  void aDirectMessageIsJournaledAsItArrives() {
    startAdapter();
    say("114", "practice fraud-checkout");
    // written without holding up JDA's event thread, so possibly just after the reply
    FakeDiscord.await(
        () ->
            TestDatabases.strings(
                    database, "SELECT text FROM inbound_journal WHERE user_id = 'discord:114'")
                .equals(List.of("practice fraud-checkout")),
        WAIT,
        "the DM in the journal");
  }

  @Test
  void echoedMentionsNeverPing() {
    startAdapter();
    Call reply = say("777", "/timezone @everyone <@123>");
    assertThat(reply.body().path("content").asText()).contains("@everyone").contains("<@123>");
    NoPings.assertCannotPing(reply.body());
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
    assertThat(quiesce("888"))
        .singleElement()
        .satisfies(c -> assertThat(c.text()).contains("Coach: practice for ML system design"));
  }

  @Test
  void serverErrorsAreRetriedAndAfterThreeTriesTheReplyWaitsInTheOutboxThenGoesInOrder() {
    try (LogCapture log = new LogCapture(DiscordPoster.class)) {
      startAdapter();
      String path = "channels/" + FakeDiscord.dmChannel("889") + "/messages";
      String error = "{\"message\":\"500: Internal Server Error\",\"code\":0}";
      discord.failNext(path, 500, Map.of(), error);
      discord.failNext(path, 500, Map.of(), error);
      discord.dm("889", "help");
      assertThat(quiesce("889"))
          .as("delivered at the third try")
          .singleElement()
          .satisfies(c -> assertThat(c.text()).contains("Coach: practice for ML system design"));
      assertThat(discord.calls(inDm("889"))).hasSize(4); // 3 tries, then the sentinel's reply
      assertThat(log.warnings()).as("a retry that succeeds is no warning").isEmpty();

      for (int i = 0; i < 3; i++) {
        discord.failNext(path, 500, Map.of(), error);
      }
      discord.dm("889", "prompts");
      discord.awaitCalls(inDm("889"), 7, WAIT);
      discord.dm("889", "/timezone sentinel-late");
      FakeDiscord.await(
          () -> coach.outbox().depth().pending() == 2,
          WAIT,
          "the prompts reply owed, and the next reply waiting behind it");
      assertThat(discord.calls(inDm("889"))).as("nothing overtook the owed reply").hasSize(7);

      // the outbox tries again after its backoff (2 s on the coach's clock), in order
      clock.advance(Duration.ofSeconds(2));
      discord.awaitCalls(
          accepted(inDm("889")).and(c -> c.text().contains("sentinel-late")), 1, WAIT);
      List<String> shown = discord.calls(accepted(inDm("889"))).stream().map(Call::text).toList();
      assertThat(shown.get(shown.size() - 2)).as("the prompts reply").contains("Practice prompts");
      assertThat(shown.get(shown.size() - 1)).contains("sentinel-late");
    }
  }

  @Test
  void afterTheGatewayDropsTheConnectionItResumesAndTheNextDmIsAnswered() {
    startAdapter();
    say("999", "help");
    discord.gateway().dropConnection(4000);
    FakeDiscord.await(() -> discord.gateway().resumes() > 0, WAIT, "a RESUME");
    discord.awaitConnected(WAIT);
    assertThat(say("999", "prompts").text()).contains("Practice prompts");
    assertThat(discord.gateway().identifies()).isEqualTo(1);
  }

  @Test
  void whenDiscordNoLongerKnowsTheSessionItIdentifiesAfreshAndTheNextDmIsAnswered() {
    try (LogCapture log = new LogCapture(DiscordConnection.class)) {
      startAdapter();
      say("998", "help");
      discord.gateway().forgetSessions();
      discord.gateway().dropConnection(4000);
      FakeDiscord.await(
          () -> log.messages().contains("Discord: gateway reconnected with a new session"),
          Duration.ofSeconds(30),
          "a new gateway session");
      assertThat(discord.gateway().resumes()).as("tried to resume first").isEqualTo(1);
      assertThat(discord.gateway().identifies()).isEqualTo(2);
      assertThat(say("998", "prompts").text()).contains("Practice prompts");
    }
  }

  @Test
  void messagesFromBotsAreIgnoredAndFilesGetAFriendlyNote() {
    startAdapter();
    discord.dm("121", "help", discord.nextId(), true); // another bot
    discord.dm(FakeDiscord.BOT_ID, "help", discord.nextId(), true); // the coach itself
    discord.dmWithFile("121", "");
    assertThat(quiesce("121"))
        .singleElement()
        .satisfies(
            note ->
                assertThat(note.body().path("content").asText())
                    .isEqualTo(DiscordAdapter.FILE_NOTE));
    // The coach's own message would be handled on its own lane: closing lets queued work finish.
    adapter.close();
    adapter = null;
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
    NoPings.assertCannotPing(edited.body());

    assertThat(quiesce("131")).hasSize(3);
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
    assertThat(progress.accepted()).isTrue();
    assertThat(progress.files()).singleElement().asString().endsWith(".png");
    assertThat(progress.text()).contains("Your progress");
    Call export = say("141", "export");
    assertThat(export.accepted()).isTrue();
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
    String path = "applications/900/guilds/" + FakeDiscord.GUILD_ID + "/commands";
    Call register = discord.awaitCalls(c -> c.path().equals(path), 1, WAIT).get(0);
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
}
