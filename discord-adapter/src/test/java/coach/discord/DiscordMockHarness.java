package coach.discord;

import static coach.discord.FakeDiscord.postTo;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.mock.ManualMockTriggers;
import coach.core.mock.MockSession;
import coach.core.mock.MockSessions;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.discord.FakeDiscord.Call;
import coach.discord.FakeMockInteractions.Member;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mock sessions on Discord, end to end: the real JDA client against the loopback fake (a server
 * whose roles and permissions the tests set, and its scheduled events), a real {@link MockSessions}
 * and {@link Coach} on SQLite, and the timers fired by hand ({@link ManualMockTriggers}). The clock
 * is fixed at the hour the test starts, and sessions are three days later: Discord (and JDA) refuse
 * server events that start in the past by the wall clock.
 */
abstract class DiscordMockHarness {

  static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  static final Duration WAIT = Duration.ofSeconds(10);
  static final ChannelRef CHANNEL =
      ChannelRef.discord(FakeDiscord.GUILD_ID, FakeDiscord.GUILD_CHANNEL_ID);
  static final String POSTS = "channels/" + FakeDiscord.GUILD_CHANNEL_ID + "/messages";
  static final String EVENTS = "guilds/" + FakeDiscord.GUILD_ID + "/scheduled-events";
  static final String ORGANISER = "4001";
  static final String ANA = "4002";
  static final String BEN = "4003";
  static final String CAI = "4004";
  static final DiscordAdapter.Tuning TUNING =
      new DiscordAdapter.Tuning(4, Duration.ofMillis(20), Duration.ofSeconds(10));

  @TempDir Path folder;
  MutableClock clock;
  FakeDiscord discord;
  FakeDiscordGuild guild;
  FakeMockInteractions interactions;
  Database database;
  Coach coach;
  ManualMockTriggers triggers;
  MockSessions mock;
  DiscordAdapter adapter;

  /** A refusal a test provokes on purpose (a lookup of an event deleted by hand). */
  Predicate<Call> expectedRefusal = c -> false;

  /** The sessions' date, three days after the clock's. */
  LocalDate day;

  @BeforeEach
  void setUp() {
    NoPings.resetJdaDefaults();
    clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.HOURS));
    day = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC).plusDays(3);
    discord = new FakeDiscord();
    discord.withGuild();
    guild = new FakeDiscordGuild(discord);
    interactions = new FakeMockInteractions(discord);
    database = TestDatabases.sqlite(folder);
    coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
    triggers = new ManualMockTriggers();
    mock = new MockSessions(database, CURRICULUM, clock, ZoneId.of("UTC"), Set.of(), triggers);
  }

  @AfterEach
  void tearDown() {
    try {
      assertThat(discord.refusals())
          .filteredOn(expectedRefusal.negate())
          .as("requests Discord would have refused")
          .isEmpty();
    } finally {
      if (adapter != null) {
        adapter.close();
      }
      discord.close();
      database.close();
    }
  }

  /** Connects with mock sessions, the bot holding {@code permissions} in the server. */
  void start(long permissions) {
    adapter =
        DiscordAdapter.start(
            coach,
            CURRICULUM,
            Optional.empty(),
            Optional.of(mock),
            new DiscordAdapter.Settings(
                FakeDiscord.TOKEN,
                Optional.of(discord.apiUrl()),
                Optional.of(discord.gatewayUrl()),
                Optional.empty()),
            TUNING);
    discord.awaitConnected(WAIT);
    guild.everyoneMay(permissions);
    guild.addOrganiserRole();
  }

  /** Connects with the invite link's permissions. */
  void start() {
    start(FakeDiscordGuild.INVITE_PERMISSIONS);
  }

  static Map<String, Object> options(Object... pairs) {
    Map<String, Object> options = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      options.put((String) pairs[i], pairs[i + 1]);
    }
    return options;
  }

  static Member member(String id) {
    return new Member(id);
  }

  /** {@code YYYY-MM-DD HH:MM} on the sessions' day. */
  String at(String time) {
    return day + " " + time;
  }

  /** The instant of {@code time} UTC on the sessions' day. */
  Instant utc(String time) {
    return Instant.parse(day + "T" + time + ":00Z");
  }

  static Predicate<Call> callbackOf(String interactionId) {
    return postTo(
        "interactions/"
            + interactionId
            + "/"
            + FakeDiscordGuild.token(interactionId)
            + "/callback");
  }

  static Predicate<Call> followUpOf(String interactionId) {
    String webhook = "webhooks/" + FakeDiscord.BOT_ID + "/" + FakeDiscordGuild.token(interactionId);
    return c -> c.path().startsWith(webhook) && !c.method().equals("GET");
  }

  /** The first follow-up to an interaction, checked to ping nobody. */
  Call answer(String interactionId) {
    Call call = discord.awaitCalls(followUpOf(interactionId), 1, WAIT).get(0);
    NoPings.assertCannotPing(call.body());
    return call;
  }

  /** The ephemeral answer to a command or press in the server. */
  Call ephemeral(String interactionId) {
    Call call = answer(interactionId);
    assertThat(call.ephemeral()).as("ephemeral").isTrue();
    return call;
  }

  String command(String user, boolean organiser, String sub, Map<String, Object> options) {
    return ephemeral(interactions.command(user, organiser, sub, options)).text();
  }

  /** The organiser schedules a session; returns its id. */
  String schedule(Map<String, Object> options) {
    String reply = command(ORGANISER, true, "schedule", options);
    assertThat(reply).contains("Scheduled mock interview #");
    List<MockSession> upcoming = mock.upcoming();
    return upcoming.get(upcoming.size() - 1).id();
  }

  /** The session's announcement as posted. */
  Call announcement(String sessionId) {
    return discord.awaitCalls(postTo(POSTS), 1, WAIT).stream()
        .filter(c -> c.customIds().contains("mock-going:" + sessionId))
        .findFirst()
        .orElseThrow();
  }

  /** Edits of a channel message, in order. */
  List<Call> edits(String messageId) {
    return discord.calls(
        c -> c.method().equals("PATCH") && c.path().equals(POSTS + "/" + messageId));
  }

  /** {@code who} presses {@code button} on the announcement; returns the ephemeral answer. */
  String press(String who, String name, Call announcement, String button) {
    return ephemeral(interactions.click(who, name, announcement.id(), button)).text();
  }

  /** Messages posted in a user's DMs, in order. */
  List<Call> dms(String user) {
    return discord.calls(FakeDiscord.accepted(FakeDiscord.inDm(user)));
  }

  /** Fires every timer due at {@code instant}, the clock set there first. */
  void runTimersAt(Instant instant) {
    clock.set(instant);
    triggers.fireDue(mock, instant);
  }

  /** Values of every select option in a message body, menu by menu. */
  static List<List<String>> menus(JsonNode body) {
    List<List<String>> menus = new ArrayList<>();
    for (JsonNode row : body.path("components")) {
      for (JsonNode component : row.path("components")) {
        if (component.path("type").asInt() == 3) {
          menus.add(component.path("options").findValuesAsText("value"));
        }
      }
    }
    return menus;
  }
}
