package coach.core.progress;

import java.time.Instant;
import java.util.Optional;

/**
 * One user's history with one concept. {@code timesSelfReported} counts the coverings the user
 * claimed themselves ("I covered that"); they are included in {@code timesCovered}.
 */
public record ConceptStats(
    int timesCovered,
    int timesMissed,
    int timesSelfReported,
    Optional<Instant> firstCovered,
    Optional<Instant> lastCovered) {

  public static final ConceptStats NONE =
      new ConceptStats(0, 0, 0, Optional.empty(), Optional.empty());

  public boolean covered() {
    return timesCovered > 0;
  }
}
