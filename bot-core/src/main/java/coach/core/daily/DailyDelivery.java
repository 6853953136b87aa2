package coach.core.daily;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns timer firings into posts, exactly once per channel and local date. The decision to post is
 * a row claimed under a unique key in one transaction; the platform call comes after it ({@link
 * ClaimedPostDelivery}) and is the only step ever retried, so a crash or a second firing never
 * posts twice. A firing within the grace period after a missed post time posts late (and says so);
 * after it, that day is skipped. After a restart and on each sweep, claimed posts nobody is
 * delivering go out and an active schedule without a timer gets one.
 */
final class DailyDelivery {

  private static final Logger log = LoggerFactory.getLogger(DailyDelivery.class);

  /** A timer may fire this much before its time (clock differences) and still count. */
  private static final Duration EARLY_TOLERANCE = Duration.ofMinutes(1);

  /** A post this much after its time says it is late. */
  static final Duration LATE_AFTER = Duration.ofMinutes(5);

  private final Database database;
  private final Curriculum curriculum;
  private final DailyStore store;
  private final Clock clock;
  private final Duration grace;
  private final Duration lease;
  private final DailyTriggers triggers;
  private final PromptPool prompts;
  private final ClaimedPostDelivery posts;

  DailyDelivery(
      Database database,
      Curriculum curriculum,
      DailyStore store,
      DailyPostComposer composer,
      Clock clock,
      Duration grace,
      RetryPolicy retry,
      Duration lease,
      DailyTriggers triggers,
      CustomPromptStore customPrompts) {
    this.database = database;
    this.curriculum = curriculum;
    this.store = store;
    this.clock = clock;
    this.grace = grace;
    this.lease = lease;
    this.triggers = triggers;
    this.prompts = new PromptPool(curriculum, customPrompts);
    this.posts =
        new ClaimedPostDelivery(
            database,
            curriculum,
            store,
            composer,
            clock,
            retry,
            lease,
            triggers,
            new PoolNotice(database, store, prompts));
  }

  void register(String platform, DailyPublisher publisher) {
    posts.register(platform, publisher);
  }

  boolean canPublish(ChannelRef channel) {
    return posts.canPublish(channel);
  }

  /** A regular post time arrived (or was missed and the timer caught up). */
  void fire(ChannelRef channel, Instant scheduledFor) {
    Instant now = clock.instant();
    record Decision(Optional<Instant> next, Optional<DailyPostRecord> claimed) {}
    Decision decision =
        database.inTransaction(
            h -> {
              Optional<DailySchedule> found = store.find(h, channel);
              if (found.isEmpty() || found.get().paused()) {
                return new Decision(Optional.empty(), Optional.empty());
              }
              DailySchedule schedule = found.get();
              if (scheduledFor.isAfter(now.plus(EARLY_TOLERANCE))) {
                return new Decision(Optional.of(scheduledFor), Optional.empty());
              }
              Set<LocalDate> skips = store.skips(h, channel);
              Instant after = scheduledFor.isAfter(now) ? scheduledFor : now;
              Optional<Instant> next =
                  PostTimes.next(schedule, skips, after, 1).stream()
                      .findFirst()
                      .map(PostTimes.PostTime::at);
              LocalDate date = scheduledFor.atZone(schedule.zone()).toLocalDate();
              boolean stillAPostTime =
                  schedule.days().includes(date.getDayOfWeek())
                      && PostTimes.instantOf(date, schedule.time(), schedule.zone())
                          .equals(scheduledFor)
                      && !skips.contains(date);
              if (!stillAPostTime) {
                return new Decision(next, Optional.empty());
              }
              Duration lateBy = Duration.between(scheduledFor, now);
              if (lateBy.compareTo(grace) > 0) {
                log.info(
                    "skipped the {} post of {}: {} late, past the grace period of {}",
                    date,
                    channel,
                    lateBy,
                    grace);
                return new Decision(next, Optional.empty());
              }
              if (!canPublish(channel)) {
                log.warn(
                    "no {} connection, so {} gets no post on {}",
                    channel.platform(),
                    channel,
                    date);
                return new Decision(next, Optional.empty());
              }
              return new Decision(
                  next, claim(h, schedule, date, scheduledFor, lateBy.compareTo(LATE_AFTER) > 0));
            });
    // Deliver first: a failure to store the next timer must never cost today's claimed post.
    decision.claimed().ifPresent(post -> deliver(channel, post.date()));
    decision
        .next()
        .ifPresent(
            at -> {
              try {
                triggers.scheduleNext(channel, at);
              } catch (RuntimeException e) {
                log.error(
                    "could not store the next timer of {} (it is set again at the next start)",
                    channel,
                    e);
              }
            });
  }

