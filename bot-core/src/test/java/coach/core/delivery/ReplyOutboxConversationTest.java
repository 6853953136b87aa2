package coach.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Replies to direct messages go through the persistent outbox: sent at once when the platform takes
 * them, kept and sent later, in order, when it does not, and sent after a restart when the process
 * died between the commit and the send. The platform is a recording messenger that can be told to
 * fail; the worker is driven by hand on a fixed clock.
 */
class ReplyOutboxConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final UserId ANA = UserId.discord("101");
  private static final UserId BEN = UserId.discord("202");

  /** The worker's own rounds are an hour apart: the tests run its rounds by hand. */
  private static final ReplyDelivery.Settings BY_HAND =
      new ReplyDelivery.Settings(
          Duration.ofSeconds(60),
          Duration.ofHours(1),
          Duration.ofSeconds(2),
          Duration.ofMinutes(5),
          Duration.ofHours(1));

  @TempDir Path folder;

  private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
  private final List<Database> opened = new ArrayList<>();
  private final List<Coach> coaches = new ArrayList<>();

  /** A platform that records what it took, or refuses while told to. */
  static final class Platform implements ReplyMessenger {
    record Sent(UserId user, String text, String key) {}

    final List<Sent> sent = new CopyOnWriteArrayList<>();
    volatile int refuseNext;
    volatile boolean permanent;
    volatile Duration retryAfter;
    volatile boolean dieOnSend;

    @Override
    public void send(UserId user, Reply reply, String key) throws DeliveryException {
      if (dieOnSend) {
        throw new ProcessDied();
      }
      if (refuseNext > 0) {
        refuseNext--;
        throw new DeliveryException(
            permanent ? "the user left" : "HTTP 503", permanent, Optional.ofNullable(retryAfter));
      }
      sent.add(new Sent(user, reply.plainText(), key));
    }

    List<String> textsTo(UserId user) {
      return sent.stream().filter(s -> s.user().equals(user)).map(Sent::text).toList();
    }
  }

  /** Stands for the process dying inside the platform call: nothing after it runs. */
  static final class ProcessDied extends Error {}

  @AfterEach
  void close() {
    coaches.forEach(c -> c.outbox().close());
    opened.forEach(Database::close);
  }

  private Coach coach(Platform platform) {
    Database database = TestDatabases.open(folder);
    opened.add(database);
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    coach.outbox().register("discord", platform);
    coaches.add(coach);
    return coach;
  }

  private static Inbound dm(UserId user, String eventId, String text) {
    return new Inbound.Message(new Sender(user, user.value(), Optional.empty()), eventId, text);
  }

  private static String pendingCount(Coach coach) {
    coach.outbox().writeMarks();
    return String.valueOf(coach.outbox().depth().pending());
  }

  @Test
  void aReplyThePlatformTakesIsSentOnceAndMarkedSent() {
    Platform platform = new Platform();
    Coach coach = coach(platform);

    Optional<Reply> reply = coach.respond(dm(ANA, "m1", "help"));

    assertThat(reply).isPresent();
    assertThat(platform.textsTo(ANA)).containsExactly(reply.get().plainText());
    assertThat(pendingCount(coach)).isEqualTo("0");
    assertThat(coach.respond(dm(ANA, "m1", "help"))).as("a redelivery").isEmpty();
    assertThat(coach.outbox().deliverDue()).isZero();
    assertThat(platform.sent).hasSize(1);
  }

  @Test
  void quickMessagesEachGetTheirReplyAtOnceInOrderAndAllAreMarkedSent() {
    Platform platform = new Platform();
    Coach coach = coach(platform);

    List<String> replies = new ArrayList<>();
    for (String[] event :
        new String[][] {{"m1", "practice fraud-checkout"}, {"m2", "skip"}, {"m3", "skip"}}) {
      replies.add(coach.respond(dm(ANA, event[0], event[1])).orElseThrow().plainText());
    }

    assertThat(platform.textsTo(ANA)).as("none waited for the worker").isEqualTo(replies);
    assertThat(pendingCount(coach)).isEqualTo("0");
    assertThat(
            TestDatabases.strings(
                opened.get(0),
                "SELECT event_id FROM reply_outbox WHERE state = 'sent' ORDER BY seq"))
        .containsExactly("m1", "m2", "m3");
  }

  @Test
  void repliesThatFailWaitAndGoLaterInTheOrderTheyWereWritten() {
    Platform platform = new Platform();
    Coach coach = coach(platform);
    platform.refuseNext = 1;

    String first =
        coach.respond(dm(ANA, "m1", "practice fraud-checkout")).orElseThrow().plainText();
    String second = coach.respond(dm(ANA, "m2", "skip")).orElseThrow().plainText();
    String other = coach.respond(dm(BEN, "b1", "help")).orElseThrow().plainText();

    assertThat(platform.textsTo(ANA)).as("the second may not overtake the first").isEmpty();
    assertThat(platform.textsTo(BEN)).as("another user does not wait").containsExactly(other);
    assertThat(pendingCount(coach)).isEqualTo("2");

    assertThat(coach.outbox().deliverDue()).as("the first is backing off").isZero();
    clock.advance(Duration.ofSeconds(2));
    assertThat(coach.outbox().deliverDue()).isEqualTo(2);
    assertThat(platform.textsTo(ANA)).containsExactly(first, second);
    assertThat(pendingCount(coach)).isEqualTo("0");
  }

  @Test
  void aStormOfFailuresBacksOffHonoursRetryAfterAndLosesNothing() {
    Platform platform = new Platform();
    Coach coach = coach(platform);
    platform.refuseNext = 1_000;
    platform.retryAfter = Duration.ofSeconds(30);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      expected.add(coach.respond(dm(ANA, "m" + i, "help")).orElseThrow().plainText());
    }
    // a minute of refusals: the worker tries the oldest every time it is due, no earlier
    for (int second = 0; second < 60; second++) {
      clock.advance(Duration.ofSeconds(1));
      coach.outbox().deliverDue();
    }
    int triedDuringTheStorm = 1_000 - platform.refuseNext;
    assertThat(triedDuringTheStorm)
        .as("one attempt when sent, then one each 30 s of Retry-After")
        .isEqualTo(3);
    platform.refuseNext = 0;
    clock.advance(Duration.ofSeconds(30));
    assertThat(coach.outbox().deliverDue()).isEqualTo(5);
    assertThat(platform.textsTo(ANA)).containsExactlyElementsOf(expected);
  }

  @Test
  void aReplyThePlatformRefusesForGoodIsGivenUpAndDoesNotHoldBackTheNext() {
    Platform platform = new Platform();
    Coach coach = coach(platform);
    platform.refuseNext = 1;
    platform.permanent = true;

    coach.respond(dm(ANA, "m1", "help"));
    String next = coach.respond(dm(ANA, "m2", "help")).orElseThrow().plainText();

    assertThat(platform.textsTo(ANA)).containsExactly(next);
    coach.outbox().writeMarks();
    assertThat(TestDatabases.strings(opened.get(0), "SELECT state FROM reply_outbox ORDER BY seq"))
        .containsExactly("failed", "sent");
  }

  @Test
  void aReplyWhoseProcessDiedBeforeSendingGoesOnceAfterTheRestart() {
    Platform dying = new Platform();
    Coach before = coach(dying);
    dying.dieOnSend = true;
    assertThatThrownBy(() -> before.respond(dm(ANA, "m1", "practice fraud-checkout")))
        .isInstanceOf(ProcessDied.class);
    String stored = TestDatabases.strings(opened.get(0), "SELECT reply FROM reply_outbox").get(0);
    assertThat(stored).contains("fraud");

    Platform platform = new Platform();
    Coach after = coach(platform);
    assertThat(after.outbox().deliverDue()).as("the dead process's lease holds").isZero();
    after.outbox().start(true);
    try {
      // sent by this call or by the worker's own first round, whichever comes first
      after.outbox().deliverDue();
      assertThat(platform.textsTo(ANA)).hasSize(1);
      assertThat(platform.textsTo(ANA).get(0)).contains("Fraud");
      assertThat(after.respond(dm(ANA, "m1", "practice fraud-checkout")))
          .as("the event itself was stored once")
          .isEmpty();
      assertThat(after.outbox().deliverDue()).isZero();
      assertThat(platform.sent).hasSize(1);
    } finally {
      after.outbox().close();
    }
  }

  @Test
  void forgettingAUserDropsTheRepliesStillOwedToThem() {
    Platform platform = new Platform();
    Coach coach = coach(platform);
    platform.refuseNext = 1;
    coach.respond(dm(ANA, "m1", "practice fraud-checkout"));
    assertThat(pendingCount(coach)).isEqualTo("1");

    coach.respond(dm(ANA, "m2", "forget confirm"));
    coach.outbox().writeMarks();

    assertThat(
            TestDatabases.strings(
                opened.get(0), "SELECT event_id FROM reply_outbox WHERE state = 'pending'"))
        .isEmpty();
  }

  @Test
  void sentRepliesAreDeletedAfterAnHour() {
    Platform platform = new Platform();
    Coach coach = coach(platform);
    coach.respond(dm(ANA, "m1", "help"));
    coach.outbox().writeMarks();
    clock.advance(Duration.ofMinutes(59));
    coach.outbox().sweep();
    assertThat(TestDatabases.strings(opened.get(0), "SELECT id FROM reply_outbox")).hasSize(1);
    clock.advance(Duration.ofMinutes(2));
    coach.outbox().sweep();
    assertThat(TestDatabases.strings(opened.get(0), "SELECT id FROM reply_outbox")).isEmpty();
  }

  @Test
  void aBacklogOfOldSentRepliesGoesInBatchesAndPendingOrRecentOnesStay() {
    Platform platform = new Platform();
    Coach coach = coach(platform);
    long now = clock.instant().toEpochMilli();
    long twoHoursAgo = now - Duration.ofHours(2).toMillis();
    int old = ReplyDelivery.PRUNE_BATCH * 2 + 500;
    opened
        .get(0)
        .inTransaction(
            h -> {
              var batch =
                  h.prepareBatch(
                      "INSERT INTO reply_outbox (id, user_id, event_id, seq, reply, state,"
                          + " next_attempt_at, lease_until, created_at, sent_at) VALUES (:id,"
                          + " :user, :id, :seq, '{}', :state, :at, :at, :at, :sent)");
              for (int i = 0; i < old; i++) {
                batch.bind("id", "old-" + i).bind("user", "discord:" + (i % 50));
                batch.bind("seq", i).bind("state", "sent").bind("at", twoHoursAgo);
                batch.bind("sent", twoHoursAgo).add();
              }
              batch.bind("id", "recent").bind("user", "discord:1").bind("seq", old);
              batch.bind("state", "sent").bind("at", now).bind("sent", now).add();
              batch.bind("id", "given-up").bind("user", "discord:2").bind("seq", old + 1);
              batch
                  .bind("state", "failed")
                  .bind("at", twoHoursAgo)
                  .bindNull("sent", java.sql.Types.BIGINT)
                  .add();
              batch.execute();
              return null;
            });

    coach.outbox().sweep();

    assertThat(TestDatabases.strings(opened.get(0), "SELECT id FROM reply_outbox ORDER BY id"))
        .containsExactly("given-up", "recent");
  }
}
