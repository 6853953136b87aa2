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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes claimed daily posts through the {@link DailyPublisher} registered for their platform. A
 * post is published under its delivery lease (nothing happens while another deliverer holds it)
 * and, once the platform accepted it, recorded and never published again. A failed attempt is tried
 * again after the {@link RetryPolicy}'s backoff; after the last one the schedule pauses and its
 * organiser is told in a DM. Nothing here throws for a platform's failure: it is logged.
 */
final class ClaimedPostDelivery {

  private static final Logger log = LoggerFactory.getLogger(ClaimedPostDelivery.class);

  private final Database database;
  private final Curriculum curriculum;
  private final DailyStore store;
  private final DailyPostComposer composer;
  private final Clock clock;
  private final RetryPolicy retry;
  private final Duration lease;
  private final DailyTriggers triggers;
  private final PoolNotice poolNotice;
  private final Map<String, DailyPublisher> publishers = new ConcurrentHashMap<>();

  ClaimedPostDelivery(
      Database database,
      Curriculum curriculum,
      DailyStore store,
      DailyPostComposer composer,
      Clock clock,
      RetryPolicy retry,
      Duration lease,
      DailyTriggers triggers,
      PoolNotice poolNotice) {
    this.database = database;
    this.curriculum = curriculum;
    this.store = store;
    this.composer = composer;
    this.clock = clock;
    this.retry = retry;
    this.lease = lease;
    this.triggers = triggers;
    this.poolNotice = poolNotice;
  }

  void register(String platform, DailyPublisher publisher) {
    publishers.put(platform, publisher);
  }

  boolean canPublish(ChannelRef channel) {
    return publishers.containsKey(channel.platform());
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
}
