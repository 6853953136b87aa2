package coach.app;

import coach.app.config.CoachConfig;
import coach.core.Coach;
import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
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

  private Services(CoachConfig config, ZoneId defaultZone) {
    this.config = config;
    this.curriculum = CurriculumLoader.loadDefault();
    this.detector = Detectors.create(curriculum);
    this.database = Database.open(config.databaseUrl());
    this.coach =
        new Coach(
            database, curriculum, detector, Clock.systemUTC(), defaultZone, config.maxFollowups());
  }

  /** Everything, configured from environment variables. */
  static Services start(Map<String, String> env, ZoneId defaultZone) {
    return new Services(CoachConfig.fromEnvironment(env), defaultZone);
  }

  @Override
  public void close() {
    database.close();
  }
}
