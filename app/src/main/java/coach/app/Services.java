package coach.app;

import coach.app.config.CoachConfig;
import coach.core.Coach;
import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.DailyPrompts;
import coach.core.daily.RetryPolicy;
import coach.core.mock.MockSessions;
import coach.core.schedule.Scheduling;
import coach.core.storage.Database;
import coach.core.storage.StorageException;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.ZoneId;
import java.util.Map;

/**
 * The composition root: builds the application's objects from configuration with plain
 * constructors. Close it to release the database.
 */
final class Services implements AutoCloseable {

  final CoachConfig config;
  final Curriculum curriculum;
  final CoverageDetector detector;
  final Database database;
  final Coach coach;
  final Scheduling scheduling;
  final DailyPrompts daily;
  final MockSessions mock;

  private Services(CoachConfig config, ZoneId defaultZone) {
    this.config = config;
    this.curriculum = CurriculumLoader.loadDefault();
    this.detector = new TimedDetector(Detectors.create(curriculum));
    this.database =
        Database.open(
            config.databaseUrl(),
            config.migrateAtStart() ? Database.Schema.MIGRATE : Database.Schema.CHECK);
    this.coach =
        new Coach(
            database, curriculum, detector, Clock.systemUTC(), defaultZone, config.maxFollowups());
    // Created stopped: only `coach run` starts it, after the platforms can post.
    this.scheduling = Scheduling.create(database, "main");
    this.daily =
        new DailyPrompts(
            database,
            curriculum,
            detector,
            Clock.systemUTC(),
            defaultZone,
            new DailyPrompts.Settings(
                config.channels().dailyGrace(), config.channels().admins(), RetryPolicy.DEFAULT),
            scheduling);
    this.mock =
        new MockSessions(
            database,
            curriculum,
            Clock.systemUTC(),
            defaultZone,
            config.channels().admins(),
            scheduling);
  }

  /**
   * Everything, configured from environment variables. Creates the default {@code data/} folder
   * when the database goes there, and says on {@code notes} (one line naming the file) when it
   * created a new SQLite database.
   */
  static Services start(Map<String, String> env, ZoneId defaultZone, PrintStream notes) {
    CoachConfig config = CoachConfig.fromEnvironment(env);
    createDefaultFolder(config.databaseUrl(), Path.of("").toAbsolutePath());
    Services services = new Services(config, defaultZone);
    if (services.database.created()) {
      notes.println(
          "coach: created a new database at "
              + Database.sqliteFile(config.databaseUrl()).toAbsolutePath()
              + ".");
    }
    return services;
  }

  /**
   * Creates the default database's folder, {@code data} in {@code workingDirectory}, when the
   * SQLite file of {@code databaseUrl} goes there. It is the only folder Coach creates: any other
   * missing folder is more likely a typo, which {@link Database#open} reports.
   */
  static void createDefaultFolder(String databaseUrl, Path workingDirectory) {
    if (Database.kindOf(databaseUrl) != Database.Kind.SQLITE) {
      return;
    }
    Path file = Database.sqliteFile(databaseUrl);
    Path defaultFolder =
        workingDirectory.resolve(Database.sqliteFile(CoachConfig.DEFAULT_DATABASE_URL).getParent());
    if (file == null
        || !workingDirectory.resolve(file).normalize().getParent().equals(defaultFolder)
        || Files.isDirectory(defaultFolder)) {
      return;
    }
    try {
      Files.createDirectories(defaultFolder);
    } catch (IOException | SecurityException e) {
      throw new StorageException(
          "Cannot create the data folder " + defaultFolder + " (" + e.getMessage() + ").", e);
    }
  }

  /**
   * Stops the inbound journal's sweep and the scheduler (waiting for running timers), then closes
   * the database.
   */
  @Override
  public void close() {
    coach.journal().close();
    scheduling.close();
    database.close();
  }
}
