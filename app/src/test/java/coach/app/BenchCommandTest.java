package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code coach bench grade} on a small run: what it prints, and how it refuses bad options. */
class BenchCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int bench(String... args) {
    return Main.execute(
        new Main.Launch(
            Map.of(),
            new ByteArrayInputStream(new byte[0]),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)),
        args);
  }

  @Test
  void gradePrintsEveryRoundAndTheMedianOneWithPerLengthFigures() {
    int status = bench("bench", "grade", "--answers", "300", "--rounds", "3", "--warmup", "0");

    assertThat(status).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .containsPattern("detector start-up: \\d+ ms")
        .contains("answers: 300, mean ")
        .containsPattern("round 1: p50 [0-9.]+ ms, p99 [0-9.]+ ms, \\d+ answers/s")
        .contains("round 3: ")
        .doesNotContain("round 4: ")
        .containsPattern("latency per answer \\(median round by p99\\): p50 [0-9.]+ ms, p99")
        .containsPattern("up to 20 words: \\d+ answers");
  }

  @Test
  void zeroRoundsIsRefusedWithOneSentence() {
    assertThat(bench("bench", "grade", "--rounds", "0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("coach: bench grade needs --rounds and --answers of 1 or more.\n");
  }

  @Test
  void loadRunsEachRateAndNamesTheHighestWithinTheReplyBudget() {
    int status =
        bench(
            "bench",
            "load",
            "--rates",
            "10,20",
            "--seconds",
            "2",
            "--warmup",
            "1",
            "--users",
            "30");

    assertThat(status).isZero();
    String printed = out.toString(StandardCharsets.UTF_8);
    assertThat(printed)
        .contains("--- 10 events/s", "--- 20 events/s")
        .contains("rate/s   ack p99 ms   reply p99 ms   within 250 ms")
        .containsPattern("\\n +10 +[0-9.]+ +[0-9.]+ +(yes|no)")
        .containsPattern("\\n +20 +[0-9.]+ +[0-9.]+ +(yes|no)")
        .containsPattern(
            "sustained \\(reply p99 within 250 ms\\): (\\d+ events/s|none of the rates)");
  }

  @Test
  void outboxSendsEveryOwedReplyOnceAndReportsTheShareOfTheLimit() {
    int status = bench("bench", "outbox", "--answers", "40", "--users", "5", "--rate", "400");

    assertThat(status).isZero();
    assertThat(out.toString(StandardCharsets.UTF_8))
        .contains("owed 40 replies to 5 users")
        .containsPattern(
            "delivered 40 of 40 in [0-9.]+ s: [0-9.]+ messages/s, [0-9.]+% of the limit; 0"
                + " repeated, 0 still owed");
  }

  @Test
  void aRateBelowOneIsRefusedWithOneSentence() {
    assertThat(bench("bench", "load", "--rates", "100,0")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .isEqualTo("coach: bench load needs --rates of 1 or more.\n");
  }
}
