package coach.app;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * An open-loop load for the platform benchmarks: events go out on a fixed schedule whatever the
 * system under test does (so a slow system cannot slow the load down and hide its latency), first
 * an uncounted warm-up, then the measured events. Event {@code i} is the {@code turn}-th event of
 * user {@code user}; users take turns, so each user writes once every {@code users / rate} s.
 */
final class OpenLoopLoad {

  /** Sends one event; called on the load's thread at the event's due time. */
  interface Sender {
    void send(int index, int user, int turn, boolean warming) throws Exception;
  }

  private final int rate;
  private final int users;
  private final int warm;
  private final int total;
  private final long[] sentAt;

  OpenLoopLoad(int rate, int warmupSeconds, int seconds, int users) {
    this.rate = rate;
    this.users = users;
    this.warm = rate * warmupSeconds;
    this.total = rate * seconds;
    this.sentAt = new long[warm + total];
  }

  /** The measured events (the warm-up not included). */
  int measured() {
    return total;
  }

  /** All events, the warm-up included. */
  int all() {
    return warm + total;
  }

  /** The warm-up's events. */
  int warm() {
    return warm;
  }

  /**
   * Sends every event on schedule; between the warm-up and the measured events, waits (up to a
   * minute) until {@code warmedUp} holds, so a backlog the cold start built is not measured.
   */
  void run(Sender sender, BooleanSupplier warmedUp) throws Exception {
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < warm + total; i++) {
      if (i == warm && warm > 0) {
        await(warmedUp, Duration.ofMinutes(1));
        start = System.nanoTime() - i * periodNanos; // the measured schedule starts now
      }
      long wait = start + i * periodNanos - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      boolean warming = i < warm;
      int n = warming ? i : i - warm;
      sentAt[i] = System.nanoTime();
      sender.send(i, n % users, n / users, warming);
    }
  }

  /** Waits until {@code done} holds, or {@code timeout} has passed. */
  static void await(BooleanSupplier done, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!done.getAsBoolean() && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
  }

  /**
   * Latencies in nanoseconds of the measured events that {@code at} holds a time for ({@link
   * System#nanoTime} by event index), from when each was sent.
   */
  List<Long> latencies(Map<Integer, Long> at) {
    List<Long> latencies = new ArrayList<>();
    for (int i = warm; i < warm + total; i++) {
      Long time = at.get(i);
      if (time != null) {
        latencies.add(time - sentAt[i]);
      }
    }
    return latencies;
  }

  /** Deletes a temporary folder and everything in it. */
  static void deleteFolder(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
