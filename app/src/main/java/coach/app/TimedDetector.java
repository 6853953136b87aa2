package coach.app;

import coach.core.coverage.CoverageDetector;
import coach.core.coverage.Detection;
import coach.core.health.CoachMetrics;
import java.time.Duration;
import java.util.Optional;
import java.util.SortedSet;

/** A detector that records how long each grading takes ({@link CoachMetrics#GRADING}). */
record TimedDetector(CoverageDetector inner) implements CoverageDetector {

  @Override
  public SortedSet<String> detect(
      String answer, Optional<String> promptId, Optional<String> sectionId) {
    long started = System.nanoTime();
    try {
      return inner.detect(answer, promptId, sectionId);
    } finally {
      CoachMetrics.grading(Duration.ofNanos(System.nanoTime() - started));
    }
  }

  @Override
  public Detection analyse(String answer, Optional<String> promptId, Optional<String> sectionId) {
    long started = System.nanoTime();
    try {
      return inner.analyse(answer, promptId, sectionId);
    } finally {
      CoachMetrics.grading(Duration.ofNanos(System.nanoTime() - started));
    }
  }
}
