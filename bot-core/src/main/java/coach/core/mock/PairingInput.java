package coach.core.mock;

import coach.core.chat.UserId;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Everything pairing depends on; pure data, copied on construction. Maps need not hold every
 * attendee (a missing entry means "nothing"), and entries for people who are not attendees are
 * ignored.
 *
 * @param attendees who is there, in RSVP order; distinct
 * @param recentGroups the groups of the last N sessions (any order); two people in one set "met
 *     recently"
 * @param donePrompts prompt ids each person already practised (DM or mock)
 * @param weakestSections section ids per person, weakest first (may be empty)
 * @param avoid private don't-pair lists: the key is never grouped with any value, and neither is
 *     any value with the key
 * @param promptPool prompt ids this session may use, in order, distinct; non-empty
 * @param promptSections prompt id to the section ids it exercises most
 * @param seed chooses among equally good arrangements and prompts
 */
public record PairingInput(
    List<UserId> attendees,
    List<Set<UserId>> recentGroups,
    Map<UserId, Set<String>> donePrompts,
    Map<UserId, List<String>> weakestSections,
    Map<UserId, Set<UserId>> avoid,
    List<String> promptPool,
    Map<String, Set<String>> promptSections,
    long seed) {

  public PairingInput {
    attendees = List.copyOf(attendees);
    if (new HashSet<>(attendees).size() != attendees.size()) {
      throw new IllegalArgumentException("Attendees must be distinct: " + attendees);
    }
    recentGroups = recentGroups.stream().map(Set::copyOf).toList();
    donePrompts = copyOfSets(donePrompts);
    weakestSections = copyOfLists(weakestSections);
    avoid = copyOfSets(avoid);
    promptPool = List.copyOf(promptPool);
    if (promptPool.isEmpty()) {
      throw new IllegalArgumentException("The prompt pool is empty");
    }
    if (new HashSet<>(promptPool).size() != promptPool.size()) {
      throw new IllegalArgumentException("Prompt ids in the pool must be distinct: " + promptPool);
    }
    promptSections = copyOfSets(promptSections);
  }

  /** An input with no history, no avoid lists and no section data: for tests and first sessions. */
  public static PairingInput of(List<UserId> attendees, List<String> promptPool, long seed) {
    return new PairingInput(
        attendees, List.of(), Map.of(), Map.of(), Map.of(), promptPool, Map.of(), seed);
  }

  private static <K, V> Map<K, Set<V>> copyOfSets(Map<K, Set<V>> map) {
    Map<K, Set<V>> copy = new LinkedHashMap<>();
    map.forEach((key, values) -> copy.put(Objects.requireNonNull(key), Set.copyOf(values)));
    return Map.copyOf(copy);
  }

  private static <K, V> Map<K, List<V>> copyOfLists(Map<K, List<V>> map) {
    Map<K, List<V>> copy = new LinkedHashMap<>();
    map.forEach((key, values) -> copy.put(Objects.requireNonNull(key), List.copyOf(values)));
    return Map.copyOf(copy);
  }
}
