package coach.core.mock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Splits people 0..n-1 into pairs, at most one trio, and people alone, by branch and bound.
 *
 * <p>An arrangement costs, in this order: the number alone, then the number of repeated pairs (two
 * members of one group who met recently; a trio has three pairs). Avoided pairs are never grouped.
 * The search takes the unassigned person with the fewest allowed partners first, tries their fresh
 * partners before repeated ones, then trios, then leaving them alone, and prunes with a lower bound
 * (people with no partner left must be alone; an odd remainder after the trio is used leaves one
 * more alone; people whose partners are all repeats cost at least half a repeat each) and a table
 * of states already explored at a lower cost.
 *
 * <p>It is exact for up to {@link #EXACT_LIMIT} people. For more, it stops after {@link
 * #WORK_BUDGET} steps (a step is one person scanned or one candidate partner or trio examined) and
 * keeps the best arrangement found, which is usually but not provably optimal. Counting steps
 * rather than time keeps the result a function of the input. Ties keep the first arrangement found,
 * in the order set by {@code rank}, so the result depends only on the input.
 */
final class GroupingSearch {

  /** Up to this many people the search runs to the end and is exact. */
  static final int EXACT_LIMIT = 16;

  /** Steps allowed above {@link #EXACT_LIMIT} people: some tens of milliseconds. */
  static final long WORK_BUDGET = 5_000_000;

  /** One person alone outweighs any number of repeated pairs. */
  private static final long ALONE = 1L << 32;

  /** The state table needs the unassigned set as a bit mask, plus one bit for the trio. */
  private static final int MEMO_LIMIT = 62;

  private final int n;
  private final boolean[][] allowed;
  private final boolean[][] repeat;
  private final int[] rank;
  private final int[][] partners;

  private final boolean[] assigned;
  private final int[] allowedLeft;
  private final int[] freshLeft;
  private final List<int[]> groups = new ArrayList<>();
  private final List<Integer> alone = new ArrayList<>();
  private final Map<Long, Long> explored = new HashMap<>();
  private long mask;
  private boolean trioUsed;
  private int unassigned;
  private long work;
  private long rootBound;

  private long bestCost = Long.MAX_VALUE;
  private List<int[]> bestGroups = List.of();
  private List<Integer> bestAlone = List.of();

  /** The arrangement found: groups (pairs and at most one trio) and the people alone. */
  record Arrangement(List<int[]> groups, List<Integer> alone) {}

  /**
   * @param allowed symmetric: whether two people may be grouped (false on the diagonal)
   * @param repeat symmetric: whether two people met recently
   * @param rank a permutation of 0..n-1 that breaks ties: lower rank is tried first
   */
  private GroupingSearch(boolean[][] allowed, boolean[][] repeat, int[] rank) {
    this.n = rank.length;
    this.allowed = allowed;
    this.repeat = repeat;
    this.rank = rank;
    this.assigned = new boolean[n];
    this.allowedLeft = new int[n];
    this.freshLeft = new int[n];
    this.partners = new int[n][];
    this.unassigned = n;
    for (int i = 0; i < n; i++) {
      List<Integer> list = new ArrayList<>();
      for (int j = 0; j < n; j++) {
        if (allowed[i][j]) {
          list.add(j);
          allowedLeft[i]++;
          if (!repeat[i][j]) {
            freshLeft[i]++;
          }
        }
      }
      final int person = i;
      list.sort(
          (a, b) ->
              repeat[person][a] != repeat[person][b]
                  ? Boolean.compare(repeat[person][a], repeat[person][b])
                  : Integer.compare(rank[a], rank[b]));
      partners[i] = list.stream().mapToInt(Integer::intValue).toArray();
    }
  }

  /** The cheapest arrangement (see the class comment for "cheapest" and its limits). */
  static Arrangement arrange(boolean[][] allowed, boolean[][] repeat, int[] rank) {
    GroupingSearch search = new GroupingSearch(allowed, repeat, rank);
    search.rootBound = search.lowerBound();
    search.search(0);
    return new Arrangement(search.bestGroups, search.bestAlone);
  }

  private boolean finished() {
    return bestCost == rootBound || (n > EXACT_LIMIT && work >= WORK_BUDGET);
  }

  private void search(long cost) {
    work += n;
    if (unassigned == 0) {
      if (cost < bestCost) {
        bestCost = cost;
        bestGroups = groups.stream().map(int[]::clone).toList();
        bestAlone = List.copyOf(alone);
      }
      return;
    }
    if (cost + lowerBound() >= bestCost || seenCheaper(cost)) {
      return;
    }
    int p = mostConstrained();
    work += partners[p].length;
    for (int q : partners[p]) {
      if (!assigned[q]) {
        place(cost + (repeat[p][q] ? 1 : 0), p, q);
        if (finished()) {
          return;
        }
      }
    }
    if (!trioUsed) {
      int[] mine = unassignedPartners(p);
      work += (long) mine.length * mine.length / 2;
      for (int a = 0; a < mine.length; a++) {
        for (int b = a + 1; b < mine.length; b++) {
          int q = mine[a];
          int r = mine[b];
          if (allowed[q][r]) {
            trioUsed = true;
            place(cost + repeats(p, q) + repeats(p, r) + repeats(q, r), p, q, r);
            trioUsed = false;
            if (finished()) {
              return;
            }
          }
        }
      }
    }
    take(p);
    alone.add(p);
    search(cost + ALONE);
    alone.remove(alone.size() - 1);
    release(p);
  }

  private void place(long cost, int... group) {
    for (int person : group) {
      take(person);
    }
    groups.add(group);
    search(cost);
    groups.remove(groups.size() - 1);
    for (int person : group) {
      release(person);
    }
  }

  /** {@code person}'s partners still unassigned, in their preference order. */
  private int[] unassignedPartners(int person) {
    int[] left = new int[allowedLeft[person]];
    int next = 0;
    for (int q : partners[person]) {
      if (!assigned[q]) {
        left[next++] = q;
      }
    }
    return left;
  }

  private int repeats(int a, int b) {
    return repeat[a][b] ? 1 : 0;
  }

  /** Whether this set of unassigned people was already searched from a cost no higher. */
  private boolean seenCheaper(long cost) {
    if (n > MEMO_LIMIT) {
      return false;
    }
    long key = mask | (trioUsed ? 1L << MEMO_LIMIT : 0);
    Long before = explored.get(key);
    if (before != null && before <= cost) {
      return true;
    }
    explored.put(key, cost);
    return false;
  }

  /** The unassigned person with the fewest allowed partners left; ties to the lower rank. */
  private int mostConstrained() {
    int best = -1;
    for (int i = 0; i < n; i++) {
      if (!assigned[i]
          && (best < 0
              || allowedLeft[i] < allowedLeft[best]
              || (allowedLeft[i] == allowedLeft[best] && rank[i] < rank[best]))) {
        best = i;
      }
    }
    return best;
  }

  /** A lower bound on the cost the unassigned people will still add. */
  private long lowerBound() {
    int forcedAlone = 0;
    int onlyRepeats = 0;
    for (int i = 0; i < n; i++) {
      if (!assigned[i]) {
        if (allowedLeft[i] == 0) {
          forcedAlone++;
        } else if (freshLeft[i] == 0) {
          onlyRepeats++;
        }
      }
    }
    int oddOneOut = trioUsed && (unassigned - forcedAlone) % 2 == 1 ? 1 : 0;
    long halfRepeats = Math.max(0, onlyRepeats - oddOneOut + 1) / 2;
    return (forcedAlone + oddOneOut) * ALONE + halfRepeats;
  }

  private void take(int person) {
    assigned[person] = true;
    unassigned--;
    mask |= bit(person);
    for (int other : partners[person]) {
      allowedLeft[other]--;
      if (!repeat[person][other]) {
        freshLeft[other]--;
      }
    }
  }

  private void release(int person) {
    assigned[person] = false;
    unassigned++;
    mask &= ~bit(person);
    for (int other : partners[person]) {
      allowedLeft[other]++;
      if (!repeat[person][other]) {
        freshLeft[other]++;
      }
    }
  }

  private long bit(int person) {
    return person < 64 ? 1L << person : 0;
  }
}
