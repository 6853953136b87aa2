package coach.core.daily;

import coach.core.chat.UserId;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A channel's daily-prompt schedule: the local time and zone it posts at, on which days, from which
 * prompts ({@code pool} empty means all), whether it is paused (and why, when it paused itself),
 * and the organiser who set it (told in DM when posting fails).
 */
public record DailySchedule(
    ChannelRef channel,
    LocalTime time,
    ZoneId zone,
    PostDays days,
    List<String> pool,
    boolean paused,
    Optional<String> pausedReason,
    UserId organiser,
    Instant createdAt,
    Instant updatedAt) {

  public DailySchedule {
    Objects.requireNonNull(channel, "channel");
    time = time.withSecond(0).withNano(0);
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(days, "days");
    pool = List.copyOf(pool);
    Objects.requireNonNull(pausedReason, "pausedReason");
    Objects.requireNonNull(organiser, "organiser");
  }

  public DailySchedule withPaused(boolean paused, Optional<String> reason, Instant now) {
    return new DailySchedule(
        channel, time, zone, days, pool, paused, reason, organiser, createdAt, now);
  }

  /** "09:00 Europe/Berlin, weekdays". */
  public String describe() {
    return time + " " + zone.getId() + ", " + days.describe();
  }
}
