package coach.core.daily;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

/** The {@code daily} sub-commands of the channels contract. */
sealed interface DailyCommand {

  /** Whether only an organiser may give this command (all but showing the schedule). */
  default boolean organiserOnly() {
    return !(this instanceof Show);
  }

  record Show() implements DailyCommand {}

  /** {@code prompts}: empty means keep (or all, for a new schedule); an empty list means all. */
  record Set(
      LocalTime time,
      Optional<ZoneId> zone,
      Optional<PostDays> days,
      Optional<List<String>> prompts)
      implements DailyCommand {}

  record Pause() implements DailyCommand {}

  record Resume() implements DailyCommand {}

  record Off() implements DailyCommand {}

  record Skip(LocalDate date) implements DailyCommand {}

  record Now() implements DailyCommand {}

  record ListAll() implements DailyCommand {}
}
