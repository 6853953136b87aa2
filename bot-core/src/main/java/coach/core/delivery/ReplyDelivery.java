package coach.core.delivery;

import coach.core.background.Sweeper;
import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.delivery.ReplyMessenger.DeliveryException;
import coach.core.storage.Database;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers the replies to direct-message events through the persistent outbox. The handling
 * transaction owes the reply ({@link #owe}); right after the commit the handling thread sends it
 * ({@link #sendNow}) unless an older reply to the same user is still waiting. Whatever did not go
 * (a failed send, a crash between the commit and the send) is sent by a worker that runs every
 * {@link Settings#poll}, on any instance: each user's replies in order, a failed one tried again
 * after the platform's {@code Retry-After} or an exponential backoff, never given up unless the
 * platform refuses it for good. A reply can go twice only when an instance dies after the platform
 * took it and before its mark ({@link SentMarks}) was committed; Discord drops that repeat by its
 * nonce (the reply's id). Thread-safe.
 */
public final class ReplyDelivery implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(ReplyDelivery.class);

  /**
   * How delivery runs.
   *
   * @param lease how long a sender holds a reply before another may try it (longer than one send
   *     with the platform's own short retries)
   * @param poll how often the worker looks for replies that did not go
   * @param firstBackoff the wait after a first failure without {@code Retry-After}; doubles each
   *     time
   * @param maxBackoff the longest wait between attempts
   * @param keepSent how long a sent reply's row is kept (then deleted: its text is the user's)
   */
  public record Settings(
      Duration lease,
      Duration poll,
      Duration firstBackoff,
      Duration maxBackoff,
      Duration keepSent) {
    public static final Settings DEFAULT =
        new Settings(
            Duration.ofSeconds(60),
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofMinutes(5),
            Duration.ofHours(1));
  }

  private static final int BATCH = 200;

  private final Database database;
  private final Clock clock;
  private final Settings settings;
  private final ReplyOutbox outbox = new ReplyOutbox();
  private final SentMarks marks;
  private final Map<String, ReplyMessenger> messengers = new ConcurrentHashMap<>();
  private final Object sweeping = new Object();
  private Sweeper worker;

  public ReplyDelivery(Database database, Clock clock, Settings settings) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
    this.marks = new SentMarks(database, clock, outbox);
  }

  /**
   * Sends {@code platform}'s replies ({@code slack}, {@code discord}) through {@code messenger},
   * and starts the worker if it is not running.
   */
  public void register(String platform, ReplyMessenger messenger) {
    messengers.put(platform, messenger);
    startWorker();
  }

  /**
   * Stops sending {@code platform}'s replies (its adapter is closing); they wait in the outbox. The
   * worker stops with the last platform.
   */
  public void unregister(String platform) {
    messengers.remove(platform);
    if (messengers.isEmpty()) {
      stopWorker(Duration.ofSeconds(5));
    }
  }

  /** Whether replies to {@code user} go through the outbox (their platform has a messenger). */
  public boolean delivers(UserId user) {
    return messengers.containsKey(platform(user));
  }

  /**
   * A reply written in the handling transaction, to send once it commits; {@code waits} when an
   * older reply to the same user is still owed (then the worker sends both, in order).
   */
  public record Owed(String id, UserId user, Reply reply, boolean waits) {}

  /**
   * Owes {@code reply} to {@code user} for {@code eventId}; call in the handling transaction, which
   * holds the user's lock. Leased to the caller unless it must wait behind an older reply.
   */
  public Owed owe(Handle handle, UserId user, String eventId, Reply reply, Instant now) {
    // an older reply this instance sent, whose mark is still being written, is not in the way
    boolean waits = outbox.pendingIds(handle, user).stream().anyMatch(id -> !marks.inFlight(id));
    String id =
        outbox.enqueue(handle, user, eventId, reply, now, waits ? now : now.plus(settings.lease()));
    return new Owed(id, user, reply, waits);
  }

  /**
   * Sends a reply just owed, after its transaction committed; an older reply to the same user that
   * is still waiting goes first, through the worker. Never throws.
   */
  public void sendNow(Owed owed) {
    try {
      if (owed.waits()) {
        wake();
        return;
      }
      attempt(owed.id(), owed.user(), owed.reply(), 0, true);
    } catch (RuntimeException e) {
      log.error("could not send the reply {} to {}; the worker will", owed.id(), owed.user(), e);
    }
  }

  /**
   * Sends a reply that has no outbox entry (the apology for an event that could not be stored,
   * which changed nothing): one attempt, logged when it fails.
   */
  public void sendUnrecorded(UserId user, Reply reply) {
    ReplyMessenger messenger = messengers.get(platform(user));
    if (messenger == null) {
      return;
    }
    try {
      messenger.send(user, reply, "apology-" + java.util.UUID.randomUUID());
    } catch (DeliveryException | RuntimeException e) {
      log.warn("could not send an apology to {}: {}", user, e.getMessage());
    }
  }

  /**
   * Sends every reply that is due, each user's in order, until none is left that can go now;
   * returns how many went. The worker calls it; so do start-up and shutdown.
   */
  public int deliverDue() {
    synchronized (sweeping) {
      int sent = 0;
      while (true) {
        Instant now = clock.instant();
        List<ReplyOutbox.Owed> heads = database.withHandle(h -> outbox.heads(h, now, BATCH));
        int went = 0;
        // a reply that went is marked in the same transaction that leases the next one
        String unmarked = null;
        for (ReplyOutbox.Owed owed : heads) {
          if (!messengers.containsKey(platform(owed.user()))) {
            continue; // that platform is not connected on this instance
          }
          Instant leaseNow = clock.instant();
          String previous = unmarked;
          boolean mine =
              database.inTransaction(
                  h -> {
                    if (previous != null) {
                      outbox.sent(h, previous, leaseNow);
                    }
                    return outbox.lease(h, owed.id(), leaseNow, leaseNow.plus(settings.lease()));
                  });
          unmarked = null;
          if (mine && attempt(owed.id(), owed.user(), owed.reply(), owed.attempts(), false)) {
            went++;
            unmarked = owed.id();
          }
        }
        if (unmarked != null) {
          markSent(unmarked);
        }
        sent += went;
        if (went == 0) {
          return sent;
        }
      }
    }
  }

  /**
   * Sends one reply; true when it went (its mark queued when {@code mark}, see {@link SentMarks};
   * else the caller marks it). Records the failure, with when to try again, otherwise.
   */
  private boolean attempt(String id, UserId user, Reply reply, int attempts, boolean mark) {
    ReplyMessenger messenger = messengers.get(platform(user));
    if (messenger == null) {
      return false;
    }
    try {
      messenger.send(user, reply, id);
      if (mark) {
        marks.markSoon(id);
      }
      return true;
    } catch (DeliveryException e) {
      Duration wait = backoff(attempts);
      if (e.retryAfter().isPresent() && e.retryAfter().get().compareTo(wait) > 0) {
        wait = e.retryAfter().get();
      }
      Instant retryAt = clock.instant().plus(wait);
      if (e.permanent()) {
        log.warn("gave up a reply to {}: {}", user, e.getMessage());
      } else {
        log.info(
            "a reply to {} did not go ({}); trying again in {} s",
            user,
            e.getMessage(),
            wait.toSeconds());
      }
      database.inTransaction(
          h -> {
            outbox.failed(h, id, e.getMessage(), e.permanent(), retryAt);
            return null;
          });
      return false;
    } catch (RuntimeException e) {
      Instant retryAt = clock.instant().plus(backoff(attempts));
      log.warn("a reply to {} failed unexpectedly; trying again later", user, e);
      database.inTransaction(
          h -> {
            outbox.failed(h, id, String.valueOf(e.getMessage()), false, retryAt);
            return null;
          });
      return false;
    }
  }

  private void markSent(String id) {
    database.inTransaction(
        h -> {
          outbox.sent(h, id, clock.instant());
          return null;
        });
  }

  /** The wait after {@code attempts} failures: the first backoff, doubled each time, capped. */
  Duration backoff(int attempts) {
    Duration wait = settings.firstBackoff().multipliedBy(1L << Math.min(attempts, 20));
    return wait.compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait;
  }

  /**
   * Makes the replies a crash left go now: {@code sole} is true when this is the only instance on
   * the database, and then the leases the previous run held are released. Starts the worker if it
   * is not running, and runs a round at once.
   */
  public void start(boolean sole) {
    if (sole) {
      int released = database.inTransaction(h -> outbox.releaseLeases(h, clock.instant()));
      if (released > 0) {
        log.info("{} replies a previous run had not sent will be sent now", released);
      }
    }
    startWorker();
    // a first round at once: replies a previous run left go as soon as the platforms are up
    wake();
  }

  private synchronized void startWorker() {
    if (worker == null) {
      worker = Sweeper.start("coach-replies", settings.poll(), this::sweep);
    }
  }

  /** Stops the worker, letting a running sweep finish for at most {@code timeout}. */
  private void stopWorker(Duration timeout) {
    Sweeper running;
    synchronized (this) {
      running = worker;
      worker = null;
    }
    if (running != null) {
      running.stop(timeout);
    }
  }

  /** Sent replies deleted in one transaction at most, so a backlog never holds the writer long. */
  static final int PRUNE_BATCH = 1_000;

  /** Sent replies deleted in one round at most; more wait for the next round. */
  static final int PRUNE_PER_ROUND = 10_000;

  /** One round of the worker: sends what is due, then deletes old sent rows. */
  void sweep() {
    try {
      deliverDue();
      Instant before = clock.instant().minus(settings.keepSent());
      int pruned = 0;
      int batch;
      do {
        batch = database.inTransaction(h -> outbox.pruneSent(h, before, PRUNE_BATCH));
        pruned += batch;
      } while (batch == PRUNE_BATCH && pruned < PRUNE_PER_ROUND);
    } catch (RuntimeException e) {
      log.error("the reply worker failed; it runs again in {} ms", settings.poll().toMillis(), e);
    }
  }

  /** Asks the worker to look now (an older reply is waiting for someone). */
  public void wake() {
    Sweeper running;
    synchronized (this) {
      running = worker;
    }
    if (running != null) {
      running.now();
    }
  }

  /**
   * Waits (a few seconds at most) until the replies sent on handling threads so far are marked sent
   * in the outbox, which happens in the background ({@link SentMarks}): for a caller about to read
   * the outbox's state.
   */
  public void writeMarks() {
    marks.close();
  }

  /** How many replies wait, and since when the oldest. */
  public ReplyOutbox.Depth depth() {
    return database.withHandle(outbox::depth);
  }

  /**
   * At shutdown: stops the worker and sends what is due, for at most {@code timeout}; returns how
   * many replies are still waiting (they go at the next start, or from another instance).
   */
  public int flush(Duration timeout) {
    stopWorker(timeout);
    marks.close();
    deliverDue();
    return depth().pending();
  }

  @Override
  public void close() {
    flush(Duration.ofSeconds(5));
  }

  private static String platform(UserId user) {
    return user.platform();
  }

  /** For tests and the worker's callers: the messenger of {@code platform}, if registered. */
  Optional<ReplyMessenger> messenger(String platform) {
    return Optional.ofNullable(messengers.get(platform));
  }
}
