package coach.core.coverage;

import coach.core.chat.UserId;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;
import org.jdbi.v3.core.Handle;

/** Each user's coverage events: a concept covered or missed, when, and in which answer. */
public final class CoverageStore {

  /** Whether a concept was covered or asked about and missed. */
  public enum Outcome {
    COVERED("covered"),
    MISSED("missed");

    private final String code;

    Outcome(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /** Where a covering came from; stored as {@link #code()}. */
  public enum Source {
    PRACTICE("practice"),
    DAILY("daily"),
    PEER("peer");

    private final String code;

    Source(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }
  }

  /**
   * Records concepts a user covered outside a practice session: in a daily-post thread or in a mock
   * interviewer's feedback. {@code answerId} names a practice answer, so it is usually null here.
   */
  public void recordCovered(
      Handle handle,
      UserId user,
      Collection<String> conceptIds,
      Source source,
      String answerId,
      Instant at) {
    record(handle, user, conceptIds, Outcome.COVERED, null, answerId, at, false, source);
  }

  /** Records one event per concept. {@code sessionId} and {@code answerId} may be null. */
  public void record(
      Handle handle,
      UserId user,
      Collection<String> conceptIds,
      Outcome outcome,
      String sessionId,
      String answerId,
      Instant at) {
    record(handle, user, conceptIds, outcome, sessionId, answerId, at, false, Source.PRACTICE);
  }

  /** Records that the user claimed a concept themselves ("I covered that"). */
  public void recordClaim(
      Handle handle, UserId user, String conceptId, String sessionId, String answerId, Instant at) {
    record(
        handle,
        user,
        java.util.List.of(conceptId),
        Outcome.COVERED,
        sessionId,
        answerId,
        at,
        true,
        Source.PRACTICE);
  }

  /** Deletes a session's coverings of a concept (the user contested the credit). */
  public void removeCovered(Handle handle, UserId user, String conceptId, String sessionId) {
    handle
        .createUpdate(
            "DELETE FROM coverage_events WHERE user_id = :user AND session_id = :session"
                + " AND concept_id = :concept AND outcome = 'covered'")
        .bind("user", user.value())
        .bind("session", sessionId)
        .bind("concept", conceptId)
        .execute();
  }

  private void record(
      Handle handle,
      UserId user,
      Collection<String> conceptIds,
      Outcome outcome,
      String sessionId,
      String answerId,
      Instant at,
      boolean selfReported,
      Source source) {
    if (conceptIds.isEmpty()) {
      return;
    }
    var batch =
        handle.prepareBatch(
            "INSERT INTO coverage_events"
                + " (id, user_id, concept_id, outcome, session_id, answer_id, occurred_at,"
                + " self_reported, source)"
                + " VALUES (:id, :user, :concept, :outcome, :session, :answer, :at, :self,"
                + " :source)");
    for (String concept : conceptIds) {
      batch
          .bind("id", UUID.randomUUID().toString())
          .bind("user", user.value())
          .bind("concept", concept)
          .bind("outcome", outcome.code())
          .bind("session", sessionId)
          .bind("answer", answerId)
          .bind("at", at.toEpochMilli())
          .bind("self", selfReported ? 1 : 0)
          .bind("source", source.code())
          .add();
    }
    batch.execute();
  }
}
