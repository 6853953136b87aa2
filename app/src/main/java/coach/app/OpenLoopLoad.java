package coach.app;

import java.io.IOException;
import java.lang.management.ManagementFactory;
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
 *
 * <p>The warm-up lasts at least the seconds asked for, and goes on (up to {@link #LONGEST_WARMUP})
 * while the JIT compiler is still busy: on two cores its compiler threads take most of a core for
 * the first half-minute, and a rate measured meanwhile measures the compiler, not the coach.
 */
final class OpenLoopLoad {

  /** Sends one event; called on the load's thread at the event's due time. */
  interface Sender {
    void send(int index, int user, int turn, boolean warming) throws Exception;
  }

  /** The longest warm-up, however busy the JIT compiler still is. */
  static final Duration LONGEST_WARMUP = Duration.ofMinutes(2);

  private final int rate;
  private final int users;
  private final int shortestWarm;
  private final int longestWarm;
  private final int total;
  private final long[] sentAt;
  private final JitActivity jit;
  private volatile int warm;
  private volatile long warmupNanos;
  private volatile long measureStartNanos;
  private volatile long measureStartCpuNanos = -1;

  OpenLoopLoad(int rate, int warmupSeconds, int seconds, int users) {
    this(rate, warmupSeconds, seconds, users, JitActivity.ofThisJvm());
  }

  OpenLoopLoad(int rate, int warmupSeconds, int seconds, int users, JitActivity jit) {
    this.rate = rate;
    this.users = users;
    this.shortestWarm = rate * warmupSeconds;
    this.longestWarm =
        warmupSeconds == 0 ? 0 : Math.max(shortestWarm, (int) (rate * LONGEST_WARMUP.toSeconds()));
    this.total = rate * seconds;
    this.sentAt = new long[longestWarm + total];
    this.jit = jit;
  }

  /** The measured events (the warm-up not included). */
  int measured() {
    return total;
  }

  /** All events sent so far, or in all once {@link #run} has returned. */
  int all() {
    return warm + total;
  }

  /** The warm-up's events: as many as it took, once the warm-up is over. */
  int warm() {
    return warm;
  }

  /** How long the warm-up's events took to send. */
  Duration warmup() {
    return Duration.ofNanos(warmupNanos);
  }

  /**
   * Sends every event on schedule: warm-up events until both the warm-up's least seconds have
   * passed and the JIT compiler has settled; then waits (up to a minute) until {@code warmedUp}
   * holds, so a backlog the cold start built is not measured; then the measured events.
   */
  void run(Sender sender, BooleanSupplier warmedUp) throws Exception {
    long periodNanos = 1_000_000_000L / rate;
    long start = System.nanoTime();
    int i = 0;
    while (i < longestWarm && !(i >= shortestWarm && i % rate == 0 && jit.settled())) {
      if (i % rate == 0) {
        jit.sample();
      }
      sendAt(sender, start, periodNanos, i, i, true);
      i++;
    }
    warm = i;
    warmupNanos = System.nanoTime() - start;
    if (warm > 0) {
      await(warmedUp, Duration.ofMinutes(1));
    }
    start = System.nanoTime() - warm * periodNanos; // the measured schedule starts now
    measureStartNanos = System.nanoTime();
    measureStartCpuNanos = processCpuNanos();
    for (int n = 0; n < total; n++) {
      sendAt(sender, start, periodNanos, warm + n, n, false);
    }
  }

  private void sendAt(Sender sender, long start, long periodNanos, int i, int n, boolean warming)
      throws Exception {
    long wait = start + i * periodNanos - System.nanoTime();
    if (wait > 0) {
      TimeUnit.NANOSECONDS.sleep(wait);
    }
    sentAt[i] = System.nanoTime();
    sender.send(i, n % users, n / users, warming);
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

  /**
   * The measured events' latencies by when they were sent, {@code seconds} of sending a slice: a
   * latency that grows slice after slice is a backlog (the rate is over capacity), a spike in one
   * slice a stall.
   */
  List<List<Long>> latenciesBySlice(Map<Integer, Long> at, int seconds) {
    int perSlice = rate * seconds;
    List<List<Long>> slices = new ArrayList<>();
    for (int first = 0; first < total; first += perSlice) {
      List<Long> slice = new ArrayList<>();
      for (int i = warm + first; i < warm + Math.min(first + perSlice, total); i++) {
        Long time = at.get(i);
        if (time != null) {
          slice.add(time - sentAt[i]);
        }
      }
      slices.add(slice);
    }
    return slices;
  }

  /**
   * The share of the machine's cores this process used from the first measured event until now (0
   * to 1), or -1 when the JVM cannot tell.
   */
  double cpuShareSinceMeasuring() {
    long cpu = processCpuNanos();
    if (cpu < 0 || measureStartCpuNanos < 0) {
      return -1;
    }
    long wall = System.nanoTime() - measureStartNanos;
    int cores = Runtime.getRuntime().availableProcessors();
    return wall <= 0 ? -1 : (double) (cpu - measureStartCpuNanos) / wall / cores;
  }

  private static long processCpuNanos() {
    if (ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** Deletes a temporary folder and everything in it. */
  static void deleteFolder(Path folder) throws IOException {
    try (var files = Files.walk(folder)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    }
  }
}
