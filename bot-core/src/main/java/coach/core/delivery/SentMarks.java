package coach.core.delivery;

import coach.core.storage.Database;
import coach.core.storage.WriteBatcher;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Marks replies sent without making the sender wait: the thread that just sent a reply queues its
 * mark and goes on to its next event, and the marks of many replies are written in one transaction.
 * Until its mark is committed a reply counts as {@link #inFlight}: sent by this instance, so a
 * newer reply to the same user need not wait behind it.
 *
 * <p>What a crash costs: a reply sent but whose mark was still queued is sent again once its lease
 * runs out (a few milliseconds more exposure than marking it in a transaction of its own). Discord
 * drops the repeat by its nonce; on Slack it shows twice. Thread-safe.
 */
final class SentMarks implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SentMarks.class);

  /** Marks written in one transaction at most. */
  private static final int BATCH = 200;

  private record Mark(String id, Instant at) {}

  private final Database database;
  private final Clock clock;
  private final ReplyOutbox outbox;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private WriteBatcher<Mark> writes;

  SentMarks(Database database, Clock clock, ReplyOutbox outbox) {
    this.database = database;
    this.clock = clock;
    this.outbox = outbox;
  }

  /** Queues the mark of reply {@code id}, sent just now; returns at once. */
  void markSoon(String id) {
    inFlight.add(id);
    writes()
        .submit(new Mark(id, clock.instant()))
        .whenComplete(
            (written, failure) -> {
              inFlight.remove(id);
              if (failure != null) {
                log.warn(
                    "could not mark the reply {} sent; it goes again once its lease runs out",
                    id,
                    failure);
              }
            });
  }

  /** Whether reply {@code id} was sent by this instance and its mark is not yet committed. */
  boolean inFlight(String id) {
    return inFlight.contains(id);
  }

  private synchronized WriteBatcher<Mark> writes() {
    if (writes == null) {
      writes = new WriteBatcher<>(database, "coach-reply-marks", BATCH, this::write);
    }
    return writes;
  }

  private void write(org.jdbi.v3.core.Handle handle, List<Mark> marks) {
    for (Mark mark : marks) {
      outbox.sent(handle, mark.id(), mark.at());
    }
  }

  /** Writes the queued marks now (waiting a few seconds at most); later marks start afresh. */
  @Override
  public void close() {
    WriteBatcher<Mark> running;
    synchronized (this) {
      running = writes;
      writes = null;
    }
    if (running != null) {
      running.close();
    }
  }
}
