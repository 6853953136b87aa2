package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class RecentDetectionsTest {

  /** Covers "c" + the answer's length; counts its gradings. */
  private static final class Counting implements CoverageDetector {
    final List<String> graded = new ArrayList<>();

    @Override
    public SortedSet<String> detect(
        String answer, Optional<String> promptId, Optional<String> sectionId) {
      graded.add(answer + "|" + promptId.orElse("") + "|" + sectionId.orElse(""));
      return new TreeSet<>(List.of("c" + answer.length()));
    }
  }

  @Test
  void theSameAnswerForTheSameQuestionIsGradedOnce() {
    Counting inner = new Counting();
    RecentDetections recent = new RecentDetections(inner);

    Detection first = recent.analyse("an answer", Optional.of("p"), Optional.of("s"));
    Detection again = recent.analyse("an answer", Optional.of("p"), Optional.of("s"));

    assertThat(again).isEqualTo(first);
    assertThat(again.covered()).containsExactly("c9");
    assertThat(inner.graded).containsExactly("an answer|p|s");
  }

  @Test
  void anotherSectionOrPromptIsGradedAfresh() {
    Counting inner = new Counting();
    RecentDetections recent = new RecentDetections(inner);

    recent.detect("an answer", Optional.of("p"), Optional.of("s"));
    recent.detect("an answer", Optional.of("p"), Optional.of("t"));
    recent.detect("an answer", Optional.of("q"), Optional.of("s"));
    recent.detect("an answer", Optional.empty(), Optional.empty());

    assertThat(inner.graded).hasSize(4);
  }

  @Test
  void onlyTheMostRecentAnalysesAreKept() {
    Counting inner = new Counting();
    RecentDetections recent = new RecentDetections(inner);
    for (int i = 0; i <= RecentDetections.CAPACITY; i++) {
      recent.detect("answer " + i, Optional.empty(), Optional.empty());
    }
    // the first was evicted by the one past capacity; the last is still known
    recent.detect("answer 0", Optional.empty(), Optional.empty());
    recent.detect("answer " + RecentDetections.CAPACITY, Optional.empty(), Optional.empty());

    assertThat(inner.graded).hasSize(RecentDetections.CAPACITY + 2);
  }
}
