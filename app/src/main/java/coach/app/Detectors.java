package coach.app;

import coach.core.coverage.CoverageDetector;
import coach.core.coverage.LexicalCoverageDetector;
import coach.core.curriculum.Curriculum;
import java.nio.file.Path;

/** Builds the coverage detector. */
final class Detectors {
  private Detectors() {}

  /** The shipped detector. */
  static CoverageDetector create(Curriculum curriculum) {
    return LexicalCoverageDetector.create(curriculum);
  }

  /** The detector with a lexicon read from a folder, for tuning without a rebuild. */
  static CoverageDetector create(Curriculum curriculum, Path lexiconDir) {
    return lexiconDir == null
        ? create(curriculum)
        : LexicalCoverageDetector.create(curriculum, lexiconDir);
  }
}
