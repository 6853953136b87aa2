package coach.app;

import java.util.Arrays;
import java.util.Collection;

/** Nearest-rank percentiles of latencies measured in nanoseconds, reported in milliseconds. */
final class Percentiles {
  private Percentiles() {}

  /** The {@code p}-th percentile (0 to 1) of {@code nanos} in milliseconds; NaN when empty. */
  static double millis(Collection<Long> nanos, double p) {
    return millis(nanos.stream().mapToLong(Long::longValue).toArray(), p);
  }

  /** As {@link #millis(Collection, double)}, for an array (sorted here, in place). */
  static double millis(long[] nanos, double p) {
    if (nanos.length == 0) {
      return Double.NaN;
    }
    Arrays.sort(nanos);
    int index = (int) Math.ceil(p * nanos.length) - 1;
    return nanos[Math.max(0, Math.min(nanos.length - 1, index))] / 1e6;
  }
}
