package coach.core.text;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The last few results of a deterministic, costly function of text (grading an answer, reading a
 * question), so work done ahead of a database transaction is not done again inside it, where it
 * would hold SQLite's single writer. Least recently used results are forgotten first. Thread-safe:
 * the function runs outside the lock, so two threads asking for the same key at once may both
 * compute it, and get equal results.
 *
 * @param <K> the arguments, with value equality
 * @param <V> the result
 */
public final class RecentResults<K, V> {

  private final Map<K, V> recent;

  /** Remembers at most {@code capacity} results. */
  public RecentResults(int capacity) {
    this.recent =
        new LinkedHashMap<>(capacity * 2, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > capacity;
          }
        };
  }

  /** The remembered result for {@code key}, or {@code compute}'s, remembered. */
  public V get(K key, Function<K, V> compute) {
    synchronized (recent) {
      V known = recent.get(key);
      if (known != null) {
        return known;
      }
    }
    V fresh = compute.apply(key);
    synchronized (recent) {
      recent.put(key, fresh);
    }
    return fresh;
  }

  /** How many results are remembered. */
  public int size() {
    synchronized (recent) {
      return recent.size();
    }
  }
}
