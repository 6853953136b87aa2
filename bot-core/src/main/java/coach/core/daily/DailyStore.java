package coach.core.daily;

import coach.core.chat.UserId;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** Schedules, skipped dates, posts and thread answers of daily prompts. */
public final class DailyStore {

  private static final String POST_COLUMNS =
      "id, channel_key, local_date, sequence, prompt_id, section_id, scheduled_for, late, state,"
          + " attempts, last_error, message_ref, thread_ref, posted_at";

  /** An answer written in a post's thread, with the concepts it was credited. */
  public record ThreadAnswer(
      String id, String postId, UserId user, String text, Set<String> covered, Instant at) {}

  public Optional<DailySchedule> find(Handle handle, ChannelRef channel) {
    return handle
        .createQuery("SELECT * FROM daily_schedules WHERE channel_key = :key")
        .bind("key", channel.key())
        .map((rs, ctx) -> schedule(rs))
        .findOne();
  }

  /** Every schedule, in channel order. */
  public List<DailySchedule> all(Handle handle) {
    return handle
        .createQuery("SELECT * FROM daily_schedules ORDER BY channel_key")
        .map((rs, ctx) -> schedule(rs))
        .list();
  }

  /** Creates or replaces a channel's schedule. */
  public void save(Handle handle, DailySchedule s) {
    handle
        .createUpdate(
            "INSERT INTO daily_schedules (channel_key, post_time, zone, days, prompt_pool, state,"
                + " paused_reason, organiser_id, created_at, updated_at)"
                + " VALUES (:key, :time, :zone, :days, :pool, :state, :reason, :organiser,"
                + " :created, :updated)"
                + " ON CONFLICT (channel_key) DO UPDATE SET post_time = :time, zone = :zone,"
                + " days = :days, prompt_pool = :pool, state = :state, paused_reason = :reason,"
                + " organiser_id = :organiser, updated_at = :updated")
        .bind("key", s.channel().key())
        .bind("time", s.time().toString())
        .bind("zone", s.zone().getId())
        .bind("days", s.days().code())
        .bind("pool", s.pool().isEmpty() ? "all" : String.join(",", s.pool()))
        .bind("state", s.paused() ? "paused" : "active")
        .bind("reason", s.pausedReason().orElse(null))
        .bind("organiser", s.organiser().value())
        .bind("created", s.createdAt().toEpochMilli())
        .bind("updated", s.updatedAt().toEpochMilli())
        .execute();
  }

  /** Deletes a channel's schedule and its skipped dates; its posts and answers stay. */
  public boolean delete(Handle handle, ChannelRef channel) {
    return handle
            .createUpdate("DELETE FROM daily_schedules WHERE channel_key = :key")
            .bind("key", channel.key())
            .execute()
        > 0;
  }

  /** The rotation round whose coming end the organiser was told about (-1: none yet). */
  public int poolNoticeRound(Handle handle, ChannelRef channel) {
    return handle
        .createQuery("SELECT pool_notice_cycle FROM daily_schedules WHERE channel_key = :key")
        .bind("key", channel.key())
        .mapTo(Integer.class)
        .findOne()
        .orElse(-1);
  }

  public void setPoolNoticeRound(Handle handle, ChannelRef channel, int round) {
    handle
        .createUpdate(
            "UPDATE daily_schedules SET pool_notice_cycle = :round WHERE channel_key = :key")
        .bind("round", round)
        .bind("key", channel.key())
        .execute();
  }

  public Set<LocalDate> skips(Handle handle, ChannelRef channel) {
    return handle
        .createQuery("SELECT local_date FROM daily_skips WHERE channel_key = :key")
        .bind("key", channel.key())
        .mapTo(String.class)
        .map(LocalDate::parse)
        .set();
  }

  public void addSkip(Handle handle, ChannelRef channel, LocalDate date) {
    handle
        .createUpdate(
            "INSERT INTO daily_skips (channel_key, local_date) VALUES (:key, :date)"
                + " ON CONFLICT (channel_key, local_date) DO NOTHING")
        .bind("key", channel.key())
        .bind("date", date.toString())
        .execute();
  }

  /**
   * Claims the channel's post for a local date: true when this call inserted it, false when a post
   * for that date exists already (whatever its state). Call it in the transaction that decides to
   * post.
   */
  public boolean claim(Handle handle, DailyPostRecord post) {
    return handle
            .createUpdate(
                "INSERT INTO daily_posts (id, channel_key, local_date, sequence, prompt_id,"
                    + " section_id, scheduled_for, late, state, attempts)"
                    + " VALUES (:id, :key, :date, :sequence, :prompt, :section, :scheduled, :late,"
                    + " :state, 0) ON CONFLICT (channel_key, local_date) DO NOTHING")
            .bind("id", post.id())
            .bind("key", post.channel().key())
            .bind("date", post.date().toString())
            .bind("sequence", post.sequence())
            .bind("prompt", post.promptId())
            .bind("section", post.sectionId())
            .bind("scheduled", post.scheduledFor().toEpochMilli())
            .bind("late", post.late() ? 1 : 0)
            .bind("state", DailyPostRecord.CLAIMED)
            .execute()
        == 1;
  }

