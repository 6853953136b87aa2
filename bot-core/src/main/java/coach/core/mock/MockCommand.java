package coach.core.mock;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;

/** A parsed {@code mock ...} command. */
public sealed interface MockCommand {

  /** {@code mock schedule at DATE TIME [zone Z] [minutes N] [capacity N] [min N] ...}. */
  record Schedule(
      LocalDate date,
      LocalTime time,
      Optional<ZoneId> zone,
      int minutes,
      OptionalInt capacity,
      int min,
      OptionalInt deadlineHours,
      boolean weekly,
      List<String> prompts)
      implements MockCommand {}

  /** {@code mock list}. */
  record ListSessions() implements MockCommand {}

  /** {@code mock cancel ID}. */
  record Cancel(String id) implements MockCommand {}

  /** {@code mock move ID at DATE TIME [zone Z]}. */
  record Move(String id, LocalDate date, LocalTime time, Optional<ZoneId> zone)
      implements MockCommand {}

  /** {@code mock ics ID}. */
  record Ics(String id) implements MockCommand {}

  /**
   * {@code mock reminders [on|off] [day|hour]}: show, or switch one or both reminders. {@code on}
   * empty means show.
   */
  record Reminders(Optional<Boolean> on, Optional<MockStep> which) implements MockCommand {}

  /** {@code mock avoid USER} / {@code mock unavoid USER} / {@code mock avoid} (list). */
  record Avoid(Optional<String> userRef, boolean remove) implements MockCommand {}

  /** {@code mock} or {@code mock help}. */
  record Help() implements MockCommand {}

  /** Anything else: {@code message} says what was wrong and what to type. */
  record Invalid(String message) implements MockCommand {}
}
