package coach.slack.transport;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Paces {@code chat.postMessage} across a whole workspace (team) with a token bucket, on top of the
 * per-channel {@link ChannelPacer}. Slack documents about one message per second per channel and no
 * hard workspace-wide figure, but it answers a flood of posts to many channels at once (thousands
 * of daily prompts due the same minute) with HTTP 429; sending at a steady pace instead finishes as
 * early as the limit allows without a single 429. Thread-safe; it only computes waits, the caller
 * sleeps.
 */
public final class WorkspacePacer {

  /**
   * The assumed workspace-wide limit: 50 chat.postMessage calls per second. An assumption, not a
   * figure Slack publishes (it documents the per-channel pace only); tune it with {@code
   * SLACK_POSTS_PER_SECOND}.
   */
  public static final double DEFAULT_PER_SECOND = 50;

  private final ChannelPacer buckets;
  private final double perSecond;

  /**
   * @param perSecond posts per second per workspace
   * @param burst posts sent at once before pacing starts
   */
  public WorkspacePacer(double perSecond, int burst, LongSupplier nanoTime) {
    this.buckets = new ChannelPacer(perSecond, burst, nanoTime);
    this.perSecond = perSecond;
  }

  /** The pace, posts per second per workspace. */
  public double perSecond() {
    return perSecond;
  }

  /**
   * Takes one slot for a post in {@code team} and returns how long the caller must wait before
   * sending it (zero when it may send now).
   */
  Duration reserve(String team) {
    return buckets.reserve("team:" + team);
  }
}
