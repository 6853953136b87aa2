package coach.core.daily;

import java.time.Duration;
import java.util.List;

/**
 * How often a failed post is tried again: after each failed attempt n (from 1) it waits {@code
 * backoff(n)}; after {@code maxAttempts} failures the schedule pauses and its organiser is told.
 */
public record RetryPolicy(List<Duration> waits) {

  /** 1, 5, 15 and 60 minutes: five attempts over about an hour and a half. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(
          List.of(
              Duration.ofMinutes(1),
              Duration.ofMinutes(5),
              Duration.ofMinutes(15),
              Duration.ofMinutes(60)));

  public RetryPolicy {
    waits = List.copyOf(waits);
  }

  public int maxAttempts() {
    return waits.size() + 1;
  }

  /** The wait after the {@code attempt}-th failure (from 1). */
  public Duration backoff(int attempt) {
    return waits.get(Math.min(attempt, waits.size()) - 1);
  }
}
