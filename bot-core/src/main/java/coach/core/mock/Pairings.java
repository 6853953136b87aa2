package coach.core.mock;

import coach.core.chat.UserId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;

/**
 * Pairs the attendees of a mock session into interviewers and candidates: a pure function of its
 * {@link PairingInput}.
 *
 * <ul>
 *   <li>Groups are pairs; at most one trio, made when the number grouped is odd (never two trios,
 *       even where avoid lists would let two trios place more people). Everyone is in exactly one
 *       group or in {@link Pairing#alone()}, which is as small as the avoid lists allow (one
 *       attendee; two who avoid each other).
 *   <li>Avoid lists are honoured in both directions, inside trios too.
 *   <li>Among arrangements with the fewest alone, the fewest pairs that met recently (a trio counts
 *       its three pairs): none when that is possible.
 *   <li>Each group rotates (see {@link MockGroup}); each round's prompt is chosen for its candidate
 *       as {@link PromptChooser} says.
 *   <li>The same input gives the same result; the seed (through {@link Random}) chooses among
 *       equally good arrangements, who interviews first, and among equally good prompts.
 * </ul>
 *
 * <p>The arrangement is exact for up to 16 attendees. Above that the search (a branch and bound,
 * see {@code GroupingSearch}) stops after a fixed number of steps (not a time) and keeps the best
 * found so far, which can, with many avoid lists or many recent meetings, leave a repeat or an
 * extra person alone that a longer search would avoid. It returns in well under a second for 60
 * attendees.
 */
public final class Pairings {

  private Pairings() {}

  public static Pairing pair(PairingInput input) {
    List<UserId> people = input.attendees();
    int n = people.size();
    Map<UserId, Integer> index = new HashMap<>();
    for (int i = 0; i < n; i++) {
      index.put(people.get(i), i);
    }
    Random random = new Random(input.seed());
    int[] rank = seededRanks(n, random);

    GroupingSearch.Arrangement arrangement =
        GroupingSearch.arrange(allowed(input, index), metRecently(input, index), rank);

    Comparator<Integer> byRank = Comparator.comparingInt(i -> rank[i]);
    List<List<Integer>> groups = new ArrayList<>();
    for (int[] group : arrangement.groups()) {
      groups.add(IntStream.of(group).boxed().sorted(byRank).toList());
    }
    groups.sort(Comparator.comparingInt(group -> Collections.min(group)));

    PromptChooser prompts = new PromptChooser(input, random);
    List<MockGroup> mockGroups = new ArrayList<>();
    for (List<Integer> group : groups) {
      List<UserId> members = group.stream().map(people::get).toList();
      mockGroups.add(new MockGroup(members, prompts.rounds(members)));
    }
    List<UserId> alone = arrangement.alone().stream().sorted().map(people::get).toList();
    return new Pairing(mockGroups, alone);
  }

  /** A seeded permutation: rank[i] is person i's place in the shuffled order. */
  private static int[] seededRanks(int n, Random random) {
    List<Integer> order = new ArrayList<>(IntStream.range(0, n).boxed().toList());
    Collections.shuffle(order, random);
    int[] rank = new int[n];
    for (int place = 0; place < n; place++) {
      rank[order.get(place)] = place;
    }
    return rank;
  }

  private static boolean[][] allowed(PairingInput input, Map<UserId, Integer> index) {
    int n = index.size();
    boolean[][] allowed = new boolean[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        allowed[i][j] = i != j;
      }
    }
    input
        .avoid()
        .forEach(
            (who, avoided) -> {
              Integer i = index.get(who);
              for (UserId other : avoided) {
                Integer j = index.get(other);
                if (i != null && j != null) {
                  allowed[i][j] = false;
                  allowed[j][i] = false;
                }
              }
            });
    return allowed;
  }

  private static boolean[][] metRecently(PairingInput input, Map<UserId, Integer> index) {
    int n = index.size();
    boolean[][] repeat = new boolean[n][n];
    for (Set<UserId> group : input.recentGroups()) {
      List<Integer> present = group.stream().map(index::get).filter(i -> i != null).toList();
      for (int i : present) {
        for (int j : present) {
          if (i != j) {
            repeat[i][j] = true;
          }
        }
      }
    }
    return repeat;
  }
}
