package coach.core.coverage;

import coach.core.text.RecentResults;
import java.util.Optional;
import java.util.SortedSet;

/**
 * A detector that remembers its last {@link #CAPACITY} analyses, so an answer graded ahead of its
 * transaction is not graded again inside it. Grading is the costliest step of handling an answer;
 * inside the transaction it would hold SQLite's single writer (and a PostgreSQL connection) while
 * it runs. Detectors are deterministic, so a remembered analysis is the one grading again would
 * give. Thread-safe.
 */
public final class RecentDetections implements CoverageDetector {

  /** Analyses remembered; about two per event handler in flight is plenty. */
  static final int CAPACITY = 256;

  private record Key(String answer, Optional<String> promptId, Optional<String> sectionId) {}

  private final CoverageDetector detector;
  private final RecentResults<Key, Detection> recent = new RecentResults<>(CAPACITY);

  public RecentDetections(CoverageDetector detector) {
    this.detector = detector;
  }

  @Override
  public SortedSet<String> detect(
      String answer, Optional<String> promptId, Optional<String> sectionId) {
    return analyse(answer, promptId, sectionId).covered();
  }

  @Override
  public Detection analyse(String answer, Optional<String> promptId, Optional<String> sectionId) {
    return recent.get(
        new Key(answer, promptId, sectionId),
        key -> detector.analyse(key.answer(), key.promptId(), key.sectionId()));
  }
}
