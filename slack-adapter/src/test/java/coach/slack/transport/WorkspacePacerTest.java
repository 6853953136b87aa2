package coach.slack.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class WorkspacePacerTest {

  @Test
  void postsInOneWorkspaceAreSpacedAtItsRateAndOtherWorkspacesAreNotHeldUp() {
    AtomicLong now = new AtomicLong();
    WorkspacePacer pacer = new WorkspacePacer(50, 1, now::get);

    assertThat(pacer.reserve("T1")).isEqualTo(Duration.ZERO);
    assertThat(pacer.reserve("T1")).isEqualTo(Duration.ofMillis(20));
    assertThat(pacer.reserve("T1")).isEqualTo(Duration.ofMillis(40));
    assertThat(pacer.reserve("T2")).isEqualTo(Duration.ZERO);

    now.addAndGet(Duration.ofMillis(60).toNanos());
    assertThat(pacer.reserve("T1")).isEqualTo(Duration.ZERO);
  }
}
