package coach.app;

import java.lang.management.CompilationMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.LongSupplier;

/**
 * How busy the JIT compiler has been lately, from the time its threads have spent compiling. The
 * compiler has <em>settled</em> when, over the last window (5 s in a benchmark), it compiled for
 * less than {@link #SETTLED_SHARE} of the time. Call {@link #sample} about once a second. Not
 * thread-safe.
 */
final class JitActivity {

  /** How far back {@link #settled} looks in a benchmark. */
  static final Duration WINDOW = Duration.ofSeconds(5);

  /** The share of the window the compiler may spend compiling and still count as settled. */
  static final double SETTLED_SHARE = 0.05;

  private record Sample(long nanos, long compilingMillis) {}

  private final long windowNanos;
  private final LongSupplier nanoTime;
  private final LongSupplier compilingMillis;
  private final Deque<Sample> samples = new ArrayDeque<>();

  JitActivity(Duration window, LongSupplier nanoTime, LongSupplier compilingMillis) {
    this.windowNanos = window.toNanos();
    this.nanoTime = nanoTime;
    this.compilingMillis = compilingMillis;
  }

  /**
   * This JVM's compiler; one that cannot report its compile time counts as settled at once (the
   * warm-up then lasts only the seconds asked for).
   */
  static JitActivity ofThisJvm() {
    CompilationMXBean bean = ManagementFactory.getCompilationMXBean();
    if (bean == null || !bean.isCompilationTimeMonitoringSupported()) {
      return new JitActivity(WINDOW, System::nanoTime, () -> 0);
    }
    return new JitActivity(WINDOW, System::nanoTime, bean::getTotalCompilationTime);
  }

  /** Records the compile time so far. */
  void sample() {
    long now = nanoTime.getAsLong();
    samples.addLast(new Sample(now, compilingMillis.getAsLong()));
    // keep one sample at least a window old, and nothing older than it needs
    while (samples.size() > 2 && now - secondOldest().nanos() >= windowNanos) {
      samples.removeFirst();
    }
  }

  private Sample secondOldest() {
    var iterator = samples.iterator();
    iterator.next();
    return iterator.next();
  }

  /**
   * Whether the samples span the window and the compiler spent less than {@link #SETTLED_SHARE} of
   * it compiling; false before then.
   */
  boolean settled() {
    if (samples.size() < 2) {
      return false;
    }
    Sample first = samples.getFirst();
    Sample last = samples.getLast();
    long spanNanos = last.nanos() - first.nanos();
    if (spanNanos < windowNanos) {
      return false;
    }
    double compilingNanos = (last.compilingMillis() - first.compilingMillis()) * 1e6;
    return compilingNanos < SETTLED_SHARE * spanNanos;
  }
}
