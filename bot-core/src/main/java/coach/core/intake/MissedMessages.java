package coach.core.intake;

import coach.core.chat.UserId;
import coach.core.storage.Database;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * What a platform adapter needs to catch up on direct messages that never reached Coach: a message
 * sent while no instance was connected, or in the instant before a crash, before the journal held
 * it. A platform that keeps the conversation's history (Discord) is asked again, after a restart,
 * for the latest messages of the users who were writing lately; those not yet handled are handled
 * then. Handling stays idempotent, so a message two instances both catch up on is handled once.
 */
public final class MissedMessages {

  private final Database database;

  public MissedMessages(Database database) {
    this.database = database;
  }

  /**
   * The users of {@code platform} ({@code discord}) with an event handled within {@code window}
   * before the newest event handled on that platform, the most recent first, at most {@code limit}:
   * who was in the middle of something when Coach stopped.
   */
  public List<UserId> recentWriters(String platform, Duration window, int limit) {
    String users = platform + ":%";
    return database.withHandle(
        h -> {
          Long newest =
              h.createQuery(
                      "SELECT MAX(handled_at) FROM processed_events WHERE user_id LIKE :users")
                  .bind("users", users)
                  .mapTo(Long.class)
                  .findOne()
                  .orElse(null);
          if (newest == null) {
            return List.of();
          }
          return h.createQuery(
                  "SELECT user_id FROM processed_events WHERE user_id LIKE :users AND handled_at"
                      + " >= :since GROUP BY user_id ORDER BY MAX(handled_at) DESC, user_id"
                      + " LIMIT :limit")
              .bind("users", users)
              .bind("since", newest - window.toMillis())
              .bind("limit", limit)
              .map((rs, ctx) -> UserId.parse(rs.getString("user_id")))
              .list();
        });
  }

  /** Which of {@code eventIds} were already handled for {@code user}. */
  public Set<String> handled(UserId user, Collection<String> eventIds) {
    if (eventIds.isEmpty()) {
      return Set.of();
    }
    return database.withHandle(
        h ->
            new HashSet<>(
                h.createQuery(
                        "SELECT event_id FROM processed_events WHERE user_id = :user AND event_id"
                            + " IN (<events>)")
                    .bind("user", user.value())
                    .bindList("events", List.copyOf(eventIds))
                    .mapTo(String.class)
                    .list()));
  }
}
