package coach.app;

import coach.app.config.CoachConfig;
import coach.core.storage.Database;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach migrate}: applies the database migrations this version of Coach needs and does
 * nothing else, for a controlled upgrade of several instances (stop them, migrate once, start the
 * new version with {@code COACH_DB_MIGRATE=off}).
 */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    description =
        "Apply the database migrations this version of Coach needs to the database COACH_DB_URL"
            + " names, and nothing else.")
final class MigrateCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Override
  public Integer call() {
    Logging.quiet();
    CoachConfig config = CoachConfig.fromEnvironment(main.launch.env());
    Services.createDefaultFolder(config.databaseUrl(), Path.of("").toAbsolutePath());
    String where = Database.redact(config.databaseUrl());
    try (Database database = Database.open(config.databaseUrl(), Database.Schema.MIGRATE)) {
      if (database.applied().isEmpty()) {
        main.launch
            .out()
            .printf("%s is up to date: schema version %s.%n", where, database.schemaVersion());
      } else {
        main.launch
            .out()
            .printf(
                "Applied %d migration%s to %s: %s. Schema version %s.%n",
                database.applied().size(),
                database.applied().size() == 1 ? "" : "s",
                where,
                String.join(", ", database.applied()),
                database.schemaVersion());
      }
    }
    return 0;
  }
}
