package coach.core.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * When a schedule posts, exactly, across daylight-saving changes. A local time that does not exist
 * on a date (the clocks jump over it) posts at the first valid minute after the jump; a local time
 * that happens twice (the clocks go back) posts once, at its first occurrence.
 */
public final class PostTimes {

  /** How far ahead to look for the next post before giving up (a schedule with no day left). */
  private static final int HORIZON_DAYS = 400;

  private PostTimes() {}

  /**
   * One post: the local date it belongs to, the instant it goes out, and a note when daylight
   * saving moves or doubles it that day.
   */
  public record PostTime(LocalDate date, Instant at, Optional<String> dstNote) {}

  /** The instant {@code time} on {@code date} happens in {@code zone}, by the rules above. */
  public static Instant instantOf(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      return rules.getTransition(local).getInstant();
    }
    // In an overlap the first offset listed is the one in force before the change: the earlier.
    return local.atOffset(offsets.get(0)).toInstant();
  }

  /** What daylight saving does to {@code time} on {@code date}, if anything. */
  public static Optional<String> dstNote(LocalDate date, LocalTime time, ZoneId zone) {
    LocalDateTime local = date.atTime(time);
    ZoneRules rules = zone.getRules();
    List<ZoneOffset> offsets = rules.getValidOffsets(local);
    if (offsets.isEmpty()) {
      ZoneOffsetTransition gap = rules.getTransition(local);
      return Optional.of(
          time
              + " does not exist on "
              + date
              + " in "
              + zone.getId()
              + " (the clocks go forward), so that day's post goes out at "
              + gap.getDateTimeAfter().toLocalTime()
              + ".");
    }
    if (offsets.size() > 1) {
      return Optional.of(
          time
              + " happens twice on "
              + date
              + " in "
              + zone.getId()
              + " (the clocks go back); the post goes out once, the first time.");
    }
    return Optional.empty();
  }

  /**
   * The next {@code count} posts strictly after {@code after}, skipping days the schedule does not
   * post on and the local dates in {@code skips}.
   */
  public static List<PostTime> next(
      DailySchedule schedule, Set<LocalDate> skips, Instant after, int count) {
    List<PostTime> times = new ArrayList<>();
    LocalDate date = after.atZone(schedule.zone()).toLocalDate().minusDays(1);
    for (int i = 0; i < HORIZON_DAYS && times.size() < count; i++, date = date.plusDays(1)) {
      if (!schedule.days().includes(date.getDayOfWeek()) || skips.contains(date)) {
        continue;
      }
      Instant at = instantOf(date, schedule.time(), schedule.zone());
      if (at.isAfter(after)) {
        times.add(new PostTime(date, at, dstNote(date, schedule.time(), schedule.zone())));
      }
    }
    return times;
  }

  /**
   * The first day within a year of {@code from} on which daylight saving moves or doubles this
   * schedule's post, with what happens; empty when the time is safe all year.
   */
  public static Optional<String> nextDstWarning(DailySchedule schedule, Instant from) {
    LocalDate date = from.atZone(schedule.zone()).toLocalDate();
    for (int i = 0; i < 366; i++, date = date.plusDays(1)) {
      if (schedule.days().includes(date.getDayOfWeek())) {
        Optional<String> note = dstNote(date, schedule.time(), schedule.zone());
        if (note.isPresent()) {
          return note;
        }
      }
    }
    return Optional.empty();
  }
}
