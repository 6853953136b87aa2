package coach.core.mock;

/**
 * The timed steps of a session's life. Each runs at most once per start time (a {@code mock_steps}
 * row is its claim), so a timer that fires twice, or again after a restart, does nothing.
 */
public enum MockStep {
  /** The RSVP deadline: below the minimum, the session is cancelled. */
  DEADLINE,
  /** The reminder the day before, at the session's local time. */
  REMIND_DAY,
  /** The reminder an hour before. */
  REMIND_HOUR,
  /** Start: attendees are paired and briefed. */
  START,
  /** Roles swap: the next round starts (pairs swap halfway, trios rotate). */
  SWAP,
  /** The end: feedback forms go out, attendance is settled, a weekly session repeats. */
  END
}
