package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class OpenLoopLoadTest {

  @Test
  void theWarmUpGoesOnWhileTheCompilerIsBusyThenTheMeasuredEventsFollow() throws Exception {
    long start = System.nanoTime();
    // compiles half the time for the first 0.5 s, then not at all
    JitActivity jit =
        new JitActivity(
            Duration.ofMillis(200),
            System::nanoTime,
            () -> Math.min(System.nanoTime() - start, 500_000_000L) / 2_000_000);
    OpenLoopLoad load = new OpenLoopLoad(100, 1, 1, 7, jit);
    List<Boolean> warming = new ArrayList<>();
    List<Integer> users = new ArrayList<>();
    AtomicBoolean askedAfterWarmUp = new AtomicBoolean();

    load.run(
        (index, user, turn, isWarming) -> {
          assertThat(index).isEqualTo(warming.size());
          warming.add(isWarming);
          users.add(user);
        },
        () -> {
          askedAfterWarmUp.set(warming.size() == load.warm());
          return true;
        });

    // asked for 1 s, but the second from 0 s to 1 s saw compiling: settled when checked at 3 s
    assertThat(load.warm()).isEqualTo(300);
    assertThat(load.warmup()).isGreaterThan(Duration.ofMillis(2_900));
    assertThat(askedAfterWarmUp).isTrue();
    assertThat(warming).hasSize(400);
    assertThat(warming.subList(0, 300)).containsOnly(true);
    assertThat(warming.subList(300, 400)).containsOnly(false);
    assertThat(users.subList(300, 307)).containsExactly(0, 1, 2, 3, 4, 5, 6);
    assertThat(load.all()).isEqualTo(400);
    assertThat(load.measured()).isEqualTo(100);
  }

  @Test
  void latenciesAreSlicedByWhenTheEventsWereSent() throws Exception {
    OpenLoopLoad load =
        new OpenLoopLoad(100, 0, 2, 5, new JitActivity(Duration.ofSeconds(5), () -> 0, () -> 0));
    Map<Integer, Long> answeredAt = new ConcurrentHashMap<>();
    // the first second's events take 1 ms, the second's 50 ms; one of the second is never answered
    load.run(
        (index, user, turn, warming) -> {
          if (index != 150) {
            answeredAt.put(index, System.nanoTime() + (index < 100 ? 1_000_000 : 50_000_000));
          }
        },
        () -> true);

    List<List<Long>> slices = load.latenciesBySlice(answeredAt, 1);

    assertThat(slices).hasSize(2);
    assertThat(slices.get(0)).hasSize(100).allMatch(n -> n >= 1_000_000 && n < 40_000_000);
    assertThat(slices.get(1)).hasSize(99).allMatch(n -> n >= 50_000_000);
    assertThat(load.cpuShareSinceMeasuring()).isBetween(0.0, 1.0);
  }

  @Test
  void noWarmUpAskedForMeansNone() throws Exception {
    OpenLoopLoad load =
        new OpenLoopLoad(100, 0, 1, 5, new JitActivity(Duration.ofSeconds(5), () -> 0, () -> 0));
    List<Boolean> warming = new ArrayList<>();
    load.run((index, user, turn, isWarming) -> warming.add(isWarming), () -> true);
    assertThat(load.warm()).isZero();
    assertThat(warming).hasSize(100).containsOnly(false);
  }
}
