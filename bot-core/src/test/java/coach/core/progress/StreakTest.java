package coach.core.progress;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class StreakTest {

  private static LocalDate day(String iso) {
    return LocalDate.parse(iso);
  }

  @Test
  void countsConsecutiveDaysEndingTodayOrYesterday() {
    List<LocalDate> days = List.of(day("2026-11-23"), day("2026-11-24"), day("2026-11-25"));
    assertThat(Streak.of(days, day("2026-11-25"))).isEqualTo(new Streak(3, 0, true));
    assertThat(Streak.of(days, day("2026-11-26"))).isEqualTo(new Streak(3, 0, false));
    assertThat(Streak.of(List.of(), day("2026-11-26"))).isEqualTo(new Streak(0, 0, false));
  }

  @Test
  void oneMissedDayAWeekIsBridgedByAFreeze() {
    // Wed 18, Thu 19, (Fri 20 missed), Sat 21, Sun 22: one freeze in the week of Mon 16
    List<LocalDate> days =
        List.of(day("2026-11-18"), day("2026-11-19"), day("2026-11-21"), day("2026-11-22"));
    assertThat(Streak.of(days, day("2026-11-22"))).isEqualTo(new Streak(4, 1, true));
  }

  @Test
  void twoMissedDaysInOneWeekBreakTheStreak() {
    // Mon 16, (Tue 17 missed), Wed 18, (Thu 19 missed), Fri 20
    List<LocalDate> days = List.of(day("2026-11-16"), day("2026-11-18"), day("2026-11-20"));
    assertThat(Streak.of(days, day("2026-11-20"))).isEqualTo(new Streak(2, 1, true));
  }

  @Test
  void aMissedYesterdayIsBridgedWhileTodayIsStillOpen() {
    List<LocalDate> days = List.of(day("2026-11-22"), day("2026-11-23"));
    assertThat(Streak.of(days, day("2026-11-25"))).isEqualTo(new Streak(2, 1, false));
  }

  @Test
  void describesItself() {
    assertThat(new Streak(0, 0, false).describe()).isEqualTo("none yet");
    assertThat(new Streak(4, 1, true).describe()).isEqualTo("4 days (1 freeze used)");
    assertThat(new Streak(1, 0, false).describe()).isEqualTo("1 day, practise today to keep it");
  }
}
