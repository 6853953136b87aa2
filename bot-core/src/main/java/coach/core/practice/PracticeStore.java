package coach.core.practice;

import coach.core.chat.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Practice sessions and their answers, in {@code practice_sessions}, {@code answers} and {@code
 * answer_concepts}. Methods run on the caller's handle (and transaction).
 */
public final class PracticeStore {

  private static final String SESSION_COLUMNS =
      "id, user_id, prompt_id, current_section, state, started_at, updated_at, ended_at,"
          + " followup_concept, followed_up, auto_moved_at, depth_asked, pushback_concept";

  /** The user's open (active or paused) session, if any. */
  public Optional<PracticeSession> findOpen(Handle handle, UserId user) {
    return handle
        .createQuery(
            "SELECT "
                + SESSION_COLUMNS
                + " FROM practice_sessions WHERE user_id = :user AND ended_at IS NULL")
        .bind("user", user.value())
        .map(PracticeStore::session)
        .findOne();
  }

  /** The user's sessions, newest first. */
  public List<PracticeSession> sessionsOf(Handle handle, UserId user) {
    return handle
        .createQuery(
            "SELECT "
                + SESSION_COLUMNS
                + " FROM practice_sessions WHERE user_id = :user ORDER BY started_at DESC, id")
        .bind("user", user.value())
        .map(PracticeStore::session)
        .list();
  }

  public void insert(Handle handle, PracticeSession session) {
    handle
        .createUpdate(
            "INSERT INTO practice_sessions ("
                + SESSION_COLUMNS
                + ") VALUES (:id, :user, :prompt, :section, :state, :started, :updated, :ended,"
                + " :followup, :followedUp, :autoMoved, :depthAsked, :pushback)")
        .bind("id", session.id())
        .bind("user", session.userId().value())
        .bind("prompt", session.promptId())
        .bind("section", session.currentSection())
        .bind("state", session.state().code())
        .bind("started", session.startedAt().toEpochMilli())
        .bind("updated", session.updatedAt().toEpochMilli())
        .bind("ended", session.endedAt().map(Instant::toEpochMilli).orElse(null))
        .bind("followup", session.followupConcept().orElse(null))
        .bind("followedUp", String.join(",", session.followedUp()))
        .bind("autoMoved", session.autoMovedAt().map(Instant::toEpochMilli).orElse(null))
        .bind("depthAsked", session.depthAsked() ? 1 : 0)
        .bind("pushback", session.pushback().orElse(null))
        .execute();
  }

  /** Saves the session's section, follow-ups, state and times. */
  public void update(Handle handle, PracticeSession session) {
    handle
        .createUpdate(
            "UPDATE practice_sessions SET current_section = :section, state = :state,"
                + " updated_at = :updated, ended_at = :ended, followup_concept = :followup,"
                + " followed_up = :followedUp, auto_moved_at = :autoMoved,"
                + " depth_asked = :depthAsked, pushback_concept = :pushback WHERE id = :id")
        .bind("id", session.id())
        .bind("section", session.currentSection())
        .bind("state", session.state().code())
        .bind("updated", session.updatedAt().toEpochMilli())
        .bind("ended", session.endedAt().map(Instant::toEpochMilli).orElse(null))
        .bind("followup", session.followupConcept().orElse(null))
        .bind("followedUp", String.join(",", session.followedUp()))
        .bind("autoMoved", session.autoMovedAt().map(Instant::toEpochMilli).orElse(null))
        .bind("depthAsked", session.depthAsked() ? 1 : 0)
        .bind("pushback", session.pushback().orElse(null))
        .execute();
  }

  /**
   * Stores an answer and its detected concepts. Returns empty when the same platform event was
   * stored for this session before (a redelivery).
   */
  public Optional<Answer> addAnswer(
      Handle handle,
      PracticeSession session,
      String section,
      Answer.Kind kind,
      String text,
      Instant receivedAt,
      String sourceEventId,
      Set<String> concepts) {
    return addAnswer(
        handle, session.id(), section, kind, text, receivedAt, sourceEventId, concepts, null);
  }

  /**
   * Stores the new wording of an edited answer, pointing at the answer it revises (the original,
   * never an earlier edit). Returns empty when this edit event was stored before.
   */
  public Optional<Answer> addEdit(
      Handle handle,
      Answer revised,
      String text,
      Instant receivedAt,
      String sourceEventId,
      Set<String> concepts) {
    return addAnswer(
        handle,
        revised.sessionId(),
        revised.section(),
        Answer.Kind.EDIT,
        text,
        receivedAt,
        sourceEventId,
        concepts,
        revised.id());
  }

