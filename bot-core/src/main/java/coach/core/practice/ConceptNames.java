package coach.core.practice;

import coach.core.curriculum.Concept;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Finds the concept a user means by a typed name ("label delay", "data.label_delay", "label
 * dealy").
 */
final class ConceptNames {

  private ConceptNames() {}

  /**
   * The one concept among {@code candidates} the words name: its id or name exactly, else the only
   * one whose name contains the words, else the closest name within a couple of typos.
   */
  static Optional<Concept> find(Collection<Concept> candidates, String words) {
    String wanted = normalise(words);
    if (wanted.isEmpty()) {
      return Optional.empty();
    }
    for (Concept concept : candidates) {
      if (concept.id().equalsIgnoreCase(words.strip())
          || normalise(concept.name()).equals(wanted)) {
        return Optional.of(concept);
      }
    }
    List<Concept> containing =
        candidates.stream()
            .filter(c -> normalise(c.name()).contains(wanted) || normalise(c.id()).contains(wanted))
            .toList();
    if (containing.size() == 1) {
      return Optional.of(containing.get(0));
    }
    return candidates.stream()
        .min(Comparator.comparingInt((Concept c) -> distance(c, wanted)))
        .filter(c -> distance(c, wanted) <= Math.max(2, wanted.length() / 5));
  }

  private static int distance(Concept concept, String wanted) {
    return PracticeService.editDistance(normalise(concept.name()), wanted);
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }
}
