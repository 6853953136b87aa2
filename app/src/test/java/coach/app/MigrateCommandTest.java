package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.storage.Database;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coach migrate} and {@code COACH_DB_MIGRATE=off}: migrations applied by the command alone,
 * and an instance that must not migrate refusing, in one sentence, a database that is behind or
 * ahead of it.
 */
class MigrateCommandTest {

  @TempDir Path folder;

  private CommandRun run(Map<String, String> env, String... args) {
    return CommandRun.of(env, args);
  }

  private Map<String, String> env(String migrate) {
    Map<String, String> env = new HashMap<>();
    env.put("COACH_DB_URL", "jdbc:sqlite:" + folder.resolve("coach.db"));
    if (migrate != null) {
      env.put("COACH_DB_MIGRATE", migrate);
    }
    return env;
  }

  @Test
  void migrateAppliesWhatIsMissingOnceAndThenSaysTheDatabaseIsUpToDate() {
    CommandRun first = run(env(null), "migrate");
    assertThat(first.status()).isZero();
    assertThat(first.out())
        .startsWith("Applied 13 migrations to jdbc:sqlite:")
        .contains("V1 Users sessions answers coverage")
        .contains("V9 Daily post lease")
        .contains("V10 Reply outbox")
        .contains("V11 Inbound journal")
        .contains("V12 Processed events by time")
        .contains("V13 Reply outbox indexes")
        .endsWith("Schema version 13." + System.lineSeparator());

    CommandRun second = run(env(null), "migrate");
    assertThat(second.status()).isZero();
    assertThat(second.out()).endsWith("is up to date: schema version 13." + System.lineSeparator());
  }

  @Test
  void anInstanceThatMustNotMigrateRefusesADatabaseThatIsBehind() {
    CommandRun result = run(env("off"), "schedules");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .contains("lacks the migrations V1, V2")
        .contains("V13 of this version of Coach; run ./coach migrate first.");
    assertThat(result.out()).isEmpty();
  }

  @Test
  void anInstanceThatMustNotMigrateStartsOnAMigratedDatabaseAndRefusesANewerOne() {
    assertThat(run(env(null), "migrate").status()).isZero();
    assertThat(run(env("off"), "schedules").status()).isZero();

    try (Database database = Database.open(env(null).get("COACH_DB_URL"))) {
      database.inTransaction(
          h ->
              h.execute(
                  "INSERT INTO flyway_schema_history (installed_rank, version, description, type,"
                      + " script, checksum, installed_by, installed_on, execution_time, success)"
                      + " VALUES (100, '99', 'From the future', 'SQL', 'V99__From_the_future.sql',"
                      + " 0, 'test', CURRENT_TIMESTAMP, 0, 1)"));
    }
    CommandRun newer = run(env("off"), "schedules");

    assertThat(newer.status()).isEqualTo(1);
    assertThat(newer.err())
        .contains("has migrations this version of Coach does not know (V99)")
        .contains("run the newer Coach that applied them.");
  }

  @Test
  void aWrongSettingIsOneSentence() {
    CommandRun result = run(env("sometimes"), "migrate");

    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err()).contains("COACH_DB_MIGRATE must be auto or off, not 'sometimes'.");
  }
}