  private Optional<Answer> addAnswer(
      Handle handle,
      String sessionId,
      String section,
      Answer.Kind kind,
      String text,
      Instant receivedAt,
      String sourceEventId,
      Set<String> concepts,
      String revises) {
    String id = UUID.randomUUID().toString();
    int inserted =
        handle
            .createUpdate(
                "INSERT INTO answers"
                    + " (id, session_id, section, kind, text, received_at, source_event_id,"
                    + " revises) VALUES (:id, :session, :section, :kind, :text, :at, :event,"
                    + " :revises) ON CONFLICT (session_id, source_event_id) DO NOTHING")
            .bind("id", id)
            .bind("revises", revises)
            .bind("session", sessionId)
            .bind("section", section)
            .bind("kind", kind.code())
            .bind("text", text)
            .bind("at", receivedAt.toEpochMilli())
            .bind("event", sourceEventId)
            .execute();
    if (inserted == 0) {
      return Optional.empty();
    }
    var batch =
        handle.prepareBatch(
            "INSERT INTO answer_concepts (answer_id, concept_id) VALUES (:answer, :concept)");
    for (String concept : concepts) {
      batch.bind("answer", id).bind("concept", concept).add();
    }
    if (!concepts.isEmpty()) {
      batch.execute();
    }
    return Optional.of(new Answer(id, sessionId, section, kind, text, receivedAt, concepts));
  }

  /**
   * The answer or follow-up answer {@code user} sent as platform event {@code sourceEventId} (not
   * an edit, not a question to the interviewer), with the concepts of all its versions: the answer
   * itself and every edit of it.
   */
  public Optional<Answer> findAnswerByEvent(Handle handle, UserId user, String sourceEventId) {
    return handle
        .createQuery(
            "SELECT a.id, a.session_id, a.section, a.kind, a.text, a.received_at"
                + " FROM answers a JOIN practice_sessions s ON s.id = a.session_id"
                + " WHERE s.user_id = :user AND a.source_event_id = :event"
                + " AND a.revises IS NULL AND a.kind <> 'question'")
        .bind("user", user.value())
        .bind("event", sourceEventId)
        .map((rs, ctx) -> answer(rs, conceptsOfAllVersions(handle, rs.getString("id"))))
        .findFirst();
  }

  private static Set<String> conceptsOfAllVersions(Handle handle, String answerId) {
    return new TreeSet<>(
        handle
            .createQuery(
                "SELECT DISTINCT c.concept_id FROM answer_concepts c"
                    + " JOIN answers a ON a.id = c.answer_id"
                    + " WHERE a.id = :answer OR a.revises = :answer")
            .bind("answer", answerId)
            .mapTo(String.class)
            .list());
  }

  private static Answer answer(ResultSet rs, Set<String> concepts) throws SQLException {
    return new Answer(
        rs.getString("id"),
        rs.getString("session_id"),
        rs.getString("section"),
        Answer.Kind.ofCode(rs.getString("kind")),
        rs.getString("text"),
        Instant.ofEpochMilli(rs.getLong("received_at")),
        concepts);
  }

  /** A session's answers, oldest first, with their concepts. */
  public List<Answer> answers(Handle handle, String sessionId) {
    Map<String, Set<String>> concepts = new LinkedHashMap<>();
    handle
        .createQuery(
            "SELECT c.answer_id, c.concept_id FROM answer_concepts c"
                + " JOIN answers a ON a.id = c.answer_id WHERE a.session_id = :session"
                + " ORDER BY c.concept_id")
        .bind("session", sessionId)
        .map((rs, ctx) -> Map.entry(rs.getString(1), rs.getString(2)))
        .forEach(
            e ->
                concepts.computeIfAbsent(e.getKey(), k -> new LinkedHashSet<>()).add(e.getValue()));
    List<Answer> answers = new ArrayList<>();
    handle
        .createQuery(
            "SELECT id, session_id, section, kind, text, received_at FROM answers"
                + " WHERE session_id = :session ORDER BY received_at, id")
        .bind("session", sessionId)
        .map((rs, ctx) -> answer(rs, concepts.getOrDefault(rs.getString("id"), Set.of())))
        .forEach(answers::add);
    return answers;
  }

  private static PracticeSession session(ResultSet rs, StatementContext ctx) throws SQLException {
    long ended = rs.getLong("ended_at");
    Optional<Instant> endedAt =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(ended));
    long autoMoved = rs.getLong("auto_moved_at");
    Optional<Instant> autoMovedAt =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(autoMoved));
    return new PracticeSession(
        rs.getString("id"),
        new UserId(rs.getString("user_id")),
        rs.getString("prompt_id"),
        rs.getString("current_section"),
        SessionState.ofCode(rs.getString("state")),
        Instant.ofEpochMilli(rs.getLong("started_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")),
        endedAt,
        Optional.ofNullable(rs.getString("followup_concept")),
        rs.getString("followed_up").isEmpty()
            ? List.of()
            : List.of(rs.getString("followed_up").split(",")),
        autoMovedAt,
        rs.getInt("depth_asked") == 1,
        Optional.ofNullable(rs.getString("pushback_concept")));
  }
}
