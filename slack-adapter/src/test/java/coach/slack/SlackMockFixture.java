package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.mock.ManualMockTriggers;
import coach.core.mock.MockSession;
import coach.core.mock.MockSessions;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.slack.FakeSlack.Call;
import coach.slack.FakeSlackChannels.Posted;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Mock sessions on Slack for end-to-end tests: the real Bolt app in Socket Mode against the
 * loopback fake (channels, {@code chat.update}, modals and file uploads), the real core on SQLite
 * with a fixed clock, and the session's timers fired by hand ({@link ManualMockTriggers}). In
 * channel C1 the bot is a member and UORG its creator (an organiser); UANA, UBEN, UCAI and UMEM are
 * members; UCAI's display name is mention syntax, which must never ping anyone. Closing it checks
 * that nothing pinged, nothing was refused and every envelope was acked in time.
 */
final class SlackMockFixture implements AutoCloseable {

  static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  static final Duration WAIT = Duration.ofSeconds(15);
  static final String CAI = "Cai <!channel> @here";

  final FakeSlack slack = new FakeSlack();
  final FakeSlackChannels channels = new FakeSlackChannels(slack);
  final FakeSlackUpdates updates = new FakeSlackUpdates(slack, channels);
  final Database database;
  // Monday 7 December 2026, 07:00 in Berlin (every fake user's zone).
  final MutableClock clock = MutableClock.at("2026-12-07T06:00:00Z");
  final ManualMockTriggers triggers = new ManualMockTriggers();
  final MockSessions mock;
  final Coach coach;
  private final SlackAdapter adapter;
  private int events;

  SlackMockFixture(Path folder) {
    channels.channel("C1", "UORG", true);
    channels.displayName("UANA", "Ana");
    channels.displayName("UBEN", "Ben");
    channels.displayName("UCAI", CAI);
    database = TestDatabases.sqlite(folder);
    coach =
        new Coach(
            database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"), 1);
    mock = new MockSessions(database, CURRICULUM, clock, ZoneId.of("UTC"), Set.of(), triggers);
    adapter =
        SlackAdapter.start(
            coach,
            Optional.empty(),
            Optional.of(mock),
            new SlackAdapter.Settings(
                FakeSlack.BOT_TOKEN, FakeSlack.APP_TOKEN, Optional.of(slack.apiUrl())),
            new SlackAdapter.Tuning(4, 1000, 100, Duration.ofMillis(20)));
    slack.awaitConnected(WAIT);
  }

  @Override
  public void close() {
    try {
      assertThat(slack.pings()).as("text Slack would turn into a notification").isEmpty();
      assertThat(slack.refused()).as("calls Slack refused").isEmpty();
      assertThat(slack.ackProblems()).isEmpty();
    } finally {
      adapter.close();
      slack.close();
      database.close();
    }
  }

  /** {@code /coach TEXT} typed by {@code user} in {@code channel}; returns the answer to it. */
  Call command(String user, String channel, String text) {
    int before = slack.calls("response").size();
    slack.awaitAck(slack.slash(user, channel, text, "trig-" + ++events), WAIT);
    return slack.awaitCalls("response", c -> true, before + 1, WAIT).get(before);
  }

  /** The organiser schedules a session in C1; returns its id. */
  String schedule(String options) {
    Call reply = command("UORG", "C1", "mock schedule at " + options);
    List<MockSession> upcoming = mock.upcoming();
    assertThat(upcoming).as(reply.param("text")).isNotEmpty();
    return upcoming.get(upcoming.size() - 1).id();
  }

  Posted announcement() {
    return channels.posted().stream()
        .filter(p -> p.channel().equals("C1"))
        .findFirst()
        .orElseThrow();
  }

  /** {@code user} clicks {@code actionId} on the message {@code ts} in {@code channel}. */
  String click(String user, String channel, String ts, String actionId) {
    String envelope = slack.click(user, channel, ts, actionId, "9." + ++events);
    slack.awaitAck(envelope, WAIT);
    return envelope;
  }

  /** {@code user} presses a button of the announcement; returns the ephemeral answer's text. */
  String pressOnAnnouncement(String user, String action, String id) {
    int before = ephemeralsTo(user).size();
    click(user, "C1", announcement().ts(), action + ":" + id);
    return slack
        .awaitCalls("chat.postEphemeral", toUser(user), before + 1, WAIT)
        .get(before)
        .param("text");
  }

  List<Call> ephemeralsTo(String user) {
    return slack.calls("chat.postEphemeral", toUser(user));
  }

  static Predicate<Call> toUser(String user) {
    return c -> c.param("user").equals(user);
  }

  static Predicate<Call> to(String channel) {
    return c -> c.param("channel").equals(channel);
  }

  List<String> dmTexts(String user) {
    return slack.calls("chat.postMessage", to("D" + user)).stream()
        .map(c -> c.param("text"))
        .toList();
  }

  void awaitEdits(Posted post, int count) {
    FakeSlack.await(
        () -> updates.edits("C1", post.ts()).size() >= count,
        WAIT,
        count + " edits of the announcement, got " + updates.edits("C1", post.ts()).size());
  }

  void runTimersAt(String instant) {
    clock.set(Instant.parse(instant));
    triggers.fireDue(mock, clock.instant());
  }

  static List<String> actionIds(JsonNode blocks) {
    List<String> ids = new ArrayList<>();
    for (JsonNode block : blocks) {
      if (block.path("type").asText().equals("actions")) {
        block.path("elements").forEach(e -> ids.add(e.path("action_id").asText()));
      }
    }
    return ids;
  }

  /** Everyone in {@code users} says Going, one after the other, each edit awaited. */
  void going(String id, String... users) {
    Posted post = announcement();
    for (String user : users) {
      int edits = updates.edits("C1", post.ts()).size();
      assertThat(pressOnAnnouncement(user, "mock-going", id)).contains("You're going");
      awaitEdits(post, edits + 1);
    }
  }
}
