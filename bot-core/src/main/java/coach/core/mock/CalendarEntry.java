package coach.core.mock;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/**
 * One mock session as a calendar event. {@code uid} stays the same across moves and cancellation
 * (build it with {@link MockCalendar#uid}); {@code sequence} grows by one on every move or cancel;
 * {@code stamp} is when this version was written (DTSTAMP, from the caller's clock). {@code start}
 * is written as local time in {@code zone}. {@code description} and {@code location} may be empty,
 * and are then left out; all text is plain.
 */
public record CalendarEntry(
    String uid,
    int sequence,
    Instant start,
    Duration length,
    ZoneId zone,
    String summary,
    String description,
    String location,
    boolean cancelled,
    Instant stamp) {

  public CalendarEntry {
    Objects.requireNonNull(uid, "uid");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(length, "length");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(summary, "summary");
    Objects.requireNonNull(stamp, "stamp");
    description = description == null ? "" : description;
    location = location == null ? "" : location;
    if (uid.isBlank()) {
      throw new IllegalArgumentException("a calendar entry needs a uid");
    }
    if (sequence < 0) {
      throw new IllegalArgumentException("sequence is never negative, not " + sequence);
    }
    if (length.isNegative() || length.isZero()) {
      throw new IllegalArgumentException("a session lasts some time, not " + length);
    }
  }

  /** The instant the session ends. */
  public Instant end() {
    return start.plus(length);
  }
}