  public static String newId() {
    return UUID.randomUUID().toString();
  }

  public Optional<DailyPostRecord> post(Handle handle, ChannelRef channel, LocalDate date) {
    return handle
        .createQuery(
            "SELECT "
                + POST_COLUMNS
                + " FROM daily_posts WHERE channel_key = :key AND local_date = :date")
        .bind("key", channel.key())
        .bind("date", date.toString())
        .map((rs, ctx) -> post(rs))
        .findOne();
  }

  public Optional<DailyPostRecord> postById(Handle handle, String id) {
    return handle
        .createQuery("SELECT " + POST_COLUMNS + " FROM daily_posts WHERE id = :id")
        .bind("id", id)
        .map((rs, ctx) -> post(rs))
        .findOne();
  }

  /** The post whose discussion thread (or message) has this platform id. */
  public Optional<DailyPostRecord> postByThread(Handle handle, ChannelRef channel, String ref) {
    return handle
        .createQuery(
            "SELECT "
                + POST_COLUMNS
                + " FROM daily_posts WHERE channel_key = :key"
                + " AND (thread_ref = :ref OR message_ref = :ref)")
        .bind("key", channel.key())
        .bind("ref", ref)
        .map((rs, ctx) -> post(rs))
        .findFirst();
  }

  /** The channel's posts, newest first. */
  public List<DailyPostRecord> posts(Handle handle, ChannelRef channel, int limit) {
    return handle
        .createQuery(
            "SELECT "
                + POST_COLUMNS
                + " FROM daily_posts WHERE channel_key = :key ORDER BY sequence DESC LIMIT :limit")
        .bind("key", channel.key())
        .bind("limit", limit)
        .map((rs, ctx) -> post(rs))
        .list();
  }

  /** Posts claimed but not confirmed: a crash or a failure between deciding and posting. */
  public List<DailyPostRecord> unfinished(Handle handle) {
    return handle
        .createQuery(
            "SELECT "
                + POST_COLUMNS
                + " FROM daily_posts WHERE state = :state ORDER BY channel_key")
        .bind("state", DailyPostRecord.CLAIMED)
        .map((rs, ctx) -> post(rs))
        .list();
  }

  /**
   * Takes the delivery lease of a claimed post until {@code until}: true when nobody held it or
   * their lease ran out by {@code now}; false when another deliverer holds it or the post is no
   * longer claimed. Atomic, so of several instances one wins.
   */
  public boolean takeLease(Handle handle, String postId, Instant now, Instant until) {
    return handle
            .createUpdate(
                "UPDATE daily_posts SET lease_until = :until WHERE id = :id AND state = :state"
                    + " AND (lease_until IS NULL OR lease_until <= :now)")
            .bind("until", until.toEpochMilli())
            .bind("id", postId)
            .bind("state", DailyPostRecord.CLAIMED)
            .bind("now", now.toEpochMilli())
            .execute()
        == 1;
  }

  /**
   * Frees every claimed post's lease: at the start of the only instance, whose earlier life held
   * them and is gone.
   */
  public void releaseLeases(Handle handle) {
    handle
        .createUpdate("UPDATE daily_posts SET lease_until = NULL WHERE state = :state")
        .bind("state", DailyPostRecord.CLAIMED)
        .execute();
  }

  /** Keeps the post's lease until {@code until} (a failed attempt waits for its retry). */
  public void holdLease(Handle handle, String postId, Instant until) {
    handle
        .createUpdate("UPDATE daily_posts SET lease_until = :until WHERE id = :id")
        .bind("until", until.toEpochMilli())
        .bind("id", postId)
        .execute();
  }

  /**
   * Claimed posts nobody is delivering: their lease ran out by {@code now}, or nobody took it and
   * they were due before {@code untakenDueBefore} (the instance that claimed them died first).
   */
  public List<DailyPostRecord> abandoned(Handle handle, Instant now, Instant untakenDueBefore) {
    return handle
        .createQuery(
            "SELECT "
                + POST_COLUMNS
                + " FROM daily_posts WHERE state = :state AND (lease_until <= :now OR"
                + " (lease_until IS NULL AND scheduled_for < :due)) ORDER BY scheduled_for")
        .bind("state", DailyPostRecord.CLAIMED)
        .bind("now", now.toEpochMilli())
        .bind("due", untakenDueBefore.toEpochMilli())
        .map((rs, ctx) -> post(rs))
        .list();
  }

  /** The sequence number the channel's next post gets (1 for its first). */
  public int nextSequence(Handle handle, ChannelRef channel) {
    return handle
            .createQuery(
                "SELECT COALESCE(MAX(sequence), 0) FROM daily_posts WHERE channel_key = :key")
            .bind("key", channel.key())
            .mapTo(Integer.class)
            .one()
        + 1;
  }

