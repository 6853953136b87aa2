package coach.discord;

import static coach.discord.FakeDiscord.inDm;
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
}
