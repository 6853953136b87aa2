package coach.core.daily;

import java.time.Instant;
import java.time.LocalDate;

/**
 * The timer behind daily prompts (Quartz in production). Each method replaces what it schedules for
 * the same channel, so calling it twice leaves one trigger.
 */
public interface DailyTriggers {

  /** The channel's next regular post fires at {@code at}; replaces the previous one. */
  void scheduleNext(ChannelRef channel, Instant at);

  /** Whether the channel has a regular post trigger pending. */
  boolean hasNext(ChannelRef channel);

  /** Delivers (or retries) the claimed post of {@code date} at {@code at}. */
  void deliver(ChannelRef channel, LocalDate date, Instant at);

  /** Removes the channel's pending triggers. */
  void cancel(ChannelRef channel);
}
