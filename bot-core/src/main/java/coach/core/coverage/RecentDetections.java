package coach.core.coverage;

import java.util.LinkedHashMap;
import java.util.Map;
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

  private final Map<Key, Detection> recent =
      new LinkedHashMap<>(CAPACITY * 2, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Key, Detection> eldest) {
          return size() > CAPACITY;
        }
      };

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
    Key key = new Key(answer, promptId, sectionId);
    synchronized (recent) {
      Detection known = recent.get(key);
      if (known != null) {
        return known;
      }
    }
    // graded outside the lock: two threads grading the same answer at once both get the same
    Detection fresh = detector.analyse(answer, promptId, sectionId);
    synchronized (recent) {
      recent.put(key, fresh);
    }
    return fresh;
  }
}
