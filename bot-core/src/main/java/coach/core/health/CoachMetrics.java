package coach.core.health;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/**
 * Coach's own meters, recorded into Micrometer's global registry: nothing is kept until an
 * operator's registry is added to it ({@code COACH_HTTP_PORT} adds a Prometheus one), so the calls
 * cost next to nothing otherwise. Names follow Micrometer's dotted style; Prometheus shows them
 * with underscores and a unit ({@code coach_events_seconds}).
 */
public final class CoachMetrics {

  /** Every inbound event handled, by kind, with the time to its reply. */
  public static final String EVENTS = "coach.events";

  /** How late each timer fired against the instant it was meant for, by kind of timer. */
  public static final String SCHEDULER_LAG = "coach.scheduler.lag";

  /** How long grading one answer took. */
  public static final String GRADING = "coach.grading";

  /** Time spent waiting before platform calls: pacing, {@code Retry-After} and backoff. */
  public static final String PLATFORM_WAITS = "coach.platform.waits";

  private CoachMetrics() {}

  private static MeterRegistry registry() {
    return Metrics.globalRegistry;
  }

  /**
   * Each timer is built once: the global registry's timers forward to every registry added later,
   * so the hot paths (every event, every grading) only look one up.
   */
  private static final java.util.Map<String, Timer> TIMERS =
      new java.util.concurrent.ConcurrentHashMap<>();

  private static Timer timer(String name, String description, String tag, String value) {
    return TIMERS.computeIfAbsent(
        name + "|" + tag + "=" + value,
        key -> {
          Timer.Builder builder =
              Timer.builder(name).description(description).publishPercentiles(0.5, 0.99);
          if (tag != null) {
            builder.tag(tag, value);
          }
          return builder.register(registry());
        });
  }

  /** An inbound event of {@code kind} was handled in {@code took}. */
  public static void event(String kind, Duration took) {
    timer(EVENTS, "inbound events handled, with the time to their reply", "kind", kind)
        .record(took);
  }

  /** A timer of {@code kind} fired {@code lag} after its instant. */
  public static void schedulerLag(String kind, Duration lag) {
    timer(SCHEDULER_LAG, "how late timers fired", "timer", kind)
        .record(lag.isNegative() ? Duration.ZERO : lag);
  }

  /** Grading one answer took {@code took}. */
  public static void grading(Duration took) {
    timer(GRADING, "time to grade one answer", null, null).record(took);
  }

  /** A call to {@code platform} waited {@code waited} first. */
  public static void platformWait(String platform, Duration waited) {
    timer(
            PLATFORM_WAITS,
            "waits before platform calls (pacing, Retry-After, backoff)",
            "platform",
            platform)
        .record(waited);
  }
}
