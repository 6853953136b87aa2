package coach.core.testing;

import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * A detector for conversation tests: an answer covers exactly the concept ids written in it ("we
 * handle data.label_delay"), so a test controls coverage without depending on the lexicon.
 */
public final class ConceptIdDetector implements CoverageDetector {
  private final Curriculum curriculum;

  public ConceptIdDetector(Curriculum curriculum) {
    this.curriculum = curriculum;
  }

  @Override
  public SortedSet<String> detect(
      String answer, Optional<String> prompt, Optional<String> section) {
    SortedSet<String> found = new TreeSet<>();
    for (Concept concept : curriculum.concepts()) {
      if (answer.contains(concept.id())) {
        found.add(concept.id());
      }
    }
    return found;
  }
}
