package coach.core.mock;

import coach.core.chat.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * What happened in sessions that ran (rounds, attendance, feedback) and each person's mock settings
 * (reminders, don't-pair list).
 */
public final class MockRecords {

  /** One stored round of a group. */
  public record StoredRound(
      String sessionId,
      int group,
      int round,
      int rounds,
      UserId interviewer,
      UserId candidate,
      String promptId) {}

  /**
   * An interviewer's feedback on a round, draft or submitted: the concepts ticked now, and those
   * already credited to the candidate by a submission (ticks may change after one).
   */
  public record Feedback(
      String sessionId,
      int group,
      int round,
      UserId interviewer,
      UserId candidate,
      Set<String> covered,
      Optional<String> note,
      boolean absent,
      boolean submitted,
      Set<String> credited) {}

  /** Which reminders a person wants. */
  public record ReminderPrefs(boolean dayBefore, boolean hourBefore) {
    public static final ReminderPrefs DEFAULT = new ReminderPrefs(true, true);

    public boolean wants(MockStep step) {
      return step == MockStep.REMIND_DAY ? dayBefore : hourBefore;
    }
  }

  public void saveRound(Handle handle, StoredRound r) {
    handle
        .createUpdate(
            "INSERT INTO mock_rounds (session_id, group_no, round_no, rounds, interviewer_id,"
                + " candidate_id, prompt_id) VALUES (:id, :group, :round, :rounds, :interviewer,"
                + " :candidate, :prompt)")
        .bind("id", r.sessionId())
        .bind("group", r.group())
        .bind("round", r.round())
        .bind("rounds", r.rounds())
        .bind("interviewer", r.interviewer().value())
        .bind("candidate", r.candidate().value())
        .bind("prompt", r.promptId())
        .execute();
  }

  /** Every round of a session, by group then round. */
  public List<StoredRound> rounds(Handle handle, String sessionId) {
    return handle
        .createQuery("SELECT * FROM mock_rounds WHERE session_id = :id ORDER BY group_no, round_no")
        .bind("id", sessionId)
        .map((rs, ctx) -> round(rs))
        .list();
  }

  /** The groups of the given sessions, as sets of members (for "met recently"). */
  public List<Set<UserId>> groups(Handle handle, List<String> sessionIds) {
    List<Set<UserId>> groups = new ArrayList<>();
    for (String id : sessionIds) {
      Map<Integer, Set<UserId>> byGroup = new TreeMap<>();
      for (StoredRound r : rounds(handle, id)) {
        Set<UserId> members = byGroup.computeIfAbsent(r.group(), g -> new LinkedHashSet<>());
        members.add(r.interviewer());
        members.add(r.candidate());
      }
      groups.addAll(byGroup.values());
    }
    return groups;
  }

  /** The prompts each person practised as a mock candidate. */
  public Set<String> mockPrompts(Handle handle, UserId user) {
    return new TreeSet<>(
        handle
            .createQuery("SELECT DISTINCT prompt_id FROM mock_rounds WHERE candidate_id = :user")
            .bind("user", user.value())
            .mapTo(String.class)
            .list());
  }

  public void saveAttendance(Handle handle, String sessionId, UserId user, String status) {
    handle
        .createUpdate(
            "INSERT INTO mock_attendance (session_id, user_id, status) VALUES (:id, :user,"
                + " :status) ON CONFLICT (session_id, user_id) DO UPDATE SET status = :status")
        .bind("id", sessionId)
        .bind("user", user.value())
        .bind("status", status)
        .execute();
  }

  /** Marks a person present (I'm here) or absent (their partner says so); false if not paired. */
  public boolean mark(Handle handle, String sessionId, UserId user, boolean present) {
    return handle
            .createUpdate(
                "UPDATE mock_attendance SET "
                    + (present ? "confirmed = 1" : "marked_absent = 1")
                    + " WHERE session_id = :id AND user_id = :user")
            .bind("id", sessionId)
            .bind("user", user.value())
            .execute()
        == 1;
  }

  // ---- feedback

  public Optional<Feedback> feedback(Handle handle, String sessionId, int group, int round) {
    return handle
        .createQuery(
            "SELECT * FROM mock_feedback WHERE session_id = :id AND group_no = :group"
                + " AND round_no = :round")
        .bind("id", sessionId)
        .bind("group", group)
        .bind("round", round)
        .map((rs, ctx) -> feedback(rs))
        .findOne();
  }

  public void saveFeedback(Handle handle, Feedback f, Instant now) {
    handle
        .createUpdate(
            "INSERT INTO mock_feedback (session_id, group_no, round_no, interviewer_id,"
                + " candidate_id, covered, note, absent, state, credited, updated_at) VALUES (:id,"
                + " :group, :round, :interviewer, :candidate, :covered, :note, :absent, :state,"
                + " :credited, :now) ON CONFLICT (session_id, group_no, round_no) DO UPDATE SET"
                + " covered = :covered, note = :note, absent = :absent, state = :state,"
                + " credited = :credited, updated_at = :now")
        .bind("id", f.sessionId())
        .bind("group", f.group())
        .bind("round", f.round())
        .bind("interviewer", f.interviewer().value())
        .bind("candidate", f.candidate().value())
        .bind("covered", String.join(",", new TreeSet<>(f.covered())))
        .bind("note", f.note().orElse(null))
        .bind("absent", f.absent() ? 1 : 0)
        .bind("state", f.submitted() ? "submitted" : "draft")
        .bind("credited", String.join(",", new TreeSet<>(f.credited())))
        .bind("now", now.toEpochMilli())
        .execute();
  }

  // ---- settings

  public ReminderPrefs reminderPrefs(Handle handle, UserId user) {
    return handle
        .createQuery(
            "SELECT day_before, hour_before FROM mock_reminder_prefs WHERE user_id = :user")
        .bind("user", user.value())
        .map((rs, ctx) -> new ReminderPrefs(rs.getInt(1) == 1, rs.getInt(2) == 1))
        .findOne()
        .orElse(ReminderPrefs.DEFAULT);
  }

  public void saveReminderPrefs(Handle handle, UserId user, ReminderPrefs prefs, Instant now) {
    handle
        .createUpdate(
            "INSERT INTO mock_reminder_prefs (user_id, day_before, hour_before, updated_at)"
                + " VALUES (:user, :day, :hour, :now) ON CONFLICT (user_id) DO UPDATE SET"
                + " day_before = :day, hour_before = :hour, updated_at = :now")
        .bind("user", user.value())
        .bind("day", prefs.dayBefore() ? 1 : 0)
        .bind("hour", prefs.hourBefore() ? 1 : 0)
        .bind("now", now.toEpochMilli())
        .execute();
  }

  public void avoid(Handle handle, UserId user, UserId avoided, Instant now) {
    handle
        .createUpdate(
            "INSERT INTO mock_avoid (user_id, avoided_id, created_at) VALUES (:user, :avoided,"
                + " :now) ON CONFLICT (user_id, avoided_id) DO NOTHING")
        .bind("user", user.value())
        .bind("avoided", avoided.value())
        .bind("now", now.toEpochMilli())
        .execute();
  }

  public boolean unavoid(Handle handle, UserId user, UserId avoided) {
    return handle
            .createUpdate("DELETE FROM mock_avoid WHERE user_id = :user AND avoided_id = :avoided")
            .bind("user", user.value())
            .bind("avoided", avoided.value())
            .execute()
        > 0;
  }

  /** The people {@code user} asked not to be paired with. */
  public List<UserId> avoided(Handle handle, UserId user) {
    return handle
        .createQuery("SELECT avoided_id FROM mock_avoid WHERE user_id = :user ORDER BY avoided_id")
        .bind("user", user.value())
        .mapTo(String.class)
        .map(UserId::new)
        .list();
  }

  /** The don't-pair lists of {@code users}, each person's entries only. */
  public Map<UserId, Set<UserId>> avoidLists(Handle handle, List<UserId> users) {
    Map<UserId, Set<UserId>> lists = new HashMap<>();
    for (UserId user : users) {
      List<UserId> avoided = avoided(handle, user);
      if (!avoided.isEmpty()) {
        lists.put(user, new LinkedHashSet<>(avoided));
      }
    }
    return lists;
  }

  private static StoredRound round(ResultSet rs) throws SQLException {
    return new StoredRound(
        rs.getString("session_id"),
        rs.getInt("group_no"),
        rs.getInt("round_no"),
        rs.getInt("rounds"),
        new UserId(rs.getString("interviewer_id")),
        new UserId(rs.getString("candidate_id")),
        rs.getString("prompt_id"));
  }

  private static Feedback feedback(ResultSet rs) throws SQLException {
    Set<String> covered = ids(rs.getString("covered"));
    boolean submitted = rs.getString("state").equals("submitted");
    String credited = rs.getString("credited");
    return new Feedback(
        rs.getString("session_id"),
        rs.getInt("group_no"),
        rs.getInt("round_no"),
        new UserId(rs.getString("interviewer_id")),
        new UserId(rs.getString("candidate_id")),
        covered,
        Optional.ofNullable(rs.getString("note")),
        rs.getInt("absent") == 1,
        submitted,
        // rows from before the column: a submission credited every tick
        credited != null ? ids(credited) : submitted ? covered : Set.of());
  }

  private static Set<String> ids(String commaSeparated) {
    return commaSeparated == null || commaSeparated.isEmpty()
        ? Set.of()
        : new TreeSet<>(Arrays.asList(commaSeparated.split(",")));
  }
}
