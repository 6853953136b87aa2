package coach.slack.transport;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Paces messages per channel with a token bucket: a burst of {@code burst} messages, then {@code
 * perSecond} a second (Slack asks for about one message per second per channel). Thread-safe; it
 * only computes waits, the caller sleeps.
 */
public final class ChannelPacer {

  private static final int PRUNE_AT = 10_000;

  private final double perSecond;
  private final int burst;
  private final LongSupplier nanoTime;
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long updatedNanos) {
      this.tokens = tokens;
      this.updatedNanos = updatedNanos;
    }
  }

  public ChannelPacer(double perSecond, int burst, LongSupplier nanoTime) {
    if (perSecond <= 0 || burst < 1) {
      throw new IllegalArgumentException("a pace needs a positive rate and a burst of at least 1");
    }
    this.perSecond = perSecond;
    this.burst = burst;
    this.nanoTime = nanoTime;
  }

  /** Slack's pace: bursts of 3, then one message a second. */
  static ChannelPacer slackDefault() {
    return new ChannelPacer(1.0, 3, System::nanoTime);
  }

  /**
   * Takes one slot for a message to {@code channel} and returns how long the caller must wait
   * before sending it (zero when it may send now).
   */
  Duration reserve(String channel) {
    long now = nanoTime.getAsLong();
    if (buckets.size() > PRUNE_AT) {
      prune(now);
    }
    Bucket bucket = buckets.computeIfAbsent(channel, c -> new Bucket(burst, now));
    synchronized (bucket) {
      double elapsed = (now - bucket.updatedNanos) / 1e9;
      bucket.tokens = Math.min(burst, bucket.tokens + elapsed * perSecond);
      bucket.updatedNanos = now;
      bucket.tokens -= 1;
      if (bucket.tokens >= 0) {
        return Duration.ZERO;
      }
      return Duration.ofNanos((long) Math.ceil(-bucket.tokens / perSecond * 1e9));
    }
  }

  /** Forgets channels whose bucket has refilled, so quiet channels cost no memory. */
  private void prune(long now) {
    buckets
        .entrySet()
        .removeIf(
            e -> {
              synchronized (e.getValue()) {
                double elapsed = (now - e.getValue().updatedNanos) / 1e9;
                return e.getValue().tokens + elapsed * perSecond >= burst;
              }
            });
  }
}
