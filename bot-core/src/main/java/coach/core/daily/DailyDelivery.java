package coach.core.daily;

import coach.core.chat.Reply;
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
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns timer firings into posts, exactly once per channel and local date. The decision to post is
 * a row claimed under a unique key in one transaction; the platform call comes after it and is the
 * only step ever retried, so a crash or a second firing never posts twice. A firing within the
 * grace period after a missed post time posts late (and says so); after it, that day is skipped.
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
  private final DailyPostComposer composer;
  private final Clock clock;
  private final Duration grace;
  private final RetryPolicy retry;
  private final Duration lease;
  private final DailyTriggers triggers;
  private final PromptPool prompts;
  private final PoolNotice poolNotice;
  private final Map<String, DailyPublisher> publishers = new ConcurrentHashMap<>();

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
    this.composer = composer;
    this.clock = clock;
    this.grace = grace;
    this.retry = retry;
    this.lease = lease;
    this.triggers = triggers;
    this.prompts = new PromptPool(curriculum, customPrompts);
    this.poolNotice = new PoolNotice(database, store, prompts);
  }

  void register(String platform, DailyPublisher publisher) {
    publishers.put(platform, publisher);
  }

  boolean canPublish(ChannelRef channel) {
    return publishers.containsKey(channel.platform());
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

  /**
   * Publishes the claimed post of {@code date} under its delivery lease (nothing when another
   * deliverer holds it); on failure retries later or gives up.
   */
  void deliver(ChannelRef channel, LocalDate date) {
    Instant now = clock.instant();
    Optional<DailyPublisher.DailyPost> prepared =
        database.inTransaction(h -> prepare(h, channel, date, now));
    if (prepared.isEmpty()) {
      return;
    }
    DailyPublisher publisher = publishers.get(channel.platform());
    if (publisher == null) {
      log.warn("no {} connection; the {} post of {} waits", channel.platform(), date, channel);
      return;
    }
    DailyPublisher.DailyPost post = prepared.get();
    try {
      DailyPublisher.Receipt receipt = publisher.publish(post);
      recordPosted(post.postId(), receipt, now);
      log.info("posted the {} daily prompt in {}", date, channel);
      warnBeforePoolRunsOut(channel, now);
    } catch (DailyPublisher.PublishException e) {
      failed(channel, date, post.postId(), e.getMessage(), now);
    } catch (RuntimeException e) {
      log.warn("posting the {} daily prompt in {} failed", date, channel, e);
      failed(
          channel,
          date,
          post.postId(),
          "an unexpected error (" + e.getClass().getSimpleName() + ")",
          now);
    }
  }

  /**
   * Tells the organiser, once per round, when the channel's pool has a week or less of new prompts
   * left (see {@link PoolNotice}).
   */
  private void warnBeforePoolRunsOut(ChannelRef channel, Instant now) {
    poolNotice.due(channel, now).ifPresent(n -> directMessage(n.schedule(), n.message()));
  }

  /**
   * Records a post the platform accepted. Retried a few times on its own, never by publishing
   * again: a post that went out is not sent twice because the database was busy.
   */
  private void recordPosted(String postId, DailyPublisher.Receipt receipt, Instant now) {
    for (int attempt = 1; ; attempt++) {
      try {
        database.inTransaction(
            h -> {
              store.markPosted(h, postId, receipt.messageRef(), receipt.threadRef(), now);
              return null;
            });
        return;
      } catch (RuntimeException e) {
        if (attempt >= 5) {
          log.error("post {} went out but could not be recorded; it stays claimed", postId, e);
          return;
        }
        try {
          Thread.sleep(200L * attempt);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private Optional<DailyPublisher.DailyPost> prepare(
      Handle h, ChannelRef channel, LocalDate date, Instant now) {
    Optional<DailyPostRecord> found = store.post(h, channel, date);
    if (found.isEmpty() || !found.get().state().equals(DailyPostRecord.CLAIMED)) {
      return Optional.empty();
    }
    DailyPostRecord post = found.get();
    Optional<Prompt> prompt = curriculum.prompt(post.promptId());
    Optional<Section> section = curriculum.section(post.sectionId());
    if (prompt.isEmpty() || section.isEmpty()) {
      // the prompt went (a custom prompt withdrawn) between claim and delivery: nothing to post,
      // and nothing to try again every time the sweep comes round
      log.error(
          "the {} post of {} names an unknown prompt or section; it is given up", date, channel);
      store.markAttemptFailed(h, post.id(), "its prompt no longer exists", true);
      return Optional.empty();
    }
    if (!store.takeLease(h, post.id(), now, now.plus(lease))) {
      log.info("the {} post of {} is being delivered elsewhere", date, channel);
      return Optional.empty();
    }
    Optional<DailyPostRecord> previous =
        store.posts(h, channel, 10).stream()
            .filter(p -> p.sequence() < post.sequence() && p.posted())
            .findFirst();
    Optional<String> summary = previous.flatMap(p -> composer.summary(p, store.answers(h, p.id())));
    Reply body =
        composer.body(
            post, prompt.get(), section.get(), Duration.between(post.scheduledFor(), now));
    return Optional.of(
        new DailyPublisher.DailyPost(post.id(), channel, date, body, previous, summary));
  }

  private void failed(
      ChannelRef channel, LocalDate date, String postId, String reason, Instant now) {
    int attempts =
        database.withHandle(h -> store.postById(h, postId).map(DailyPostRecord::attempts).orElse(0))
            + 1;
    boolean giveUp = attempts >= retry.maxAttempts();
    Optional<DailySchedule> paused =
        database.inTransaction(
            h -> {
              store.markAttemptFailed(h, postId, reason, giveUp);
              if (!giveUp) {
                // nobody delivers it before its retry is due
                store.holdLease(h, postId, now.plus(retry.backoff(attempts)));
                return Optional.<DailySchedule>empty();
              }
              Optional<DailySchedule> schedule = store.find(h, channel);
              schedule.ifPresent(
                  s ->
                      store.save(
                          h, s.withPaused(true, Optional.of("posting failed: " + reason), now)));
              return schedule;
            });
    if (!giveUp) {
      Duration wait = retry.backoff(attempts);
      log.warn(
          "posting the {} daily prompt in {} failed ({}); attempt {} of {}, next in {}",
          date,
          channel,
          reason,
          attempts,
          retry.maxAttempts(),
          wait);
      triggers.deliver(channel, date, now.plus(wait));
      return;
    }
    log.error(
        "gave up posting the {} daily prompt in {} after {} attempts ({}); the schedule is paused",
        date,
        channel,
        attempts,
        reason);
    triggers.cancel(channel);
    paused.ifPresent(s -> tellOrganiser(s, date, reason));
  }

  private void tellOrganiser(DailySchedule schedule, LocalDate date, String reason) {
    Reply message =
        Reply.builder()
            .heading("Daily prompts paused")
            .paragraph(
                "I couldn't post the daily design question of "
                    + date
                    + " in "
                    + DailyCommands.channelMention(schedule.channel())
                    + ", the channel you set up, so I paused its schedule. The reason: "
                    + reason)
            .paragraph(
                "Once that's fixed, say `/coach daily resume` in the channel to start again.")
            .build();
    directMessage(schedule, message);
  }

  /** Sends the schedule's organiser a DM; a failure is logged, never thrown. */
  private void directMessage(DailySchedule schedule, Reply message) {
    DailyPublisher publisher = publishers.get(schedule.organiser().platform());
    if (publisher == null) {
      log.error(
          "cannot reach {} about {}: no connection", schedule.organiser(), schedule.channel());
      return;
    }
    try {
      publisher.directMessage(schedule.organiser(), message);
    } catch (DailyPublisher.PublishException | RuntimeException e) {
      log.error(
          "could not send {} a message about {}: {}",
          schedule.organiser(),
          schedule.channel(),
          e.getMessage());
    }
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
