package coach.core.mock;

import java.time.Instant;

/**
 * The timers behind mock sessions (Quartz in production). Scheduling a timer replaces the one of
 * the same {@link MockTimer#key()}, so a moved session's timers simply move.
 */
public interface MockTriggers {

  /** Fires {@code timer} at {@code at}. */
  void schedule(MockTimer timer, Instant at);

  /** Removes every pending timer of the session. */
  void cancel(String sessionId);
}
