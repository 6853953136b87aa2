package coach.core.testing;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyTriggers;
import coach.core.storage.Database;
import java.time.Clock;
import java.time.ZoneId;

/** The channel features as tests build them: the built-in curriculum, a concept-id detector. */
public final class TestFeatures {

  public static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  private TestFeatures() {}

  /** Daily prompts on {@code database} with {@code settings}, timed by {@code triggers}. */
  public static DailyPrompts daily(
      Database database,
      Clock clock,
      ZoneId zone,
      DailyPrompts.Settings settings,
      DailyTriggers triggers) {
    return new DailyPrompts(
        database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, zone, settings, triggers);
  }
}
