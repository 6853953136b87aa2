package coach.core.mock;

import coach.core.chat.UserId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;

/**
 * Independent answers for the pairing tests, straight from the rules: every arrangement of a small
 * group by enumeration, and the best achievable cost of a larger one by dynamic programming over
 * the set of people still to place. Shares no code with {@link Pairings}.
 */
final class PairingOracle {

  /** Alone outweighs any number of repeats, as in the rules. */
  static final long ALONE = 1_000_000;

  private PairingOracle() {}

  /** Whether the two may not be grouped: either one's avoid list names the other. */
  static boolean avoided(PairingInput input, UserId a, UserId b) {
    return input.avoid().getOrDefault(a, Set.of()).contains(b)
        || input.avoid().getOrDefault(b, Set.of()).contains(a);
  }

  /** Whether the two were in one group recently. */
  static boolean metRecently(PairingInput input, UserId a, UserId b) {
    return input.recentGroups().stream().anyMatch(g -> g.contains(a) && g.contains(b));
  }

  /** The repeated pairs inside these groups (a trio has three pairs). */
  static int repeats(PairingInput input, List<List<UserId>> groups) {
    int repeats = 0;
    for (List<UserId> group : groups) {
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          repeats += metRecently(input, group.get(i), group.get(j)) ? 1 : 0;
        }
      }
    }
    return repeats;
  }

  static List<List<UserId>> members(Pairing pairing) {
    return pairing.groups().stream().map(MockGroup::members).toList();
  }

  /** Alone count times {@link #ALONE} plus repeated pairs. */
  static long cost(PairingInput input, Pairing pairing) {
    return pairing.alone().size() * ALONE + repeats(input, members(pairing));
  }

  /** An arrangement of the attendees: its groups; everyone else is alone. */
  record Arrangement(List<List<UserId>> groups, int alone) {
    boolean hasTrio() {
      return groups.stream().anyMatch(g -> g.size() == 3);
    }
  }

  /**
   * Every arrangement into pairs and at most one trio, the rest alone, with no avoided pair inside
   * a group. Exponential: for up to about 8 attendees.
   */
  static List<Arrangement> allArrangements(PairingInput input) {
    List<Arrangement> all = new ArrayList<>();
    enumerate(input, new boolean[input.attendees().size()], new ArrayList<>(), 0, all);
    return all;
  }

  private static void enumerate(
      PairingInput input,
      boolean[] placed,
      List<List<UserId>> groups,
      int alone,
      List<Arrangement> all) {
    List<UserId> people = input.attendees();
    int first = 0;
    while (first < placed.length && placed[first]) {
      first++;
    }
    if (first == placed.length) {
      all.add(new Arrangement(List.copyOf(groups), alone));
      return;
    }
    placed[first] = true;
    enumerate(input, placed, groups, alone + 1, all);
    boolean trioUsed = groups.stream().anyMatch(g -> g.size() == 3);
    for (int j = first + 1; j < placed.length; j++) {
      if (placed[j] || avoided(input, people.get(first), people.get(j))) {
        continue;
      }
      placed[j] = true;
      groups.add(List.of(people.get(first), people.get(j)));
      enumerate(input, placed, groups, alone, all);
      groups.remove(groups.size() - 1);
      for (int k = j + 1; k < placed.length && !trioUsed; k++) {
        if (!placed[k]
            && !avoided(input, people.get(first), people.get(k))
            && !avoided(input, people.get(j), people.get(k))) {
          placed[k] = true;
          groups.add(List.of(people.get(first), people.get(j), people.get(k)));
          enumerate(input, placed, groups, alone, all);
          groups.remove(groups.size() - 1);
          placed[k] = false;
        }
      }
      placed[j] = false;
    }
    placed[first] = false;
  }

  static long cost(PairingInput input, Arrangement arrangement) {
    return arrangement.alone() * ALONE + repeats(input, arrangement.groups());
  }

  /** The least cost of any arrangement, by dynamic programming; for up to about 16 attendees. */
  static long bestCost(PairingInput input) {
    List<UserId> people = input.attendees();
    int n = people.size();
    boolean[][] ok = new boolean[n][n];
    int[][] met = new int[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        ok[i][j] = i != j && !avoided(input, people.get(i), people.get(j));
        met[i][j] = metRecently(input, people.get(i), people.get(j)) ? 1 : 0;
      }
    }
    long[][] memo = new long[2][1 << n];
    Arrays.fill(memo[0], -1);
    Arrays.fill(memo[1], -1);
    return best((1 << n) - 1, 1, ok, met, memo);
  }

  private static long best(int left, int trios, boolean[][] ok, int[][] met, long[][] memo) {
    if (left == 0) {
      return 0;
    }
    if (memo[trios][left] >= 0) {
      return memo[trios][left];
    }
    int p = Integer.numberOfTrailingZeros(left);
    int rest = left & ~(1 << p);
    long best = ALONE + best(rest, trios, ok, met, memo);
    for (int q = p + 1; q < 32; q++) {
      if ((rest & (1 << q)) == 0 || !ok[p][q]) {
        continue;
      }
      int afterPair = rest & ~(1 << q);
      best = Math.min(best, met[p][q] + best(afterPair, trios, ok, met, memo));
      for (int r = q + 1; r < 32 && trios == 1; r++) {
        if ((afterPair & (1 << r)) != 0 && ok[p][r] && ok[q][r]) {
          long trio = met[p][q] + met[p][r] + met[q][r];
          best = Math.min(best, trio + best(afterPair & ~(1 << r), 0, ok, met, memo));
        }
      }
    }
    memo[trios][left] = best;
    return best;
  }
}
