package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyRequest;
import coach.core.mock.MockSessions;
import coach.core.schedule.Scheduling;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import coach.core.testing.TestFeatures;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's SQLite database copied into an empty PostgreSQL one: every table's rows arrive, a user's
 * progress reads the same, the schedules' timers are the same, and a target that holds data is
 * refused.
 */
class DatabaseCopyTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final Sender ANA = new Sender(UserId.slack("T1", "UANA"), "Ana");
  private static final Sender BEN = new Sender(UserId.slack("T1", "UBEN"), "Ben");
  private static final ChannelRef CHANNEL = ChannelRef.slack("T1", "C1");

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");

  /** A database with practice, a daily schedule and a mock session with RSVPs in it. */
  private Database teamDatabase() {
    Database database = TestDatabases.sqlite(folder);
    Coach coach =
        new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
    coach.handle(new Inbound.Command(ANA, "e1", CommandWord.PRACTICE, Optional.empty()));
    coach.handle(
        new Inbound.Message(
            ANA, "e2", "We decline the order or send it to review; a missed fraud costs more."));
    Scheduling scheduling = Scheduling.create(database, "main");
    try {
      DailyPrompts daily =
          TestFeatures.daily(
              database, clock, ZoneOffset.UTC, DailyPrompts.Settings.defaults(), scheduling);
      daily.register("slack", new coach.core.daily.RecordingPublisher());
      daily.command(
          new DailyRequest(CHANNEL, ANA, "d1", "at 09:30 zone UTC", true, Optional::empty));
      MockSessions mock =
          new MockSessions(database, CURRICULUM, clock, ZoneOffset.UTC, Set.of(), scheduling);
      mock.register("slack", new coach.core.mock.RecordingMockPublisher());
      mock.command(
          new DailyRequest(
              CHANNEL, ANA, "m1", "schedule at 2026-12-10 18:00 zone UTC", true, Optional::empty));
      String id = mock.upcoming().get(0).id();
      mock.press(ANA, "mock-going:" + id, "p1");
      mock.press(BEN, "mock-going:" + id, "p2");
    } finally {
      scheduling.close();
    }
    return database;
  }

  @Test
  void aTeamsDatabaseArrivesWholeInPostgresql() throws Exception {
    try (Database source = teamDatabase();
        EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Database target = Database.open(postgres.getJdbcUrl("postgres", "postgres"))) {

      Map<String, Long> copied = DatabaseCopy.copy(source, target);

      assertThat(copied.keySet()).containsExactlyElementsOf(DatabaseCopy.TABLES);
      for (String table : DatabaseCopy.TABLES) {
        assertThat(count(target, table)).as(table).isEqualTo(count(source, table));
      }
      assertThat(copied)
          .containsEntry("users", 2L)
          .containsEntry("practice_sessions", 1L)
          .containsEntry("daily_schedules", 1L)
          .containsEntry("mock_rsvps", 2L);
      assertThat(copied.get("answers")).isPositive();
      assertThat(copied.get("qrtz_triggers")).isPositive();

      Coach before =
          new Coach(source, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
      Coach after =
          new Coach(target, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
      assertThat(after.progressJson(ANA.id())).isEqualTo(before.progressJson(ANA.id()));
      assertThat(after.progressJson(ANA.id()).orElseThrow().toString()).contains("decision");

      Scheduling sourceTimers = Scheduling.create(source, "main");
      Map<String, java.time.Instant> pending = sourceTimers.pending();
      sourceTimers.close();
      Scheduling targetTimers = Scheduling.create(target, "main");
      try {
        assertThat(targetTimers.pending()).isNotEmpty().isEqualTo(pending);
      } finally {
        targetTimers.close();
      }

      assertThatThrownBy(() -> DatabaseCopy.copy(source, target))
          .isInstanceOf(StorageException.class)
          .hasMessage(
              "The target database already holds data (table users); copy into a new, empty"
                  + " database.");
    }
  }

  @Test
  void aTableTheCopyDoesNotKnowIsRefusedBeforeAnythingIsWritten() throws Exception {
    java.nio.file.Files.createDirectories(folder.resolve("a"));
    java.nio.file.Files.createDirectories(folder.resolve("b"));
    try (Database source = TestDatabases.sqlite(folder.resolve("a"));
        Database target = Database.open(TestDatabases.sqliteUrl(folder.resolve("b")))) {
      source.inTransaction(h -> h.execute("CREATE TABLE team_notes (id INTEGER)"));

      assertThatThrownBy(() -> DatabaseCopy.copy(source, target))
          .isInstanceOf(StorageException.class)
          .hasMessage("The source has tables this copy does not know: team_notes.");
      assertThat(count(target, "users")).isZero();
    }
  }

  private static long count(Database database, String table) {
    return database.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }
}
