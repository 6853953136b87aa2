package coach.slack;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;
import java.util.function.LongSupplier;

/**
 * Slack's Web API rate limits, as documented (docs.slack.dev/apis/web-api/rate-limits and each
 * method's page): methods are tiered (Tier 1: 1+ a minute, Tier 2: 20+, Tier 3: 50+, Tier 4: 100+,
 * auth.test: hundreds), and chat.postMessage allows about one message per second per channel with
 * short bursts. A call over its limit gets HTTP 429 with {@code Retry-After} in seconds. Times come
 * from a given clock, so a test can run minutes of traffic without waiting.
 */
final class SlackRateLimits {

  private static final long MINUTE = 60_000_000_000L;
  private static final long SECOND = 1_000_000_000L;

  /** Requests per minute of the methods the coach calls (Slack's documented tiers). */
  static final Map<String, Integer> PER_MINUTE =
      Map.ofEntries(
          Map.entry("apps.connections.open", 1), // Tier 1
          Map.entry("auth.test", 600), // special: hundreds per minute
          Map.entry("conversations.open", 50), // Tier 3
          Map.entry("chat.update", 50), // Tier 3
          Map.entry("users.info", 100), // Tier 4
          Map.entry("views.publish", 100), // Tier 4
          Map.entry("views.open", 100), // Tier 4
          Map.entry("chat.postEphemeral", 100), // Tier 4
          Map.entry("files.getUploadURLExternal", 100), // Tier 4
          Map.entry("files.completeUploadExternal", 100)); // Tier 4

  private final LongSupplier clock;
  private final int postMessageBurst;
  private final Map<String, Deque<Long>> windows = new HashMap<>();
  private final Map<String, Bucket> channelBuckets = new HashMap<>();

  /** A channel's chat.postMessage allowance. */
  private static final class Bucket {
    double tokens;
    long updatedNanos;

    Bucket(double tokens, long updatedNanos) {
      this.tokens = tokens;
      this.updatedNanos = updatedNanos;
    }
  }

  /**
   * @param clock nanoseconds
   * @param postMessageBurst chat.postMessage calls a channel may take at once before the one a
   *     second applies (Slack grants "short bursts" without naming a number)
   */
  SlackRateLimits(LongSupplier clock, int postMessageBurst) {
    this.clock = clock;
    this.postMessageBurst = postMessageBurst;
  }

  /** Empty when the call may go now, else the whole seconds to send in {@code Retry-After}. */
  synchronized OptionalLong take(String method, String channel) {
    long now = clock.getAsLong();
    if (method.equals("chat.postMessage")) {
      return takeChannel(channel == null ? "" : channel, now);
    }
    Integer perMinute = PER_MINUTE.get(method);
    if (perMinute == null) {
      return OptionalLong.empty();
    }
    Deque<Long> window = windows.computeIfAbsent(method, m -> new ArrayDeque<>());
    while (!window.isEmpty() && window.peekFirst() <= now - MINUTE) {
      window.pollFirst();
    }
    if (window.size() >= perMinute) {
      return OptionalLong.of(seconds(window.peekFirst() + MINUTE - now));
    }
    window.addLast(now);
    return OptionalLong.empty();
  }

  private OptionalLong takeChannel(String channel, long now) {
    Bucket bucket = channelBuckets.computeIfAbsent(channel, c -> new Bucket(postMessageBurst, now));
    bucket.tokens =
        Math.min(postMessageBurst, bucket.tokens + (now - bucket.updatedNanos) / (double) SECOND);
    bucket.updatedNanos = now;
    // a hair of tolerance: a client that waits exactly the documented second is on time
    if (bucket.tokens < 1 - 1e-6) {
      return OptionalLong.of(seconds((long) ((1 - bucket.tokens) * SECOND)));
    }
    bucket.tokens -= 1;
    return OptionalLong.empty();
  }

  private static long seconds(long nanos) {
    return Math.max(1, (nanos + SECOND - 1) / SECOND);
  }
}
