package coach.core.chat;

import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * Remembers which platform events were handled, so a redelivered event (a retry, a reconnect, a
 * double click) changes nothing twice.
 */
public final class ProcessedEvents {

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
}
