package coach.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.ProcessedEvents;
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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A direct message kept in the journal on arrival is handled even when the process that received it
 * died before handling it: the sweep hands it to the platform again once it has settled, and only
 * if nothing handled it.
 */
class InboundJournalTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Sender ANA =
      new Sender(UserId.discord("101"), "Ana", Optional.of(ZoneId.of("Europe/Lisbon")));

  /** The sweep's own rounds are an hour apart: the tests run its rounds by hand. */
  private static final InboundJournal.Settings BY_HAND =
      new InboundJournal.Settings(
          Duration.ofMinutes(1), Duration.ofHours(1), 3, Duration.ofDays(1));

  @TempDir Path folder;

  private final MutableClock clock = MutableClock.at("2026-12-07T10:00:00Z");
  private Database database;
  private Coach coach;
  private InboundJournal journal;
  private final List<Inbound> replayed = new CopyOnWriteArrayList<>();
  private final List<Reply> replies = new CopyOnWriteArrayList<>();

  @BeforeEach
  void open() {
    database = TestDatabases.open(folder);
    coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    journal = new InboundJournal(database, clock, BY_HAND);
    // the platform queues a replayed event as if it had just arrived; here it is handled at once
    journal.register(
        "discord",
        event -> {
          replayed.add(event);
          coach.handle(event).ifPresent(replies::add);
        });
  }

  @AfterEach
  void close() {
    journal.close();
    database.close();
  }

  @Test
  void theSweepForgetsEventsHandledMoreThanThirtyDaysAgoAndKeepsTheRest() {
    coach.handle(new Inbound.Message(ANA, "msg:old", "help"));
    clock.advance(Duration.ofDays(2));
    coach.handle(new Inbound.Message(ANA, "msg:recent", "help"));
    clock.advance(ProcessedEvents.KEEP.minus(Duration.ofDays(1)));

    journal.sweep();

    assertThat(TestDatabases.strings(database, "SELECT event_id FROM processed_events"))
        .containsExactly("msg:recent");
  }

  @Test
  void aMessageThatArrivedButWasNeverHandledIsHandledOnceItHasSettled() {
    Inbound.Message practice = new Inbound.Message(ANA, "msg:1", "practice");
    assertThat(journal.record(practice)).isTrue();
    // the process dies here: never handled

    journal.sweep();
    assertThat(replayed).as("too new: its first handling may still be under way").isEmpty();

    clock.advance(Duration.ofSeconds(61));
    journal.sweep();
    assertThat(replayed).containsExactly(practice);
    assertThat(replies).hasSize(1);
    assertThat(replies.get(0).plainText()).contains("We'll take the");
    // the replay kept the sender's name and zone
    assertThat(
            TestDatabases.strings(database, "SELECT display_name || ' ' || time_zone FROM users"))
        .containsExactly("Ana Europe/Lisbon");

    // handled now: deleted by the next sweep, and never replayed again
    clock.advance(Duration.ofMinutes(5));
    journal.sweep();
    assertThat(replayed).hasSize(1);
    assertThat(rows()).isZero();
  }

  @Test
  void aMessageHandledAsUsualIsNeverReplayedAndLeavesNothingBehind() {
    Inbound.Message practice = new Inbound.Message(ANA, "msg:1", "practice");
    journal.record(practice);
    coach.handle(practice);

    clock.advance(Duration.ofMinutes(2));
    journal.sweep();

    assertThat(replayed).isEmpty();
    assertThat(rows()).isZero();
  }

  @Test
  void anEditIsKeptAndReplayedAsAnEdit() {
    coach.handle(new Inbound.Message(ANA, "msg:1", "practice"));
    coach.handle(new Inbound.Message(ANA, "msg:2", "we would act on it"));
    Inbound.Edit edit = new Inbound.Edit(ANA, "edit:2:1", "msg:2", "we act on decision.action");
    journal.record(edit);

    clock.advance(Duration.ofMinutes(2));
    journal.sweep();

    assertThat(replayed).containsExactly(edit);
    assertThat(TestDatabases.strings(database, "SELECT text FROM answers ORDER BY received_at"))
        .contains("we act on decision.action");
  }

  @Test
  void aSoleInstanceReplaysWhatItsPreviousRunLeftAtStartHoweverNew() throws Exception {
    journal.record(new Inbound.Message(ANA, "msg:1", "practice"));
    CountDownLatch handled = new CountDownLatch(1);
    journal.register(
        "discord",
        event -> {
          coach.handle(event).ifPresent(replies::add);
          handled.countDown();
        });

    journal.start(true);

    assertThat(handled.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(replies).hasSize(1);
  }

  @Test
  void aPlatformRegisteringAfterASoleStartGetsItsOwnLeftoversBeforeRegisteringReturns() {
    Sender bo = new Sender(UserId.slack("T1", "U9"), "Bo", Optional.empty());
    journal.record(new Inbound.Message(ANA, "msg:1", "practice"));
    journal.record(new Inbound.Message(bo, "ev-1", "practice"));
    journal.record(new Inbound.Message(bo, "ev-2", "next"));
    journal.unregister("discord");
    journal.start(true); // started before any adapter: nothing registered, nothing replayed yet
    assertThat(replayed).isEmpty();

    List<String> slack = new ArrayList<>();
    journal.register("slack", event -> slack.add(event.eventId()));

    // queued before the adapter connects, so ahead of anything the user sends next; in order
    assertThat(slack).containsExactly("ev-1", "ev-2");
    assertThat(replayed).isEmpty();
  }

  @Test
  void anEntryNothingCanHandleIsReplayedAFewTimesThenLeftAndDeletedAfterADay() {
    journal.register("discord", replayed::add); // the platform takes it but never handles it
    journal.record(new Inbound.Message(ANA, "msg:1", "practice"));

    for (int i = 0; i < 6; i++) {
      clock.advance(Duration.ofMinutes(2));
      journal.sweep();
    }
    assertThat(replayed).hasSize(BY_HAND.maxReplays());
    assertThat(rows()).isOne();

    clock.advance(Duration.ofDays(1));
    journal.sweep();
    assertThat(rows()).isZero();
  }

  @Test
  void anEntryRecordedWithoutWaitingIsWrittenAndReplayedLikeAnyOther() throws Exception {
    Inbound.Message practice = new Inbound.Message(ANA, "msg:1", "practice");
    journal.recordSoon(practice);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (rows() == 0 && System.nanoTime() < deadline) {
      Thread.sleep(10);
    }

    clock.advance(Duration.ofMinutes(2));
    journal.sweep();

    assertThat(replayed).containsExactly(practice);
  }

  @Test
  void onlyMessagesAndEditsAreKept() {
    assertThat(journal.record(new Inbound.Choice(ANA, "btn:1", "practice:next"))).isFalse();
    assertThat(rows()).isZero();
  }

  @Test
  void forgetDeletesWhatTheJournalHoldsOfTheUser() {
    coach.handle(new Inbound.Message(ANA, "msg:1", "practice"));
    journal.record(new Inbound.Message(ANA, "msg:2", "an answer I sent just before forgetting"));

    coach.handle(new Inbound.Message(ANA, "msg:3", "forget confirm"));

    assertThat(rows()).isZero();
  }

  private int rows() {
    return database.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM inbound_journal").mapTo(Integer.class).one());
  }
}