  public void markPosted(
      Handle handle, String postId, String messageRef, String threadRef, Instant at) {
    handle
        .createUpdate(
            "UPDATE daily_posts SET state = :state, message_ref = :message, thread_ref = :thread,"
                + " posted_at = :at, attempts = attempts + 1, last_error = NULL WHERE id = :id")
        .bind("state", DailyPostRecord.POSTED)
        .bind("message", messageRef)
        .bind("thread", threadRef)
        .bind("at", at.toEpochMilli())
        .bind("id", postId)
        .execute();
  }

  /** Records a failed attempt; {@code giveUp} marks the post failed for good. */
  public void markAttemptFailed(Handle handle, String postId, String error, boolean giveUp) {
    handle
        .createUpdate(
            "UPDATE daily_posts SET attempts = attempts + 1, last_error = :error, state = :state"
                + " WHERE id = :id")
        .bind("error", error)
        .bind("state", giveUp ? DailyPostRecord.FAILED : DailyPostRecord.CLAIMED)
        .bind("id", postId)
        .execute();
  }

  /** Stores a thread answer; false when this platform event was stored before. */
  public boolean addAnswer(Handle handle, ThreadAnswer answer, String eventId) {
    return handle
            .createUpdate(
                "INSERT INTO daily_answers (id, post_id, user_id, event_id, text, covered,"
                    + " created_at) VALUES (:id, :post, :user, :event, :text, :covered, :at)"
                    + " ON CONFLICT (post_id, event_id) DO NOTHING")
            .bind("id", answer.id())
            .bind("post", answer.postId())
            .bind("user", answer.user().value())
            .bind("event", eventId)
            .bind("text", answer.text())
            .bind("covered", String.join(",", answer.covered()))
            .bind("at", answer.at().toEpochMilli())
            .execute()
        == 1;
  }

  /** A post's thread answers, oldest first. */
  public List<ThreadAnswer> answers(Handle handle, String postId) {
    return handle
        .createQuery(
            "SELECT id, post_id, user_id, text, covered, created_at FROM daily_answers"
                + " WHERE post_id = :post ORDER BY created_at, id")
        .bind("post", postId)
        .map((rs, ctx) -> answer(rs))
        .list();
  }

  /** The post of this channel the user most recently answered in, if any. */
  public Optional<DailyPostRecord> lastAnswered(Handle handle, ChannelRef channel, UserId user) {
    return handle
        .createQuery(
            "SELECT p.id FROM daily_posts p JOIN daily_answers a ON a.post_id = p.id"
                + " WHERE p.channel_key = :key AND a.user_id = :user"
                + " ORDER BY a.created_at DESC LIMIT 1")
        .bind("key", channel.key())
        .bind("user", user.value())
        .mapTo(String.class)
        .findOne()
        .flatMap(id -> postById(handle, id));
  }

  private static DailySchedule schedule(ResultSet rs) throws SQLException {
    String pool = rs.getString("prompt_pool");
    return new DailySchedule(
        ChannelRef.parse(rs.getString("channel_key")),
        LocalTime.parse(rs.getString("post_time")),
        ZoneId.of(rs.getString("zone")),
        PostDays.parse(rs.getString("days")).orElse(PostDays.EVERY_DAY),
        pool.equals("all") ? List.of() : Arrays.asList(pool.split(",")),
        rs.getString("state").equals("paused"),
        Optional.ofNullable(rs.getString("paused_reason")),
        new UserId(rs.getString("organiser_id")),
        Instant.ofEpochMilli(rs.getLong("created_at")),
        Instant.ofEpochMilli(rs.getLong("updated_at")));
  }

  private static DailyPostRecord post(ResultSet rs) throws SQLException {
    long postedAt = rs.getLong("posted_at");
    Optional<Instant> posted =
        rs.wasNull() ? Optional.empty() : Optional.of(Instant.ofEpochMilli(postedAt));
    return new DailyPostRecord(
        rs.getString("id"),
        ChannelRef.parse(rs.getString("channel_key")),
        LocalDate.parse(rs.getString("local_date")),
        rs.getInt("sequence"),
        rs.getString("prompt_id"),
        rs.getString("section_id"),
        Instant.ofEpochMilli(rs.getLong("scheduled_for")),
        rs.getInt("late") == 1,
        rs.getString("state"),
        rs.getInt("attempts"),
        Optional.ofNullable(rs.getString("last_error")),
        Optional.ofNullable(rs.getString("message_ref")),
        Optional.ofNullable(rs.getString("thread_ref")),
        posted);
  }

  private static ThreadAnswer answer(ResultSet rs) throws SQLException {
    String covered = rs.getString("covered");
    return new ThreadAnswer(
        rs.getString("id"),
        rs.getString("post_id"),
        new UserId(rs.getString("user_id")),
        rs.getString("text"),
        covered.isEmpty()
            ? Set.of()
            : Arrays.stream(covered.split(",")).collect(Collectors.toUnmodifiableSet()),
        Instant.ofEpochMilli(rs.getLong("created_at")));
  }
}
