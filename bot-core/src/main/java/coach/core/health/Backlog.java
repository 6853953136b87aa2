package coach.core.health;

import coach.core.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * What an operator watches in the database: practice sessions open now, and what waits:
 * mock-session DMs in their outbox, daily posts claimed but not posted, replies to DMs in the reply
 * outbox, and DMs in the inbound journal that nothing has handled yet, each with the age of its
 * oldest. Read fresh on each call; one indexed query per queue.
 */
public record Backlog(
    long activeSessions,
    Queue mockOutbox,
    Queue dailyUndelivered,
    Queue repliesPending,
    Queue messagesUnhandled) {

  /** How many wait, and since when the oldest (empty when none). */
  public record Queue(long count, Optional<Duration> oldest) {

    /** The oldest's age in seconds, 0 when none waits. */
    public double oldestSeconds() {
      return oldest.map(d -> d.toMillis() / 1000.0).orElse(0.0);
    }
  }

  /** The backlog as it is at {@code now}. */
  public static Backlog read(Database database, Instant now) {
    return database.withHandle(
        h ->
            new Backlog(
                h.createQuery("SELECT COUNT(*) FROM practice_sessions WHERE ended_at IS NULL")
                    .mapTo(Long.class)
                    .one(),
                queue(h, now, "created_at", "mock_outbox WHERE state IN ('pending', 'sending')"),
                queue(h, now, "scheduled_for", "daily_posts WHERE state = 'claimed'"),
                queue(h, now, "created_at", "reply_outbox WHERE state = 'pending'"),
                queue(
                    h,
                    now,
                    "received_at",
                    "inbound_journal j WHERE NOT EXISTS (SELECT 1 FROM processed_events p WHERE"
                        + " p.user_id = j.user_id AND p.event_id = j.event_id)")));
  }

  /**
   * Counts the rows of {@code from} (a table and its condition) and finds the oldest {@code at}.
   */
  private static Queue queue(Handle h, Instant now, String at, String from) {
    return h.createQuery("SELECT COUNT(*) AS n, MIN(" + at + ") AS oldest FROM " + from)
        .map(
            (rs, ctx) -> {
              long count = rs.getLong("n");
              long oldest = rs.getLong("oldest");
              return new Queue(
                  count,
                  rs.wasNull() // no rows: MIN is NULL
                      ? Optional.empty()
                      : Optional.of(Duration.between(Instant.ofEpochMilli(oldest), now)));
            })
        .one();
  }

  /** Whether the database answers a trivial query. */
  public static boolean databaseUp(Database database) {
    try {
      return database.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
    } catch (RuntimeException e) {
      return false;
    }
  }
}
