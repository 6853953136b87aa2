package coach.core.mock;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Mock-session timers for tests: kept in a map and fired by hand, earliest first. */
public final class ManualMockTriggers implements MockTriggers {

  private final Map<String, Pending> pending = new TreeMap<>();

  /** One armed timer. */
  public record Pending(MockTimer timer, Instant at) {}

  @Override
  public synchronized void schedule(MockTimer timer, Instant at) {
    pending.put(timer.key(), new Pending(timer, at));
  }

  @Override
  public synchronized void cancel(String sessionId) {
    pending.keySet().removeIf(k -> k.startsWith(sessionId + "/"));
  }

  public synchronized Optional<Instant> at(MockTimer timer) {
    return Optional.ofNullable(pending.get(timer.key())).map(Pending::at);
  }

  public synchronized List<Pending> all() {
    return new ArrayList<>(pending.values());
  }

  /** Fires every timer due at {@code now}, earliest first, including ones armed by a firing. */
  public void fireDue(MockSessions mock, Instant now) {
    while (true) {
      Pending next;
      synchronized (this) {
        next =
            pending.values().stream()
                .filter(p -> !p.at().isAfter(now))
                .min(Comparator.comparing(Pending::at).thenComparing(p -> p.timer().key()))
                .orElse(null);
        if (next == null) {
          return;
        }
        pending.remove(next.timer().key());
      }
      mock.fire(next.timer());
    }
  }
}
