package coach.core.coverage;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The words that name a whole outline section ("monitoring", "a baseline", "assumptions"), for
 * telling when a denying sentence waves a section away ("monitoring is overkill", "no need to
 * assume anything") rather than one concept of it.
 */
final class SectionNames {

  /** Lowercase words, by section id; a token names a section when its raw form is listed. */
  private static final Map<String, Set<String>> WORDS =
      Map.of(
          "assumptions", Set.of("assume", "assuming", "assumption", "assumptions"),
          "metrics", Set.of("metric", "metrics", "kpi", "kpis"),
          "baseline", Set.of("baseline", "baselines"),
          "validation", Set.of("validation", "validate", "experiment", "experiments", "a/b"),
          "monitoring", Set.of("monitoring", "monitor", "monitors", "dashboards", "alerts"),
          "fallback", Set.of("fallback", "fallbacks", "rollback", "rollbacks"));

  private SectionNames() {}

  /**
   * The sections a denying sentence names, unless it also covers one of their concepts (then it
   * denies something narrower, and the concept-level reading stands).
   */
  static Set<String> named(List<Token> tokens, Set<String> coveredInSentence) {
    Set<String> named = new HashSet<>();
    for (Token token : tokens) {
      for (Map.Entry<String, Set<String>> section : WORDS.entrySet()) {
        if (section.getValue().contains(token.raw())) {
          named.add(section.getKey());
        }
      }
    }
    named.removeIf(
        section -> coveredInSentence.stream().anyMatch(id -> id.startsWith(section + ".")));
    return named;
  }
}
