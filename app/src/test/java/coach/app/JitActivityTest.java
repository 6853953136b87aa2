package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class JitActivityTest {

  private final AtomicLong now = new AtomicLong();
  private final AtomicLong compiling = new AtomicLong();
  private final JitActivity jit = new JitActivity(Duration.ofSeconds(5), now::get, compiling::get);

  /** A second passes, {@code millis} of it spent compiling; then a sample. */
  private void second(long millis) {
    now.addAndGet(1_000_000_000L);
    compiling.addAndGet(millis);
    jit.sample();
  }

  @Test
  void notSettledBeforeTheSamplesSpanTheWindow() {
    jit.sample();
    for (int s = 0; s < 4; s++) {
      second(0);
      assertThat(jit.settled()).isFalse();
    }
    second(0);
    assertThat(jit.settled()).isTrue();
  }

  @Test
  void aBusyCompilerIsNotSettledUntilAWholeWindowHasBeenQuiet() {
    jit.sample();
    for (int s = 0; s < 30; s++) {
      second(600); // C2 takes most of a core at start
    }
    assertThat(jit.settled()).isFalse();
    for (int s = 0; s < 4; s++) {
      second(10);
      assertThat(jit.settled()).as("a quiet second %d", s + 1).isFalse();
    }
    second(10);
    assertThat(jit.settled()).isTrue();
  }

  @Test
  void aBurstWithinTheWindowUnsettlesIt() {
    jit.sample();
    for (int s = 0; s < 10; s++) {
      second(20);
    }
    assertThat(jit.settled()).isTrue();
    second(400);
    assertThat(jit.settled()).isFalse();
  }
}
