package coach.core.chat;

import java.time.Duration;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Remembers which platform events were handled, so a redelivered event (a retry, a reconnect, a
 * double click) changes nothing twice.
 */
public final class ProcessedEvents {

  /**
   * How long a handled event is remembered: far longer than any platform redelivers one (Slack
   * within minutes), than the inbound journal keeps an entry (a day), and than a catch-up looks
   * back (an hour), so forgetting it changes nothing twice.
   */
  public static final Duration KEEP = Duration.ofDays(30);

  /**
   * Records the event as handled; returns false when it was handled before. Call it in the same
   * transaction as the handling, so a crash leaves neither.
   */
  public boolean markNew(Handle handle, UserId user, String eventId, Instant now) {
    return handle
            .createUpdate(
                "INSERT INTO processed_events (user_id, event_id, handled_at)"
                    + " VALUES (:user, :event, :now) ON CONFLICT (user_id, event_id) DO NOTHING")
            .bind("user", user.value())
            .bind("event", eventId)
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /**
   * Forgets at most {@code limit} of the events handled before {@code before}; returns how many. In
   * batches, so a large backlog never holds the writer for long.
   */
  public int forgetHandledBefore(Handle handle, Instant before, int limit) {
    return handle
        .createUpdate(
            "DELETE FROM processed_events WHERE (user_id, event_id) IN (SELECT user_id, event_id"
                + " FROM processed_events WHERE handled_at < :before LIMIT :limit)")
        .bind("before", before.toEpochMilli())
        .bind("limit", limit)
        .execute();
  }
}
