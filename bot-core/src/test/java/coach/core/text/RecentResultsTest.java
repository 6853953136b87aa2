package coach.core.text;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecentResultsTest {

  private final List<String> computed = new ArrayList<>();
  private final RecentResults<String, Integer> recent = new RecentResults<>(2);

  private int length(String text) {
    return recent.get(
        text,
        t -> {
          computed.add(t);
          return t.length();
        });
  }

  @Test
  void aResultIsComputedOnceWhileRemembered() {
    assertThat(length("when do labels arrive?")).isEqualTo(22);
    assertThat(length("when do labels arrive?")).isEqualTo(22);
    assertThat(computed).containsExactly("when do labels arrive?");
  }

  @Test
  void theLeastRecentlyUsedIsForgottenFirst() {
    length("a");
    length("bb");
    length("a"); // "a" used again: "bb" is now the eldest
    length("ccc");
    assertThat(recent.size()).isEqualTo(2);
    length("a");
    length("bb");
    assertThat(computed).containsExactly("a", "bb", "ccc", "bb");
  }
}
