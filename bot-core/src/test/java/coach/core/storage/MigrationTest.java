package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.testing.TestDatabases;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The migrations build the same schema on an empty SQLite file and an empty PostgreSQL. */
class MigrationTest {

  private static final List<String> TABLES =
      List.of(
          "answer_concepts",
          "answers",
          "corrections",
          "coverage_events",
          "custom_prompts",
          "daily_answers",
          "daily_posts",
          "daily_schedules",
          "daily_skips",
          "inbound_journal",
          "mock_attendance",
          "mock_avoid",
          "mock_feedback",
          "mock_notices",
          "mock_outbox",
          "mock_reminder_prefs",
          "mock_rounds",
          "mock_rsvps",
          "mock_sessions",
          "mock_steps",
          "practice_sessions",
          "processed_events",
          "qrtz_blob_triggers",
          "qrtz_calendars",
          "qrtz_cron_triggers",
          "qrtz_fired_triggers",
          "qrtz_job_details",
          "qrtz_locks",
          "qrtz_paused_trigger_grps",
          "qrtz_scheduler_state",
          "qrtz_simple_triggers",
          "qrtz_simprop_triggers",
          "qrtz_triggers",
          "reply_outbox",
          "users");

  @TempDir Path folder;

  @Test
  void migratesAnEmptySqliteFileInWalModeWithForeignKeysOn() {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      assertThat(Files.exists(folder.resolve("coach.db"))).isTrue();
      assertThat(db.created()).isTrue();
      List<String> tables =
          db.withHandle(
              h ->
                  h.createQuery(
                          "SELECT name FROM sqlite_master WHERE type = 'table'"
                              + " AND name NOT LIKE 'sqlite_%' AND name <> 'flyway_schema_history'"
                              + " ORDER BY name")
                      .mapTo(String.class)
                      .list());
      assertThat(tables.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).sorted())
          .containsExactlyElementsOf(TABLES);
      assertThat(text(db, "PRAGMA journal_mode")).isEqualToIgnoringCase("wal");
      assertThat(number(db, "PRAGMA foreign_keys")).isEqualTo(1);
      assertThat(number(db, "PRAGMA busy_timeout")).isEqualTo(10_000);
      assertThat(number(db, "SELECT count(*) FROM flyway_schema_history WHERE success"))
          .isEqualTo(countMigrations());
    }
  }

  @Test
  void reopeningAMigratedDatabaseChangesNothing() {
    Database.open(TestDatabases.sqliteUrl(folder)).close();
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      assertThat(db.created()).isFalse();
      assertThat(number(db, "SELECT count(*) FROM flyway_schema_history"))
          .isEqualTo(countMigrations());
    }
  }

  @Test
  void foreignKeysCascadeWhenAUserIsDeleted() {
    try (Database db = TestDatabases.sqlite(folder)) {
      db.inTransaction(
          h -> {
            h.execute("INSERT INTO users VALUES ('console:a', 'a', 'UTC', 1, 1)");
            h.execute(
                "INSERT INTO practice_sessions (id, user_id, prompt_id, current_section, state,"
                    + " started_at, updated_at) VALUES ('s1', 'console:a', 'fraud-checkout', 'data',"
                    + " 'active', 1, 1)");
            h.execute(
                "INSERT INTO answers (id, session_id, section, text, received_at, source_event_id)"
                    + " VALUES ('a1', 's1', 'data', 'text', 1, 'e1')");
            h.execute("INSERT INTO answer_concepts VALUES ('a1', 'data.label_delay')");
            return null;
          });
      db.inTransaction(h -> h.execute("DELETE FROM users WHERE id = 'console:a'"));
      assertThat(number(db, "SELECT count(*) FROM answer_concepts")).isZero();
      assertThatThrownBy(
              () ->
                  db.inTransaction(
                      h ->
                          h.execute(
                              "INSERT INTO answers (id, session_id, section, text, received_at) VALUES ('a2', 'missing', 'data', 't', 1)")))
          .hasMessageContaining("FOREIGN KEY");
    }
  }

  @Test
  void migratesAnEmptyPostgresqlWithTheSameScripts() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Database db = Database.open(postgres.getJdbcUrl("postgres", "postgres"))) {
      assertThat(db.kind()).isEqualTo(Database.Kind.POSTGRESQL);
      List<String> tables =
          db.withHandle(
              h ->
                  h.createQuery(
                          "SELECT table_name FROM information_schema.tables WHERE table_schema ="
                              + " 'public' AND table_name <> 'flyway_schema_history' ORDER BY"
                              + " table_name")
                      .mapTo(String.class)
                      .list());
      assertThat(tables.stream().map(t -> t.toLowerCase(java.util.Locale.ROOT)).sorted())
          .containsExactlyElementsOf(TABLES);
    }
  }

  @Test
  void anUnusableFolderIsOneClearSentence() throws Exception {
    Path file = Files.writeString(folder.resolve("not-a-folder"), "x");
    assertThatThrownBy(() -> Database.open("jdbc:sqlite:" + file.resolve("coach.db")))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            file + " is not a folder, so the database cannot go there; correct COACH_DB_URL.");
  }

  @Test
  void aMissingFolderIsReportedNotCreated() {
    Path missing = folder.resolve("nested/deeper");
    assertThatThrownBy(() -> Database.open(TestDatabases.sqliteUrl(missing)))
        .isInstanceOf(StorageException.class)
        .hasMessage(
            "The folder "
                + missing
                + " for the database does not exist; create it first, or correct COACH_DB_URL.");
    assertThat(folder.resolve("nested")).doesNotExist();
  }

  @Test
  void otherDatabasesAndMemoryAreRefusedClearly() {
    assertThatThrownBy(() -> Database.open("jdbc:mysql://localhost/coach"))
        .hasMessage(
            "COACH_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, not 'jdbc:mysql://localhost/coach'.");
    assertThatThrownBy(() -> Database.open("jdbc:sqlite::memory:"))
        .hasMessageContaining("in-memory SQLite database would lose everything");
    assertThat(Database.redact("jdbc:postgresql://db/coach?user=coach&password=hunter2"))
        .isEqualTo("jdbc:postgresql://db/coach?user=coach&password=***");
  }

  private static String text(Database db, String sql) {
    return db.withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
  }

  private static int number(Database db, String sql) {
    return db.withHandle(h -> h.createQuery(sql).mapTo(Integer.class).one());
  }

  /** The migration scripts shipped, counted from the class path. */
  private static int countMigrations() {
    try (var files =
        java.nio.file.Files.list(
            Path.of(MigrationTest.class.getResource("/db/migration").toURI()))) {
      return (int) files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
