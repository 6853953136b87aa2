package coach.core.practice;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * One picture of a session: every concept its answers covered, in any section, plus what the user
 * claimed and minus what they contested (the latest verdict on a concept wins).
 */
record SessionCoverage(Set<String> covered, Set<String> claimed, Set<String> contested) {

  static SessionCoverage of(List<Answer> answers, List<Correction> corrections) {
    Set<String> covered = new LinkedHashSet<>();
    answers.forEach(a -> covered.addAll(a.concepts()));
    Set<String> claimed = new LinkedHashSet<>();
    Set<String> contested = new LinkedHashSet<>();
    for (Correction correction : corrections) {
      if (correction.verdict() == Correction.Verdict.CLAIMED) {
        claimed.add(correction.conceptId());
        contested.remove(correction.conceptId());
      } else {
        contested.add(correction.conceptId());
        claimed.remove(correction.conceptId());
      }
    }
    covered.addAll(claimed);
    covered.removeAll(contested);
    return new SessionCoverage(Set.copyOf(covered), Set.copyOf(claimed), Set.copyOf(contested));
  }

  boolean covers(String conceptId) {
    return covered.contains(conceptId);
  }

  /** The latest message whose detected concepts include the concept. */
  static Optional<Answer> creditedBy(List<Answer> answers, String conceptId) {
    for (int i = answers.size() - 1; i >= 0; i--) {
      Answer answer = answers.get(i);
      if (answer.concepts().contains(conceptId)) {
        return Optional.of(answer);
      }
    }
    return Optional.empty();
  }
}
