package coach.core.delivery;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The {@code reply_outbox} table: replies owed for direct-message events, written in the
 * transaction that handled the event. A row is pending until sent; whoever sends it first takes its
 * lease, so one instance at a time calls the platform for it.
 */
public final class ReplyOutbox {

  /** One owed reply. */
  record Owed(String id, UserId user, String eventId, Reply reply, int attempts, Instant created) {}

  /** Owes {@code reply} for {@code eventId}, leased to the caller until {@code leaseUntil}. */
  String enqueue(
      Handle handle, UserId user, String eventId, Reply reply, Instant now, Instant leaseUntil) {
    String id = UUID.randomUUID().toString();
    handle
        .createUpdate(
            "INSERT INTO reply_outbox (id, user_id, event_id, seq, reply, state, attempts,"
                + " next_attempt_at, lease_until, created_at) VALUES (:id, :user, :event,"
                + " (SELECT COALESCE(MAX(seq), 0) + 1 FROM reply_outbox WHERE user_id = :user),"
                + " :reply, 'pending', 0, :now, :lease, :now)")
        .bind("id", id)
        .bind("user", user.value())
        .bind("event", eventId)
        .bind("reply", ReplyJson.write(reply))
        .bind("now", now.toEpochMilli())
        .bind("lease", leaseUntil.toEpochMilli())
        .execute();
    return id;
  }

  /**
   * A user's oldest pending replies (at most 10), found through the pending replies' index (V13).
   */
  static final String PENDING_IDS =
      "SELECT id FROM reply_outbox WHERE user_id = :user AND state = 'pending' ORDER BY seq LIMIT"
          + " 10";

  /** At most :limit replies sent before :before, found through the sent replies' index (V13). */
  static final String PRUNE_SENT =
      "DELETE FROM reply_outbox WHERE id IN (SELECT id FROM reply_outbox WHERE state = 'sent' AND"
          + " sent_at < :before LIMIT :limit)";

  /** The ids of {@code user}'s oldest pending replies, oldest first (at most 10). */
  List<String> pendingIds(Handle handle, UserId user) {
    return handle.createQuery(PENDING_IDS).bind("user", user.value()).mapTo(String.class).list();
  }

  /** Each user's oldest pending reply when due: through the pending replies' indexes (V13). */
  static final String HEADS =
      "SELECT o.* FROM reply_outbox o WHERE o.state = 'pending' AND o.next_attempt_at <= :now AND"
          + " o.lease_until <= :now AND NOT EXISTS (SELECT 1 FROM reply_outbox p WHERE p.user_id"
          + " = o.user_id AND p.state = 'pending' AND p.seq < o.seq) ORDER BY o.created_at,"
          + " o.user_id LIMIT :limit";

  /**
   * The oldest pending reply of each user whose oldest is due and not leased, oldest first, at most
   * {@code limit}: a user whose oldest is backing off or leased is skipped whole, so nothing
   * overtakes it.
   */
  List<Owed> heads(Handle handle, Instant now, int limit) {
    return handle
        .createQuery(HEADS)
        .bind("now", now.toEpochMilli())
        .bind("limit", limit)
        .map(
            (rs, ctx) ->
                new Owed(
                    rs.getString("id"),
                    new UserId(rs.getString("user_id")),
                    rs.getString("event_id"),
                    ReplyJson.read(rs.getString("reply")),
                    rs.getInt("attempts"),
                    Instant.ofEpochMilli(rs.getLong("created_at"))))
        .list();
  }

  /** Takes the lease of a pending reply whose lease ran out; false when someone else has it. */
  boolean lease(Handle handle, String id, Instant now, Instant until) {
    return handle
            .createUpdate(
                "UPDATE reply_outbox SET lease_until = :until WHERE id = :id AND state = 'pending'"
                    + " AND lease_until <= :now")
            .bind("id", id)
            .bind("now", now.toEpochMilli())
            .bind("until", until.toEpochMilli())
            .execute()
        == 1;
  }

  void sent(Handle handle, String id, Instant now) {
    handle
        .createUpdate("UPDATE reply_outbox SET state = 'sent', sent_at = :now WHERE id = :id")
        .bind("id", id)
        .bind("now", now.toEpochMilli())
        .execute();
  }

  /** Records a failed attempt: tried again from {@code retryAt}, or given up when permanent. */
  void failed(Handle handle, String id, String error, boolean permanent, Instant retryAt) {
    handle
        .createUpdate(
            "UPDATE reply_outbox SET attempts = attempts + 1, last_error = :error, state = :state,"
                + " next_attempt_at = :retry, lease_until = :retry WHERE id = :id")
        .bind("id", id)
        .bind("error", error)
        .bind("state", permanent ? "failed" : "pending")
        .bind("retry", retryAt.toEpochMilli())
        .execute();
  }

  /** Lets go of the leases an instance's crash left, for a sole instance at start. */
  int releaseLeases(Handle handle, Instant now) {
    return handle
        .createUpdate(
            "UPDATE reply_outbox SET lease_until = next_attempt_at WHERE state = 'pending' AND"
                + " lease_until > :now")
        .bind("now", now.toEpochMilli())
        .execute();
  }

  /**
   * Deletes at most {@code limit} of the replies sent before {@code before} (their text is the
   * user's, kept no longer); returns how many. Found through the sent replies' index, so a round
   * with nothing to delete reads nothing.
   */
  int pruneSent(Handle handle, Instant before, int limit) {
    return handle
        .createUpdate(PRUNE_SENT)
        .bind("before", before.toEpochMilli())
        .bind("limit", limit)
        .execute();
  }

  /** How many replies are pending, and since when the oldest. */
  public record Depth(int pending, Optional<Instant> oldest) {}

  Depth depth(Handle handle) {
    return handle
        .createQuery(
            "SELECT COUNT(*) AS n, MIN(created_at) AS oldest FROM reply_outbox WHERE state ="
                + " 'pending'")
        .map(
            (rs, ctx) -> {
              long oldest = rs.getLong("oldest");
              return new Depth(
                  rs.getInt("n"),
                  rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(oldest)));
            })
        .one();
  }
}
