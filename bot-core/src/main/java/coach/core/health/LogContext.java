package coach.core.health;

import org.slf4j.MDC;

/**
 * The ids every log line about an event carries ({@code event}, {@code user}), in SLF4J's MDC; the
 * log pattern prints them. Never text a user wrote.
 */
public final class LogContext {

  /** The MDC key of the platform event's id. */
  public static final String EVENT = "event";

  /** The MDC key of the user's id. */
  public static final String USER = "user";

  private LogContext() {}

  /** Restores the ids that were there before; close it when the event is handled. */
  public static final class Scope implements AutoCloseable {
    private final String event;
    private final String user;

    private Scope(String event, String user) {
      this.event = event;
      this.user = user;
    }

    @Override
    public void close() {
      restore(EVENT, event);
      restore(USER, user);
    }

    private static void restore(String key, String value) {
      if (value == null) {
        MDC.remove(key);
      } else {
        MDC.put(key, value);
      }
    }
  }

  /** Sets the event's and user's ids for the lines logged until the scope closes. */
  public static Scope event(String eventId, String userId) {
    Scope previous = new Scope(MDC.get(EVENT), MDC.get(USER));
    MDC.put(EVENT, eventId);
    MDC.put(USER, userId);
    return previous;
  }
}
