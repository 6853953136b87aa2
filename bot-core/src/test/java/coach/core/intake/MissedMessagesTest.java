package coach.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
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
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Who was writing when Coach stopped, on one platform, and which of a user's messages were handled:
 * what a platform adapter reads to catch up on messages that never reached Coach.
 */
class MissedMessagesTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;

  private final MutableClock clock = MutableClock.at("2026-12-08T10:00:00Z");
  private Database database;
  private Coach coach;
  private MissedMessages missed;

  @BeforeEach
  void open() {
    database = TestDatabases.open(folder);
    coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneId.of("UTC"));
    missed = coach.missedMessages();
  }

  @AfterEach
  void close() {
    database.close();
  }

  private void writes(String user, String eventId) {
    coach.handle(
        new Inbound.Message(
            new Sender(UserId.parse(user), "Ana", Optional.empty()), eventId, "help"));
  }

  @Test
  void theRecentWritersAreThoseOfThePlatformInTheHourBeforeItsLastEventMostRecentFirst() {
    assertThat(missed.recentWriters("discord", Duration.ofHours(1), 10)).isEmpty();
    writes("discord:1", "msg:10");
    clock.advance(Duration.ofMinutes(30));
    writes("discord:2", "msg:20");
    clock.advance(Duration.ofMinutes(90));
    writes("discord:3", "msg:30");
    writes("discord:1", "msg:11");
    clock.advance(Duration.ofHours(5));
    // later events of another platform do not move Discord's window
    writes("slack:T1:U1", "ev:1");

    assertThat(missed.recentWriters("discord", Duration.ofHours(1), 10))
        .containsExactly(UserId.parse("discord:1"), UserId.parse("discord:3"));
    assertThat(missed.recentWriters("discord", Duration.ofHours(2), 10))
        .containsExactly(
            UserId.parse("discord:1"), UserId.parse("discord:3"), UserId.parse("discord:2"));
    assertThat(missed.recentWriters("discord", Duration.ofHours(2), 1))
        .containsExactly(UserId.parse("discord:1"));
  }

  @Test
  void whatIsNewerThanTheNewestHandledMessageIsCaughtUpOnOldestFirstAndNothingWithoutAnAnchor() {
    UserId ana = UserId.parse("discord:1");
    writes("discord:1", "msg:10");
    writes("discord:1", "msg:12");

    assertThat(
            missed.newerThanHandled(ana, List.of("15", "14", "12", "11", "10"), id -> "msg:" + id))
        .as("newer than msg:12, oldest first; msg:11 is older than a handled one")
        .containsExactly("14", "15");
    assertThat(missed.newerThanHandled(ana, List.of("12", "10"), id -> "msg:" + id)).isEmpty();
    assertThat(missed.newerThanHandled(ana, List.of("15", "14"), id -> "msg:" + id))
        .as("no handled message among them: nothing to tell what is new by")
        .isEmpty();
  }

  @Test
  void handledTellsWhichOfAUsersEventsWereHandled() {
    writes("discord:1", "msg:10");
    writes("discord:2", "msg:11");

    assertThat(missed.handled(UserId.parse("discord:1"), List.of("msg:10", "msg:11", "msg:12")))
        .containsExactly("msg:10");
    assertThat(missed.handled(UserId.parse("discord:1"), List.of())).isEmpty();
  }
}
