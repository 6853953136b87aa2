package coach.core.progress;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Picks the next prompt for a user: one not done recently, weighted towards the concepts they have
 * covered least or missed most. Deterministic: equal scores go to the earlier prompt.
 */
public final class Recommender {

  /** Prompts started within this many of the user's latest sessions count as recent. */
  static final int RECENT_SESSIONS = 3;

  private final Curriculum curriculum;

  public Recommender(Curriculum curriculum) {
    this.curriculum = curriculum;
  }

  /**
   * The recommended prompt.
   *
   * @param stats the user's concept history
   * @param recentPromptIds prompt ids of the user's sessions, newest first
   * @param exclude a prompt not to recommend (the one just finished), if any
   */
  public Prompt next(
      Map<String, ConceptStats> stats, List<String> recentPromptIds, Optional<String> exclude) {
    List<String> recent = recentPromptIds.stream().limit(RECENT_SESSIONS).toList();
    return curriculum.prompts().stream()
        .filter(p -> exclude.isEmpty() || !p.id().equals(exclude.get()))
        .max(
            Comparator.comparingDouble((Prompt p) -> score(p, stats, recent, recentPromptIds))
                .thenComparing(p -> -curriculum.prompts().indexOf(p)))
        .orElse(curriculum.prompts().get(0));
  }

  /** Why a prompt suits the user: its focus concepts they have covered least. */
  public List<String> gapsIn(Prompt prompt, Map<String, ConceptStats> stats) {
    return prompt.focus().stream()
        .sorted(Comparator.comparingDouble(c -> -gap(stats.getOrDefault(c, ConceptStats.NONE))))
        .filter(c -> gap(stats.getOrDefault(c, ConceptStats.NONE)) >= 0.5)
        .limit(3)
        .toList();
  }

  private double score(
      Prompt prompt, Map<String, ConceptStats> stats, List<String> recent, List<String> all) {
    double score = 0;
    List<String> focus = prompt.focus();
    for (int i = 0; i < focus.size(); i++) {
      double weight = Math.max(0.3, 1.0 - 0.1 * i);
      score += weight * gap(stats.getOrDefault(focus.get(i), ConceptStats.NONE));
    }
    if (!all.contains(prompt.id())) {
      score += 0.5;
    }
    if (recent.contains(prompt.id())) {
      score -= 100;
    }
    return score;
  }

  /** 1 for a concept never covered, less the more often it was covered, more when missed. */
  static double gap(ConceptStats stats) {
    return 1.0 / (1 + stats.timesCovered()) + 0.5 * Math.min(stats.timesMissed(), 3) / 3.0;
  }
}
