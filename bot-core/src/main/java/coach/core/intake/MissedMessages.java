package coach.core.intake;

import coach.core.chat.Lanes;
import coach.core.chat.UserId;
import coach.core.storage.Database;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a platform adapter needs to catch up on direct messages that never reached Coach: a message
 * sent while no instance was connected, or in the instant before a crash, before the journal held
 * it. A platform that keeps the conversation's history (Discord, Slack) is asked again, after a
 * restart, for the latest messages of the users who were writing lately; those not yet handled are
 * handled then. Handling stays idempotent, so a message two instances both catch up on is handled
 * once.
 */
public final class MissedMessages {

  private static final Logger log = LoggerFactory.getLogger(MissedMessages.class);

  /** How long before the last handled event a user must have written to be caught up on. */
  public static final Duration WINDOW = Duration.ofHours(1);

  /** Users caught up on at most, the most recent writers first. */
  public static final int USERS = 200;

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

  /** One user's catch-up: handles what they missed; returns how many messages. */
  public interface UserCatchUp {
    int run(UserId user, Tally tally);
  }

  /**
   * Queues {@code catchUp} on the lane ({@code laneKey}) of each user of {@code platform} whose id
   * starts with {@code prefix} who wrote within {@link #WINDOW} before the platform's last handled
   * event (at most {@link #USERS}, the most recent first). Returns how many were queued; never
   * throws. {@code label} names the platform in the log ({@code Slack}).
   */
  public int queueForRecentWriters(
      String platform,
      String prefix,
      String label,
      Lanes lanes,
      Function<UserId, String> laneKey,
      UserCatchUp catchUp) {
    List<UserId> writers;
    try {
      writers =
          recentWriters(platform, WINDOW, USERS).stream()
              .filter(u -> u.value().startsWith(prefix))
              .toList();
    } catch (RuntimeException e) {
      log.warn("could not find whose {} DMs to catch up on", label, e);
      return 0;
    }
    if (writers.isEmpty()) {
      return 0;
    }
    Tally tally = new Tally(label, writers.size());
    for (UserId writer : writers) {
      lanes.submit(laneKey.apply(writer), () -> tally.done(catchUp.run(writer, tally)));
    }
    return writers.size();
  }

  /**
   * Of {@code newestFirst} (a user's own latest messages, as the platform lists them), those newer
   * than the newest one already handled, oldest first: what {@code user} sent that never reached
   * Coach. Empty when none of them was handled: without that anchor Coach cannot tell what is new
   * (more messages came than were read, or the platform names them otherwise than its events did),
   * and answering a whole history again would be worse than missing a message.
   */
  public <M> List<M> newerThanHandled(
      UserId user, List<M> newestFirst, Function<M, String> eventId) {
    Set<String> handled = handled(user, newestFirst.stream().map(eventId).toList());
    List<M> newer = new ArrayList<>();
    for (M message : newestFirst) {
      if (handled.contains(eventId.apply(message))) {
        Collections.reverse(newer);
        return newer;
      }
      newer.add(message);
    }
    return List.of();
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

  /**
   * Counts the users one catch-up went through, and logs one line once the last is done; the first
   * DM that could not be read is logged at INFO, the others at DEBUG. Thread-safe.
   */
  public static final class Tally {
    private final String platform;
    private final int users;
    private final AtomicInteger left;
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();

    /**
     * @param platform as users read it in the log ({@code Discord})
     */
    public Tally(String platform, int users) {
      this.platform = platform;
      this.users = users;
      this.left = new AtomicInteger(users);
    }

    /** {@code user}'s DM could not be read: {@code why}. */
    public void failed(UserId user, String why) {
      if (failures.incrementAndGet() == 1) {
        log.info("could not read the {} DM of {} to catch up on it: {}", platform, user, why);
      } else {
        log.debug("could not read the {} DM of {}: {}", platform, user, why);
      }
    }

    /** One user's catch-up is over, with {@code handled} messages handled. */
    public void done(int handled) {
      messages.addAndGet(handled);
      if (left.decrementAndGet() == 0) {
        log.info(
            "caught up on the {} DMs of {} users: {} messages Coach had missed handled now, {} DMs"
                + " could not be read",
            platform,
            users,
            messages.get(),
            failures.get());
      }
    }
  }
}
