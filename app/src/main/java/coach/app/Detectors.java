package coach.app;

import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import java.util.TreeSet;

/** Picks the coverage detector. */
final class Detectors {
  private Detectors() {}

  static CoverageDetector create(Curriculum curriculum) {
    return (answer, prompt, section) -> new TreeSet<>();
  }
}
