package coach.app;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.delivery.ReplyDelivery;
import coach.core.delivery.ReplyMessenger;
import coach.core.storage.Database;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code coach bench outbox}: fills the reply outbox of a fresh SQLite database (full sync) with
 * {@code replies} owed replies to {@code users} people, then lets the worker send them to a
 * platform that takes {@code rate} messages a second (the messenger paces itself to it, as the
 * Slack adapter does). Prints the throughput against the limit and whether every reply went once.
 */
final class OutboxBench {

  private final int replies;
  private final int users;
  private final int rate;

  OutboxBench(int replies, int users, int rate) {
    this.replies = replies;
    this.users = users;
    this.rate = rate;
  }

  /** A platform that takes one message every 1/rate seconds, recording each reply's key. */
  private static final class PacedPlatform implements ReplyMessenger {
    private final long intervalNanos;
    private long next = System.nanoTime();
    final Set<String> keys = ConcurrentHashMap.newKeySet();
    final AtomicInteger repeats = new AtomicInteger();

    PacedPlatform(int rate) {
      this.intervalNanos = 1_000_000_000L / rate;
    }

    @Override
    public synchronized void send(UserId user, Reply reply, String key) {
      long wait = next - System.nanoTime();
      while (wait > 0) {
        // parkNanos, not Thread.sleep(ms, ns), which rounds up to whole milliseconds
        java.util.concurrent.locks.LockSupport.parkNanos(wait);
        wait = next - System.nanoTime();
      }
      next = Math.max(next, System.nanoTime() - intervalNanos) + intervalNanos;
      if (!keys.add(key)) {
        repeats.incrementAndGet();
      }
    }
  }

  int run(PrintStream out) throws Exception {
    Path folder = Files.createTempDirectory("coach-bench-outbox");
    try (Database database = Database.open("jdbc:sqlite:" + folder.resolve("bench.db"))) {
      Clock clock = Clock.systemUTC();
      ReplyDelivery delivery = new ReplyDelivery(database, clock, ReplyDelivery.Settings.DEFAULT);
      Reply reply =
          Reply.builder()
              .heading("Section 3 of 10: Metrics")
              .paragraph("Which business metric moves, and which model metric stands in for it?")
              .build();
      long filling = System.nanoTime();
      database.inTransaction(
          handle -> {
            for (int i = 0; i < replies; i++) {
              delivery.owe(
                  handle,
                  UserId.discord(String.valueOf(1000 + i % users)),
                  "e" + i,
                  reply,
                  clock.instant().minusSeconds(120));
            }
            return null;
          });
      out.printf(
          Locale.ROOT,
          "owed %d replies to %d users in %.1f s; platform limit %d messages/s%n",
          replies,
          users,
          (System.nanoTime() - filling) / 1e9,
          rate);
      PacedPlatform platform = new PacedPlatform(rate);
      long start = System.nanoTime();
      delivery.register("discord", platform);
      delivery.start(true);
      while (delivery.depth().pending() > 0) {
        Thread.sleep(100);
        if (System.nanoTime() - start > Duration.ofMinutes(30).toNanos()) {
          break;
        }
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      delivery.unregister("discord");
      double perSecond = platform.keys.size() / seconds;
      out.printf(
          Locale.ROOT,
          "delivered %d of %d in %.1f s: %.1f messages/s, %.1f%% of the limit; %d repeated, %d"
              + " still owed%n",
          platform.keys.size(),
          replies,
          seconds,
          perSecond,
          100 * perSecond / rate,
          platform.repeats.get(),
          delivery.depth().pending());
      return 0;
    }
  }
}
