package coach.slack.transport;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChannelPacerTest {

  private final AtomicLong now = new AtomicLong();
  private final ChannelPacer pacer = new ChannelPacer(1.0, 3, now::get);

  @Test
  void aBurstGoesAtOnceThenOneMessageASecond() {
    assertThat(pacer.reserve("D1")).isZero();
    assertThat(pacer.reserve("D1")).isZero();
    assertThat(pacer.reserve("D1")).isZero();
    assertThat(pacer.reserve("D1")).isEqualTo(Duration.ofSeconds(1));
    assertThat(pacer.reserve("D1")).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void channelsArePacedApartAndRefillOverTime() {
    for (int i = 0; i < 3; i++) {
      pacer.reserve("D1");
    }
    assertThat(pacer.reserve("D2")).isZero();
    now.addAndGet(Duration.ofMillis(1500).toNanos());
    assertThat(pacer.reserve("D1")).isZero();
    assertThat(pacer.reserve("D1")).isEqualTo(Duration.ofMillis(500));
  }
}
