package coach.core.mock;

import coach.core.chat.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/**
 * The messages mock sessions owe people, written in the transaction that decided them. Each has a
 * dedupe key, so the same reminder or pairing message is owed once however often its step runs. A
 * message is claimed ({@code sending}) before it is sent and marked {@code sent} after: a crash
 * between the platform call and that mark sends it once more at the next start, the only case in
 * which a message can repeat.
 */
public final class MockOutbox {

  /** How many times a message is tried before it is given up. */
  static final int MAX_ATTEMPTS = 5;

  /** What a message is; each kind is rendered by {@link MockMessages}. */
  public enum Kind {
    ANNOUNCE,
    PROMOTED,
    CANCELLED,
    MOVED,
    REMIND,
    PAIRED,
    ALONE,
    SWAP,
    FEEDBACK_FORM,
    FEEDBACK,
    NOTICE
  }

  /** One owed message; {@code user} is empty for the channel. */
  public record Message(
      String id, String sessionId, Kind kind, Optional<UserId> user, String detail, int attempts) {}

  /** Owes a message; false when one with this key is owed or sent already. */
  public boolean enqueue(
      Handle handle,
      String dedupeKey,
      String sessionId,
      Kind kind,
      Optional<UserId> user,
      String detail,
      Instant now) {
    return handle
            .createUpdate(
                "INSERT INTO mock_outbox (id, dedupe_key, session_id, kind, user_id, detail, state,"
                    + " created_at) VALUES (:id, :key, :session, :kind, :user, :detail, 'pending',"
                    + " :now) ON CONFLICT (dedupe_key) DO NOTHING")
            .bind("id", UUID.randomUUID().toString())
            .bind("key", dedupeKey)
            .bind("session", sessionId)
            .bind("kind", kind.name())
            .bind("user", user.map(UserId::value).orElse(null))
            .bind("detail", detail)
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /** Messages waiting to go, oldest first. */
  public List<Message> pending(Handle handle) {
    return handle
        .createQuery("SELECT * FROM mock_outbox WHERE state = 'pending' ORDER BY created_at, id")
        .map((rs, ctx) -> message(rs))
        .list();
  }

  /**
   * Puts back in the queue the messages a crash interrupted mid-send. Call it at start, before
   * anything of this process sends.
   */
  public int requeueInterrupted(Handle handle) {
    return handle
        .createUpdate("UPDATE mock_outbox SET state = 'pending' WHERE state = 'sending'")
        .execute();
  }

  /** Claims a message for sending; false when another thread has it or it went already. */
  public boolean claim(Handle handle, String id) {
    return handle
            .createUpdate(
                "UPDATE mock_outbox SET state = 'sending', attempts = attempts + 1 WHERE id = :id"
                    + " AND state = 'pending'")
            .bind("id", id)
            .execute()
        == 1;
  }

  public void sent(Handle handle, String id, Instant now) {
    handle
        .createUpdate("UPDATE mock_outbox SET state = 'sent', sent_at = :now WHERE id = :id")
        .bind("now", now.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  /** Puts a failed message back in the queue, or gives it up after {@link #MAX_ATTEMPTS}. */
  public void failed(Handle handle, String id, String error) {
    handle
        .createUpdate(
            "UPDATE mock_outbox SET state = CASE WHEN attempts >= :max THEN 'failed' ELSE"
                + " 'pending' END, last_error = :error WHERE id = :id")
        .bind("max", MAX_ATTEMPTS)
        .bind("error", error)
        .bind("id", id)
        .execute();
  }

  /** Counts by state, for tests and {@code coach schedules}. */
  public int count(Handle handle, String sessionId, Kind kind, String state) {
    return handle
        .createQuery(
            "SELECT COUNT(*) FROM mock_outbox WHERE session_id = :session AND kind = :kind"
                + " AND state = :state")
        .bind("session", sessionId)
        .bind("kind", kind.name())
        .bind("state", state)
        .mapTo(Integer.class)
        .one();
  }

  private static Message message(ResultSet rs) throws SQLException {
    String user = rs.getString("user_id");
    String detail = rs.getString("detail");
    return new Message(
        rs.getString("id"),
        rs.getString("session_id"),
        Kind.valueOf(rs.getString("kind")),
        Optional.ofNullable(user).map(UserId::new),
        detail == null ? "" : detail,
        rs.getInt("attempts"));
  }
}
