package coach.core.health;

import coach.core.storage.Database;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What an operator watches in the database: practice sessions open now, and messages not yet
 * delivered (mock-session DMs in their outbox, daily posts claimed but not posted, replies to DMs
 * in the reply outbox) with the age of the oldest. Read fresh on each call; a few indexed counts.
 */
public record Backlog(
    long activeSessions,
    long mockOutbox,
    Optional<Duration> mockOutboxAge,
    long dailyUndelivered,
    Optional<Duration> dailyUndeliveredAge,
    long repliesPending,
    Optional<Duration> repliesPendingAge) {

  /** The backlog as it is at {@code now}. */
  public static Backlog read(Database database, Instant now) {
    return database.withHandle(
        h -> {
          long sessions =
              h.createQuery("SELECT COUNT(*) FROM practice_sessions WHERE ended_at IS NULL")
                  .mapTo(Long.class)
                  .one();
          long outbox =
              h.createQuery(
                      "SELECT COUNT(*) FROM mock_outbox WHERE state IN ('pending', 'sending')")
                  .mapTo(Long.class)
                  .one();
          Optional<Long> outboxOldest =
              h.createQuery(
                      "SELECT MIN(created_at) FROM mock_outbox WHERE state IN ('pending',"
                          + " 'sending')")
                  .mapTo(Long.class)
                  .findOne();
          long daily =
              h.createQuery("SELECT COUNT(*) FROM daily_posts WHERE state = 'claimed'")
                  .mapTo(Long.class)
                  .one();
          Optional<Long> dailyOldest =
              h.createQuery("SELECT MIN(scheduled_for) FROM daily_posts WHERE state = 'claimed'")
                  .mapTo(Long.class)
                  .findOne();
          long replies =
              h.createQuery("SELECT COUNT(*) FROM reply_outbox WHERE state = 'pending'")
                  .mapTo(Long.class)
                  .one();
          Optional<Long> repliesOldest =
              h.createQuery("SELECT MIN(created_at) FROM reply_outbox WHERE state = 'pending'")
                  .mapTo(Long.class)
                  .findOne();
          return new Backlog(
              sessions,
              outbox,
              age(outboxOldest, now),
              daily,
              age(dailyOldest, now),
              replies,
              age(repliesOldest, now));
        });
  }

  private static Optional<Duration> age(Optional<Long> oldest, Instant now) {
    return oldest.map(ms -> Duration.between(Instant.ofEpochMilli(ms), now));
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
