package coach.core.curriculum;

import java.util.List;

/** One section of the answer outline. {@code index} is its 0-based place in interview order. */
public record Section(
    String id, int index, String title, String goal, String question, List<Reference> refs) {

  public Section {
    refs = List.copyOf(refs);
  }
}
