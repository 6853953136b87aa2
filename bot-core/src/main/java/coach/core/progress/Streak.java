package coach.core.progress;

import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.temporal.TemporalAdjusters;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;

/**
 * Consecutive days with practice, counted in the user's own time zone. One missed day a week
 * (Monday to Sunday) is bridged by a free freeze, so a long streak survives a day off. Today never
 * breaks a streak: it isn't over yet.
 *
 * @param days practised days in the current run
 * @param freezesUsed missed days bridged by freezes in the run
 * @param practisedToday whether today already counts
 */
public record Streak(int days, int freezesUsed, boolean practisedToday) {

  /** The streak ending today, from the local dates the user practised on. */
  public static Streak of(Collection<LocalDate> practised, LocalDate today) {
    Set<LocalDate> days = new HashSet<>(practised);
    boolean practisedToday = days.contains(today);
    Set<LocalDate> frozenWeeks = new HashSet<>();
    int count = 0;
    int freezes = 0;
    LocalDate day = practisedToday ? today : today.minusDays(1);
    while (true) {
      if (days.contains(day)) {
        count++;
      } else {
        LocalDate week = day.with(TemporalAdjusters.previousOrSame(DayOfWeek.MONDAY));
        boolean bridgeable = count > 0 || !practisedToday && day.equals(today.minusDays(1));
        if (bridgeable && days.contains(day.minusDays(1)) && frozenWeeks.add(week)) {
          freezes++;
        } else {
          break;
        }
      }
      day = day.minusDays(1);
    }
    return new Streak(count, count == 0 ? 0 : freezes, practisedToday);
  }

  /** "4 days", "1 day (1 freeze used)", "none yet". */
  public String describe() {
    if (days == 0) {
      return "none yet";
    }
    String text = days + (days == 1 ? " day" : " days");
    if (freezesUsed > 0) {
      text += " (" + freezesUsed + (freezesUsed == 1 ? " freeze" : " freezes") + " used)";
    }
    if (!practisedToday) {
      text += ", practise today to keep it";
    }
    return text;
  }
}
