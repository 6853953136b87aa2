package coach.core.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Timers for tests that don't need Quartz: remembers what is pending, and a test fires it by hand
 * ({@link #fireDue}), the way Quartz would.
 */
final class ManualTriggers implements DailyTriggers {

  final Map<String, Instant> next = new LinkedHashMap<>();
  final Map<String, Instant> deliveries = new LinkedHashMap<>();

  @Override
  public synchronized void scheduleNext(ChannelRef channel, Instant at) {
    next.put(channel.key(), at);
  }

  @Override
  public synchronized boolean hasNext(ChannelRef channel) {
    return next.containsKey(channel.key());
  }

  @Override
  public synchronized void deliver(ChannelRef channel, LocalDate date, Instant at) {
    deliveries.put(channel.key() + "/" + date, at);
  }

  @Override
  public synchronized void cancel(ChannelRef channel) {
    next.remove(channel.key());
    deliveries.keySet().removeIf(k -> k.startsWith(channel.key() + "/"));
  }

  Optional<Instant> nextFor(ChannelRef channel) {
    return Optional.ofNullable(next.get(channel.key()));
  }

  /** Fires every timer due at {@code now}, as Quartz would: each once, removed when fired. */
  void fireDue(DailyPrompts daily, Instant now) {
    for (var e : Map.copyOf(deliveries).entrySet()) {
      if (!e.getValue().isAfter(now)) {
        deliveries.remove(e.getKey());
        String[] parts = e.getKey().split("/");
        daily.deliver(ChannelRef.parse(parts[0]), LocalDate.parse(parts[1]));
      }
    }
    for (var e : Map.copyOf(next).entrySet()) {
      if (!e.getValue().isAfter(now)) {
        next.remove(e.getKey());
        daily.fire(ChannelRef.parse(e.getKey()), e.getValue());
      }
    }
  }
}
