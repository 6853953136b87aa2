package coach.app;

import coach.core.coverage.CoverageDetector;
import coach.core.coverage.LearnedCoverageDetector;
import coach.core.coverage.LexicalCoverageDetector;
import coach.core.curriculum.Curriculum;
import java.nio.file.Path;

/** Builds the coverage detector: the lexical detector with the learned stage on top. */
final class Detectors {
  private Detectors() {}

  /** The shipped detector. */
  static CoverageDetector create(Curriculum curriculum) {
    return create(curriculum, null);
  }

  /** The detector with a lexicon read from a folder (null: the built-in one), for tuning. */
  static CoverageDetector create(Curriculum curriculum, Path lexiconDir) {
    return LearnedCoverageDetector.shipped(lexical(curriculum, lexiconDir));
  }

  /** The lexical detector alone, with a lexicon read from a folder (null: the built-in one). */
  static LexicalCoverageDetector lexical(Curriculum curriculum, Path lexiconDir) {
    return lexiconDir == null
        ? LexicalCoverageDetector.create(curriculum)
        : LexicalCoverageDetector.create(curriculum, lexiconDir);
  }
}
