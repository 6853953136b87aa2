package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/**
 * Stopping within a bounded time: steps run in order, and one that hangs or fails is left behind
 * while the rest (the database last) still run, all within the budget.
 */
class ShutdownSequenceTest {

  private final List<String> done = new CopyOnWriteArrayList<>();

  @Test
  void stepsRunInOrderAndACleanStopLeavesNothingBehind() {
    List<String> unfinished =
        new ShutdownSequence(Duration.ofSeconds(5))
            .then("timers", () -> done.add("timers"))
            .then("platforms", () -> done.add("platforms"))
            .then("database", () -> done.add("database"))
            .run();

    assertThat(unfinished).isEmpty();
    assertThat(done).containsExactly("timers", "platforms", "database");
  }

  @Test
  void aHangingStepIsLeftBehindAndTheDatabaseStillClosesWithinTheBudget() {
    CountDownLatch never = new CountDownLatch(1);
    long started = System.nanoTime();

    List<String> unfinished =
        new ShutdownSequence(Duration.ofMillis(600))
            .then("timers", () -> done.add("timers"))
            .then(
                "platforms",
                () -> {
                  try {
                    never.await();
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                  }
                })
            .then("database", () -> done.add("database"))
            .run();

    assertThat(unfinished).containsExactly("platforms");
    assertThat(done).containsExactly("timers", "database");
    assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void aFailingStepIsReportedAndTheNextOnesRun() {
    List<String> unfinished =
        new ShutdownSequence(Duration.ofSeconds(5))
            .then(
                "platforms",
                () -> {
                  throw new IllegalStateException("socket already closed");
                })
            .then("database", () -> done.add("database"))
            .run();

    assertThat(unfinished).containsExactly("platforms");
    assertThat(done).containsExactly("database");
  }
}
