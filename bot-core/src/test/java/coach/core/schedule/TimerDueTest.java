package coach.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Date;
import org.junit.jupiter.api.Test;

/**
 * Quartz may take a timer up to a second ahead of its instant when it takes due timers in batches;
 * the job waits, so nothing a timer does happens before its instant.
 */
class TimerDueTest {

  @Test
  void aTimerTakenEarlyWaitsForItsInstant() {
    Date due = new Date(System.currentTimeMillis() + 300);

    Scheduling.waitUntilDue(due);

    assertThat(System.currentTimeMillis()).isGreaterThanOrEqualTo(due.getTime());
  }

  @Test
  void aTimerThatIsDueOrLateGoesAtOnce() {
    Date late = new Date(System.currentTimeMillis() - 60_000);
    Thread.currentThread().interrupt(); // a wait would end here at once, and clear the flag

    Scheduling.waitUntilDue(late);
    Scheduling.waitUntilDue(null);

    assertThat(Thread.interrupted()).as("never waited, so the flag is still set").isTrue();
  }
}
