package coach.core.progress;

import java.time.Instant;
import java.util.Optional;

/**
 * One user's history with one concept. {@code timesSelfReported} counts the coverings the user
 * claimed themselves ("I covered that"); they are included in {@code timesCovered}. {@code
 * timesDaily} and {@code timesPeer} count the coverings earned in a daily-post thread and from a
 * mock interviewer's feedback; the rest came from DM practice.
 */
public record ConceptStats(
    int timesCovered,
    int timesMissed,
    int timesSelfReported,
    int timesDaily,
    int timesPeer,
    Optional<Instant> firstCovered,
    Optional<Instant> lastCovered) {

  public static final ConceptStats NONE =
      new ConceptStats(0, 0, 0, 0, 0, Optional.empty(), Optional.empty());

  /** Coverings earned in DM practice sessions. */
  public int timesPractice() {
    return timesCovered - timesDaily - timesPeer;
  }

  public boolean covered() {
    return timesCovered > 0;
  }
}
