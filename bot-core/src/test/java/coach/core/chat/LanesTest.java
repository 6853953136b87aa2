package coach.core.chat;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LanesTest {

  @Test
  void oneKeysTasksRunInTheOrderSubmitted() throws Exception {
    List<Integer> ran = new CopyOnWriteArrayList<>();
    CountDownLatch all = new CountDownLatch(50);
    try (Lanes lanes = new Lanes(4, "test")) {
      for (int i = 0; i < 50; i++) {
        int n = i;
        lanes.submit(
            "user",
            () -> {
              ran.add(n);
              all.countDown();
            });
      }
      assertThat(all.await(10, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(ran).isSorted().hasSize(50);
  }

  @Test
  void heldLanesRunNothingUntilOpenedThenEverythingInOrder() throws Exception {
    List<String> ran = new CopyOnWriteArrayList<>();
    CountDownLatch both = new CountDownLatch(2);
    try (Lanes lanes = Lanes.held(2, "test")) {
      lanes.submit(
          "user",
          () -> {
            ran.add("replayed");
            both.countDown();
          });
      Thread.sleep(200);
      assertThat(ran).as("held").isEmpty();
      lanes.submit(
          "user",
          () -> {
            ran.add("new");
            both.countDown();
          });

      lanes.open();

      assertThat(both.await(10, TimeUnit.SECONDS)).isTrue();
      assertThat(ran).containsExactly("replayed", "new");
    }
  }

  @Test
  void closingHeldLanesRunsWhatTheyQueuedInsteadOfHanging() {
    List<String> ran = new CopyOnWriteArrayList<>();
    Lanes lanes = Lanes.held(2, "test");
    lanes.submit("user", () -> ran.add("queued"));
    lanes.close();
    assertThat(ran).containsExactly("queued");
  }
}
