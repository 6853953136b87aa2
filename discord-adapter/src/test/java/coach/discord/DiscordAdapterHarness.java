package coach.discord;

import static coach.discord.FakeDiscord.accepted;
import static coach.discord.FakeDiscord.inDm;
import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.discord.FakeDiscord.Call;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real JDA client and a real {@link Coach} (on SQLite) against a loopback fake of Discord:
 * events go in over the gateway WebSocket, and the tests assert on the REST requests the fake
 * received and on what the database holds. After each test, nothing the adapter sent may have been
 * refused by one of Discord's rules.
 */
abstract class DiscordAdapterHarness {

  static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  static final Duration WAIT = Duration.ofSeconds(10);

  @TempDir Path folder;
  final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  FakeDiscord discord;
  Database database;
  Coach coach;
  DiscordAdapter adapter;

  /** Set by a test that makes Discord refuse a request on purpose (a revoked token). */
  boolean refusalsExpected;

  private int sentinels;

  @BeforeEach
  void start() {
    NoPings.resetJdaDefaults();
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
    try {
      if (!refusalsExpected) {
        assertThat(discord.refusals()).as("requests Discord would have refused").isEmpty();
      }
    } finally {
      coach.journal().close();
      if (adapter != null) {
        adapter.close();
      }
      discord.close();
      database.close();
    }
  }

  /** Sends a DM and returns the bot's next message in that DM. */
  Call say(String user, String text) {
    int before = discord.calls(inDm(user)).size();
    discord.dm(user, text);
    return discord.awaitCalls(inDm(user), before + 1, WAIT).get(before);
  }

  /**
   * Sends one more ordinary DM, with a reply of its own, and waits for that reply. One user's
   * events are handled in order, so every reply to an earlier event of this user (a duplicate
   * included) was sent before it. Returns the messages the user can see in the DM, the sentinels'
   * replies left out.
   */
  List<Call> quiesce(String user) {
    String word = "sentinel-" + ++sentinels;
    discord.dm(user, "/timezone " + word);
    discord.awaitCalls(accepted(inDm(user)).and(c -> c.text().contains(word)), 1, WAIT);
    return discord.calls(accepted(inDm(user)).and(c -> !c.text().contains("sentinel-")));
  }

  static Predicate<Call> callbackOf(String interactionId) {
    return postTo(
        "interactions/"
            + interactionId
            + "/"
            + DiscordPayloads.interactionToken(interactionId)
            + "/callback");
  }

  static Predicate<Call> followUpOf(String interactionId) {
    String webhook =
        "webhooks/" + FakeDiscord.BOT_ID + "/" + DiscordPayloads.interactionToken(interactionId);
    return c -> c.path().startsWith(webhook) && !c.method().equals("GET");
  }
}
