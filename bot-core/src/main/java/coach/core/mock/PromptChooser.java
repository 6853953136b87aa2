package coach.core.mock;

import coach.core.chat.UserId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;

/**
 * Chooses each round's prompt for its candidate from the pool, preferring in this order: a prompt
 * the candidate has not practised, one not yet used in the group, then the one whose sections best
 * cover the candidate's weakest sections (with k weakest sections listed, the weakest counts k, the
 * next k-1, and so on). Remaining ties go to the seeded random, in pool order.
 */
final class PromptChooser {

  private final PairingInput input;
  private final Random random;

  PromptChooser(PairingInput input, Random random) {
    this.input = input;
    this.random = random;
  }

  /** The rounds of a group: in round i, member i interviews member i+1 (wrapping around). */
  List<MockRound> rounds(List<UserId> members) {
    Set<String> usedInGroup = new HashSet<>();
    List<MockRound> rounds = new ArrayList<>();
    for (int i = 0; i < members.size(); i++) {
      UserId candidate = members.get((i + 1) % members.size());
      String prompt = choose(candidate, usedInGroup);
      usedInGroup.add(prompt);
      rounds.add(new MockRound(i, members.get(i), candidate, prompt));
    }
    return rounds;
  }

  private String choose(UserId candidate, Set<String> usedInGroup) {
    Set<String> done = input.donePrompts().getOrDefault(candidate, Set.of());
    List<String> weakest =
        input.weakestSections().getOrDefault(candidate, List.of()).stream().distinct().toList();
    List<String> best = new ArrayList<>();
    long bestScore = Long.MIN_VALUE;
    for (String prompt : input.promptPool()) {
      long score =
          (done.contains(prompt) ? 0 : 1L << 40)
              + (usedInGroup.contains(prompt) ? 0 : 1L << 20)
              + weakness(input.promptSections().getOrDefault(prompt, Set.of()), weakest);
      if (score > bestScore) {
        bestScore = score;
        best.clear();
      }
      if (score == bestScore) {
        best.add(prompt);
      }
    }
    return best.get(random.nextInt(best.size()));
  }

  /**
   * How well {@code sections} cover {@code weakest} (weakest first), weighting the weakest most.
   */
  static long weakness(Set<String> sections, List<String> weakest) {
    long score = 0;
    for (int i = 0; i < weakest.size(); i++) {
      if (sections.contains(weakest.get(i))) {
        score += weakest.size() - i;
      }
    }
    return score;
  }
}
