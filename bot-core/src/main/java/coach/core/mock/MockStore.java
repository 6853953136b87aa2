package coach.core.mock;

import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import java.security.SecureRandom;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.jdbi.v3.core.Handle;

/** Mock sessions, their RSVPs, and the claims of their timed steps. */
public final class MockStore {

  /** Letters and digits that cannot be confused with each other when read aloud or typed. */
  private static final String ID_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

  private static final int ID_LENGTH = 5;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A fresh session id, not yet used in the database. */
  public String newId(Handle handle) {
    while (true) {
      StringBuilder id = new StringBuilder();
      for (int i = 0; i < ID_LENGTH; i++) {
        id.append(ID_ALPHABET.charAt(RANDOM.nextInt(ID_ALPHABET.length())));
      }
      if (find(handle, id.toString()).isEmpty()) {
        return id.toString();
      }
    }
  }

  public void insert(Handle handle, MockSession s, Instant now) {
    handle
        .createUpdate(
            "INSERT INTO mock_sessions (id, channel_key, organiser_id, starts_at, zone, minutes,"
                + " capacity, min_attendees, deadline_at, weekly, prompt_pool, series_id, state,"
                + " sequence, created_at, updated_at) VALUES (:id, :channel, :organiser, :starts,"
                + " :zone, :minutes, :capacity, :min, :deadline, :weekly, :pool, :series, :state,"
                + " :sequence, :now, :now)")
        .bind("id", s.id())
        .bind("channel", s.channel().key())
        .bind("organiser", s.organiser().value())
        .bind("starts", s.startsAt().toEpochMilli())
        .bind("zone", s.zone().getId())
        .bind("minutes", s.minutes())
        .bind("capacity", s.capacity().isPresent() ? (Integer) s.capacity().getAsInt() : null)
        .bind("min", s.minAttendees())
        .bind("deadline", s.deadline().toEpochMilli())
        .bind("weekly", s.weekly() ? 1 : 0)
        .bind("pool", s.prompts().isEmpty() ? "all" : String.join(",", s.prompts()))
        .bind("series", s.seriesId())
        .bind("state", s.state().code())
        .bind("sequence", s.sequence())
        .bind("now", now.toEpochMilli())
        .execute();
  }