  /**
   * Claims the channel's post for {@code date} (prompt and focus by rotation); empty when that date
   * has a post already.
   */
  Optional<DailyPostRecord> claim(
      Handle h, DailySchedule schedule, LocalDate date, Instant scheduledFor, boolean late) {
    ChannelRef channel = schedule.channel();
    List<DailyPostRecord> past = new ArrayList<>(store.posts(h, channel, 500));
    Collections.reverse(past);
    List<Prompt> pool = pool(h, schedule);
    Prompt prompt =
        Rotation.nextPrompt(channel, pool, past.stream().map(DailyPostRecord::promptId).toList());
    int sequence = store.nextSequence(h, channel);
    Section focus = Rotation.focus(curriculum.sections(), sequence);
    DailyPostRecord post =
        new DailyPostRecord(
            DailyStore.newId(),
            channel,
            date,
            sequence,
            prompt.id(),
            focus.id(),
            scheduledFor,
            late,
            DailyPostRecord.CLAIMED,
            0,
            Optional.empty(),
            Optional.empty(),
            Optional.empty(),
            Optional.empty());
    return store.claim(h, post) ? Optional.of(post) : Optional.empty();
  }

  /**
   * The schedule's prompts that still exist. A schedule that names none (or none that still exist)
   * draws from every built-in prompt and its workspace's approved custom prompts.
   */
  List<Prompt> pool(Handle h, DailySchedule schedule) {
    return prompts.of(h, schedule);
  }

  /** See {@link ClaimedPostDelivery#deliver}. */
  void deliver(ChannelRef channel, LocalDate date) {
    posts.deliver(channel, date);
  }

  /**
   * After a restart: delivers posts that were claimed but never confirmed (with {@code
   * soleInstance}, whatever lease they hold), and gives every active schedule a timer if it has
   * none.
   */
  void recover(boolean soleInstance) {
    Instant now = clock.instant();
    if (soleInstance) {
      database.inTransaction(
          h -> {
            store.releaseLeases(h);
            return null;
          });
    }
    record Pending(List<DailyPostRecord> posts, List<DailySchedule> schedules) {}
    Pending pending = database.withHandle(h -> new Pending(store.unfinished(h), store.all(h)));
    for (DailyPostRecord post : pending.posts()) {
      log.info(
          "delivering the {} post of {}, claimed before a restart", post.date(), post.channel());
      triggers.deliver(post.channel(), post.date(), now);
    }
    armMissing(pending.schedules(), now);
  }

  /** See {@link DailyPrompts#armMissingTimers()}. */
  void armMissingTimers() {
    armMissing(database.withHandle(store::all), clock.instant());
  }

  private void armMissing(List<DailySchedule> schedules, Instant now) {
    for (DailySchedule schedule : schedules) {
      if (!schedule.paused() && !triggers.hasNext(schedule.channel())) {
        log.info("arming the missing timer of {}", schedule.channel());
        scheduleNext(schedule, now);
      }
    }
  }

  /** See {@link DailyPrompts#deliverAbandoned()}. */
  void deliverAbandoned() {
    Instant now = clock.instant();
    List<DailyPostRecord> abandoned =
        database.withHandle(h -> store.abandoned(h, now, now.minus(lease)));
    for (DailyPostRecord post : abandoned) {
      log.info("delivering the {} post of {}, left undelivered", post.date(), post.channel());
      deliver(post.channel(), post.date());
    }
  }

  /** Sets the channel's timer to its next post after {@code after}. */
  void scheduleNext(DailySchedule schedule, Instant after) {
    Set<LocalDate> skips = database.withHandle(h -> store.skips(h, schedule.channel()));
    PostTimes.next(schedule, skips, after, 1).stream()
        .findFirst()
        .ifPresentOrElse(
            t -> triggers.scheduleNext(schedule.channel(), t.at()),
            () -> triggers.cancel(schedule.channel()));
  }
}
