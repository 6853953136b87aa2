package coach.core.progress;

import coach.core.chat.UserId;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Reads each user's coverage history from {@code coverage_events} and {@code answers}. */
public final class ProgressStore {

  /** Per concept: times covered and missed, first and last covered. */
  public Map<String, ConceptStats> conceptStats(Handle handle, UserId user) {
    Map<String, ConceptStats> stats = new HashMap<>();
    handle
        .createQuery(
            "SELECT concept_id,"
                + " SUM(CASE WHEN outcome = 'covered' THEN 1 ELSE 0 END) AS covered,"
                + " SUM(CASE WHEN outcome = 'missed' THEN 1 ELSE 0 END) AS missed,"
                + " SUM(CASE WHEN outcome = 'covered' AND self_reported = 1 THEN 1 ELSE 0 END)"
                + " AS self_reported,"
                + " SUM(CASE WHEN outcome = 'covered' AND source = 'daily' THEN 1 ELSE 0 END)"
                + " AS from_daily,"
                + " SUM(CASE WHEN outcome = 'covered' AND source = 'peer' THEN 1 ELSE 0 END)"
                + " AS from_peer,"
                + " MIN(CASE WHEN outcome = 'covered' THEN occurred_at END) AS first_covered,"
                + " MAX(CASE WHEN outcome = 'covered' THEN occurred_at END) AS last_covered"
                + " FROM coverage_events WHERE user_id = :user GROUP BY concept_id")
        .bind("user", user.value())
        .map(
            (rs, ctx) -> {
              long first = rs.getLong("first_covered");
              Optional<Instant> firstCovered =
                  rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(first));
              long last = rs.getLong("last_covered");
              Optional<Instant> lastCovered =
                  rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(last));
              return Map.entry(
                  rs.getString("concept_id"),
                  new ConceptStats(
                      rs.getInt("covered"),
                      rs.getInt("missed"),
                      rs.getInt("self_reported"),
                      rs.getInt("from_daily"),
                      rs.getInt("from_peer"),
                      firstCovered,
                      lastCovered));
            })
        .forEach(e -> stats.put(e.getKey(), e.getValue()));
    return stats;
  }

  /** When the user sent answers (not questions), oldest first: the days they practised. */
  public List<Instant> practiceTimes(Handle handle, UserId user) {
    return handle
        .createQuery(
            "SELECT a.received_at FROM answers a JOIN practice_sessions s ON s.id = a.session_id"
                + " WHERE s.user_id = :user ORDER BY a.received_at")
        .bind("user", user.value())
        .mapTo(Long.class)
        .map(Instant::ofEpochMilli)
        .list();
  }

  /**
   * A person's record over every session that ended: they attended when they were not marked absent
   * and confirmed (I'm here) or gave or received feedback; any other paired person was a no-show.
   */
  public ProgressReport.MockAttendance mockAttendance(Handle handle, UserId user) {
    List<String> attended =
        handle
            .createQuery(
                "SELECT a.session_id FROM mock_attendance a JOIN mock_sessions s ON s.id ="
                    + " a.session_id WHERE a.user_id = :user AND a.status = 'paired' AND s.state ="
                    + " 'ended' AND a.marked_absent = 0 AND (a.confirmed = 1 OR EXISTS (SELECT 1"
                    + " FROM mock_feedback f WHERE f.session_id = a.session_id AND f.state ="
                    + " 'submitted' AND f.absent = 0 AND (f.interviewer_id = a.user_id OR"
                    + " f.candidate_id = a.user_id)))")
            .bind("user", user.value())
            .mapTo(String.class)
            .list();
    int paired =
        handle
            .createQuery(
                "SELECT COUNT(*) FROM mock_attendance a JOIN mock_sessions s ON s.id ="
                    + " a.session_id WHERE a.user_id = :user AND a.status = 'paired' AND s.state ="
                    + " 'ended'")
            .bind("user", user.value())
            .mapTo(Integer.class)
            .one();
    int asCandidate = 0;
    int asInterviewer = 0;
    for (String sessionId : attended) {
      asCandidate += inRole(handle, sessionId, "candidate_id", user);
      asInterviewer += inRole(handle, sessionId, "interviewer_id", user);
    }
    return new ProgressReport.MockAttendance(
        attended.size(), asCandidate, asInterviewer, paired - attended.size());
  }

  private static int inRole(Handle handle, String sessionId, String column, UserId user) {
    return handle
                .createQuery(
                    "SELECT COUNT(*) FROM mock_rounds WHERE session_id = :id AND "
                        + column
                        + " = :user")
                .bind("id", sessionId)
                .bind("user", user.value())
                .mapTo(Integer.class)
                .one()
            > 0
        ? 1
        : 0;
  }
}