  public Optional<MockSession> find(Handle handle, String id) {
    return handle
        .createQuery("SELECT * FROM mock_sessions WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> session(rs))
        .findOne();
  }

  /** The channel's scheduled and running sessions, soonest first. */
  public List<MockSession> upcoming(Handle handle, ChannelRef channel) {
    return handle
        .createQuery(
            "SELECT * FROM mock_sessions WHERE channel_key = :channel"
                + " AND state IN ('scheduled', 'running') ORDER BY starts_at, id")
        .bind("channel", channel.key())
        .map((rs, ctx) -> session(rs))
        .list();
  }

  /** Every scheduled or running session, soonest first. */
  public List<MockSession> allUpcoming(Handle handle) {
    return handle
        .createQuery(
            "SELECT * FROM mock_sessions WHERE state IN ('scheduled', 'running')"
                + " ORDER BY starts_at, id")
        .map((rs, ctx) -> session(rs))
        .list();
  }

  /** Sessions whose announcement has not been posted yet (a crash came between). */
  public List<MockSession> unannounced(Handle handle) {
    return handle
        .createQuery(
            "SELECT * FROM mock_sessions WHERE message_ref IS NULL AND state = 'scheduled'"
                + " ORDER BY created_at")
        .map((rs, ctx) -> session(rs))
        .list();
  }

  /** The last {@code n} sessions of the channel that ran, newest first. */
  public List<String> lastRun(Handle handle, ChannelRef channel, String exceptId, int n) {
    return handle
        .createQuery(
            "SELECT id FROM mock_sessions WHERE channel_key = :channel AND id <> :except"
                + " AND state IN ('running', 'ended') ORDER BY starts_at DESC LIMIT :n")
        .bind("channel", channel.key())
        .bind("except", exceptId)
        .bind("n", n)
        .mapTo(String.class)
        .list();
  }

  public void setState(
      Handle handle, String id, MockSession.State state, Optional<String> reason, Instant now) {
    handle
        .createUpdate(
            "UPDATE mock_sessions SET state = :state, cancel_reason = :reason,"
                + " sequence = sequence + :bump, updated_at = :now WHERE id = :id")
        .bind("state", state.code())
        .bind("reason", reason.orElse(null))
        .bind("bump", state == MockSession.State.CANCELLED ? 1 : 0)
        .bind("now", now.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  /** Moves a session: new start, zone and deadline; bumps its iCalendar sequence. */
  public void move(
      Handle handle, String id, Instant startsAt, ZoneId zone, Instant deadline, Instant now) {
    handle
        .createUpdate(
            "UPDATE mock_sessions SET starts_at = :starts, zone = :zone, deadline_at = :deadline,"
                + " sequence = sequence + 1, updated_at = :now WHERE id = :id")
        .bind("starts", startsAt.toEpochMilli())
        .bind("zone", zone.getId())
        .bind("deadline", deadline.toEpochMilli())
        .bind("now", now.toEpochMilli())
        .bind("id", id)
        .execute();
  }

  public void setMessageRef(Handle handle, String id, String messageRef) {
    handle
        .createUpdate("UPDATE mock_sessions SET message_ref = :ref WHERE id = :id")
        .bind("ref", messageRef)
        .bind("id", id)
        .execute();
  }

  public void setEventRef(Handle handle, String id, Optional<String> eventRef) {
    handle
        .createUpdate("UPDATE mock_sessions SET event_ref = :ref WHERE id = :id")
        .bind("ref", eventRef.orElse(null))
        .bind("id", id)
        .execute();
  }

  // ---- RSVPs

  /** Everyone who pressed a button, in the order they queued. */
  public List<Rsvp> rsvps(Handle handle, String sessionId) {
    return handle
        .createQuery("SELECT * FROM mock_rsvps WHERE session_id = :id ORDER BY queued_at, user_id")
        .bind("id", sessionId)
        .map((rs, ctx) -> rsvp(rs))
        .list();
  }

  public Optional<Rsvp> rsvp(Handle handle, String sessionId, UserId user) {
    return handle
        .createQuery("SELECT * FROM mock_rsvps WHERE session_id = :id AND user_id = :user")
        .bind("id", sessionId)
        .bind("user", user.value())
        .map((rs, ctx) -> rsvp(rs))
        .findOne();
  }

  public void saveRsvp(Handle handle, Rsvp r, Instant now) {
    handle
        .createUpdate(
            "INSERT INTO mock_rsvps (session_id, user_id, status, queued_at, late_drop,"
                + " updated_at) VALUES (:id, :user, :status, :queued, :late, :now)"
                + " ON CONFLICT (session_id, user_id) DO UPDATE SET status = :status,"
                + " queued_at = :queued, late_drop = :late, updated_at = :now")
        .bind("id", r.sessionId())
        .bind("user", r.user().value())
        .bind("status", r.status().code())
        .bind("queued", r.queuedAt().toEpochMilli())
        .bind("late", r.lateDrop() ? 1 : 0)
        .bind("now", now.toEpochMilli())
        .execute();
  }

  /** The people going, in the order they said so. */
  public List<UserId> going(Handle handle, String sessionId) {
    return rsvps(handle, sessionId).stream()
        .filter(r -> r.status() == Rsvp.Status.GOING)
        .map(Rsvp::user)
        .toList();
  }

  // ---- step claims

  /**
   * Claims a timed step for the session's current start: true when this call took it, false when it
   * was taken before (a repeated or late firing).
   */
  public boolean claimStep(Handle handle, MockSession s, MockTimer timer, Instant now) {
    return handle
            .createUpdate(
                "INSERT INTO mock_steps (session_id, step, starts_at, taken_at)"
                    + " VALUES (:id, :step, :starts, :now)"
                    + " ON CONFLICT (session_id, step, starts_at) DO NOTHING")
            .bind("id", s.id())
            .bind("step", timer.name())
            .bind("starts", s.startsAt().toEpochMilli())
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /** Records that a workspace was told {@code notice}; false when it was told before. */
  public boolean noticeOnce(Handle handle, String workspaceKey, String notice, Instant now) {
    return handle
            .createUpdate(
                "INSERT INTO mock_notices (workspace_key, notice, created_at)"
                    + " VALUES (:ws, :notice, :now) ON CONFLICT (workspace_key, notice) DO NOTHING")
            .bind("ws", workspaceKey)
            .bind("notice", notice)
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  private static MockSession session(ResultSet rs) throws SQLException {
    int capacity = rs.getInt("capacity");
    OptionalInt cap = rs.wasNull() ? OptionalInt.empty() : OptionalInt.of(capacity);
    String pool = rs.getString("prompt_pool");
    return new MockSession(
        rs.getString("id"),
        ChannelRef.parse(rs.getString("channel_key")),
        new UserId(rs.getString("organiser_id")),
        Instant.ofEpochMilli(rs.getLong("starts_at")),
        ZoneId.of(rs.getString("zone")),
        rs.getInt("minutes"),
        cap,
        rs.getInt("min_attendees"),
        Instant.ofEpochMilli(rs.getLong("deadline_at")),
        rs.getInt("weekly") == 1,
        pool.equals("all") ? List.of() : Arrays.asList(pool.split(",")),
        rs.getString("series_id"),
        MockSession.State.of(rs.getString("state")),
        Optional.ofNullable(rs.getString("cancel_reason")),
        rs.getInt("sequence"),
        Optional.ofNullable(rs.getString("message_ref")),
        Optional.ofNullable(rs.getString("event_ref")));
  }

  private static Rsvp rsvp(ResultSet rs) throws SQLException {
    return new Rsvp(
        rs.getString("session_id"),
        new UserId(rs.getString("user_id")),
        Rsvp.Status.of(rs.getString("status")),
        Instant.ofEpochMilli(rs.getLong("queued_at")),
        rs.getInt("late_drop") == 1);
  }
}
