package coach.core.chat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReplyFileTest {

  @Test
  void aLazyFileIsRenderedOnFirstUseAndOnlyOnce() {
    AtomicInteger renders = new AtomicInteger();
    Reply reply =
        Reply.builder()
            .file(
                "chart.png",
                "image/png",
                () -> new byte[] {(byte) renders.incrementAndGet()},
                "Coverage by section")
            .build();
    Reply.Block.File file = (Reply.Block.File) reply.blocks().get(0);
    assertThat(renders).hasValue(0);
    assertThat(file.plainText()).isEqualTo("[Coverage by section: chart.png]");
    assertThat(file.data()).containsExactly(1);
    assertThat(file.data()).containsExactly(1);
    assertThat(renders).hasValue(1);
    assertThat(file.isImage()).isTrue();
  }

  @Test
  void aFileNeedsAPlainName() {
    assertThatThrownBy(() -> new Reply.Block.File("../x.png", "image/png", new byte[0], "x"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
