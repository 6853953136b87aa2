package coach.core.practice;

import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

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
    return editDistance(normalise(concept.name()), wanted);
  }

  private static String normalise(String text) {
    return text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}]+", " ").strip();
  }

  /** Concept names for ids, comma-separated. */
  static String names(Curriculum curriculum, Collection<String> conceptIds) {
    return conceptIds.stream()
        .map(id -> curriculum.concept(id).map(Concept::name).orElse(id))
        .collect(Collectors.joining(", "));
  }

  /** Levenshtein distance: the fewest single-character edits that turn {@code a} into {@code b}. */
  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
