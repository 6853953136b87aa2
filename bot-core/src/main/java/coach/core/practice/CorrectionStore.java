package coach.core.practice;

import coach.core.chat.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/** Claims and contests in {@code corrections}. Methods run on the caller's handle. */
public final class CorrectionStore {

  private static final String COLUMNS =
      "id, session_id, answer_id, concept_id, verdict, created_at";

  /** Stores a verdict and returns it. */
  public Correction add(
      Handle handle,
      UserId user,
      String sessionId,
      Optional<String> answerId,
      String conceptId,
      Correction.Verdict verdict,
      Instant at) {
    Correction correction =
        new Correction(UUID.randomUUID().toString(), sessionId, answerId, conceptId, verdict, at);
    handle
        .createUpdate(
            "INSERT INTO corrections (id, user_id, session_id, answer_id, concept_id, verdict,"
                + " created_at) VALUES (:id, :user, :session, :answer, :concept, :verdict, :at)")
        .bind("id", correction.id())
        .bind("user", user.value())
        .bind("session", sessionId)
        .bind("answer", answerId.orElse(null))
        .bind("concept", conceptId)
        .bind("verdict", verdict.code())
        .bind("at", at.toEpochMilli())
        .execute();
    return correction;
  }

  /** A session's corrections, oldest first. */
  public List<Correction> ofSession(Handle handle, String sessionId) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM corrections WHERE session_id = :session"
                + " ORDER BY created_at, id")
        .bind("session", sessionId)
        .map(CorrectionStore::correction)
        .list();
  }

  /** Every correction of every user, oldest first (for {@code corrections export}). */
  public List<Correction> all(Handle handle) {
    return handle
        .createQuery("SELECT " + COLUMNS + " FROM corrections ORDER BY created_at, id")
        .map(CorrectionStore::correction)
        .list();
  }

  /** One user's corrections, oldest first. */
  public List<Correction> ofUser(Handle handle, UserId user) {
    return handle
        .createQuery(
            "SELECT "
                + COLUMNS
                + " FROM corrections WHERE user_id = :user"
                + " ORDER BY created_at, id")
        .bind("user", user.value())
        .map(CorrectionStore::correction)
        .list();
  }

  private static Correction correction(ResultSet rs, StatementContext ctx) throws SQLException {
    return new Correction(
        rs.getString("id"),
        rs.getString("session_id"),
        Optional.ofNullable(rs.getString("answer_id")),
        rs.getString("concept_id"),
        Correction.Verdict.ofCode(rs.getString("verdict")),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
