package coach.core.mock;

import static coach.core.mock.PairingOracle.avoided;
import static coach.core.mock.PairingOracle.cost;
import static coach.core.mock.PairingOracle.members;
import static coach.core.mock.PairingOracle.repeats;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.UserId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;

/**
 * The pairing rules of issue 13 as properties over random sessions: attendees with random recent
 * groups, avoid lists, done prompts, weakest sections and seeds. The small-session properties
 * compare against every possible arrangement ({@link PairingOracle}).
 */
class PairingsPropertiesTest {

  private static final List<String> PROMPTS = List.of("p0", "p1", "p2", "p3", "p4");
  private static final List<String> SECTIONS = List.of("s0", "s1", "s2", "s3");

  @Property
  void noOneIsDroppedOrDuplicated(@ForAll("upTo12") PairingInput input) {
    Pairing pairing = Pairings.pair(input);

    List<UserId> placed = new ArrayList<>(pairing.alone());
    members(pairing).forEach(placed::addAll);
    assertThat(placed).containsExactlyInAnyOrderElementsOf(input.attendees());
  }

  @Property
  void groupsArePairsWithAtMostOneTrio(@ForAll("upTo12") PairingInput input) {
    Pairing pairing = Pairings.pair(input);

    assertThat(members(pairing)).allSatisfy(g -> assertThat(g.size()).isBetween(2, 3));
    long trios = members(pairing).stream().filter(g -> g.size() == 3).count();
    int grouped = input.attendees().size() - pairing.alone().size();
    assertThat(trios).as("a trio exactly when an odd number is grouped").isEqualTo(grouped % 2);
  }

  @Property
  void avoidListsAreAlwaysHonoured(@ForAll("upTo12") PairingInput input) {
    for (List<UserId> group : members(Pairings.pair(input))) {
      for (int i = 0; i < group.size(); i++) {
        for (int j = i + 1; j < group.size(); j++) {
          UserId a = group.get(i);
          UserId b = group.get(j);
          assertThat(avoided(input, a, b)).as("%s grouped with %s", a, b).isFalse();
        }
      }
    }
  }

  @Property
  void theNumberAloneIsMinimal(@ForAll("upTo8") PairingInput input) {
    int fewestAlone =
        PairingOracle.allArrangements(input).stream()
            .mapToInt(PairingOracle.Arrangement::alone)
            .min()
            .orElseThrow();

    assertThat(Pairings.pair(input).alone()).hasSize(fewestAlone);
  }

  @Property
  void noRepeatPairWhenAnArrangementWithoutOneExists(@ForAll("upTo8") PairingInput input) {
    Pairing pairing = Pairings.pair(input);
    boolean oneWithoutRepeats =
        PairingOracle.allArrangements(input).stream()
            .anyMatch(a -> a.alone() == pairing.alone().size() && repeats(input, a.groups()) == 0);

    if (oneWithoutRepeats) {
      assertThat(repeats(input, members(pairing))).isZero();
    }
  }

  @Property
  void theArrangementIsTheBestOfAll(@ForAll("upTo8") PairingInput input) {
    long best =
        PairingOracle.allArrangements(input).stream()
            .mapToLong(a -> cost(input, a))
            .min()
            .orElseThrow();

    Pairing pairing = Pairings.pair(input);
    assertThat(cost(input, pairing)).isEqualTo(best);

    // The generator must produce the hard cases, not only easy ones.
    int repeats = repeats(input, members(pairing));
    boolean someoneMet = anyTwoMetRecently(input);
    Statistics.label("alone").collect(pairing.alone().isEmpty() ? "none" : "some");
    Statistics.label("history")
        .collect(repeats > 0 ? "repeat needed" : someoneMet ? "repeat avoided" : "none");
    Statistics.label("alone").coverage(c -> c.check("some").percentage(p -> p > 10));
    Statistics.label("history")
        .coverage(
            c -> {
              c.check("repeat needed").percentage(p -> p > 5);
              c.check("repeat avoided").percentage(p -> p > 5);
            });
  }

  @Property
  void aTrioOnlyWhenNoArrangementAsGoodHasNone(@ForAll("upTo8") PairingInput input) {
    Pairing pairing = Pairings.pair(input);
    boolean trio = members(pairing).stream().anyMatch(g -> g.size() == 3);
    long cost = cost(input, pairing);

    if (trio) {
      assertThat(PairingOracle.allArrangements(input))
          .noneMatch(a -> !a.hasTrio() && cost(input, a) <= cost);
    }
  }

  @Property(tries = 100)
  void theArrangementIsExactUpToSixteen(@ForAll("nineToSixteen") PairingInput input) {
    assertThat(cost(input, Pairings.pair(input))).isEqualTo(PairingOracle.bestCost(input));
  }

  @Property
  void theSameInputAlwaysGivesTheSamePairs(@ForAll("upTo12") PairingInput input) {
    Pairing first = Pairings.pair(input);

    assertThat(Pairings.pair(input)).isEqualTo(first);
    assertThat(Pairings.pair(rebuiltInOtherOrders(input))).isEqualTo(first);
  }

  @Property
  void theSeedOnlyChoosesAmongEquallyGoodArrangements(
      @ForAll("upTo12") PairingInput input, @ForAll long otherSeed) {
    PairingInput reseeded =
        new PairingInput(
            input.attendees(),
            input.recentGroups(),
            input.donePrompts(),
            input.weakestSections(),
            input.avoid(),
            input.promptPool(),
            input.promptSections(),
            otherSeed);

    assertThat(cost(input, Pairings.pair(reseeded))).isEqualTo(cost(input, Pairings.pair(input)));
  }

  @Property
  void roundsFollowTheRotation(@ForAll("upTo12") PairingInput input) {
    for (MockGroup group : Pairings.pair(input).groups()) {
      List<UserId> m = group.members();
      assertThat(group.rounds()).hasSameSizeAs(m);
      for (int i = 0; i < m.size(); i++) {
        MockRound round = group.rounds().get(i);
        assertThat(round.index()).isEqualTo(i);
        assertThat(round.interviewer()).isEqualTo(m.get(i));
        assertThat(round.candidate()).isEqualTo(m.get((i + 1) % m.size()));
      }
    }
  }

  @Property
  void aCandidateNeverGetsADonePromptWhenAnUndoneOneExists(@ForAll("upTo12") PairingInput input) {
    for (MockGroup group : Pairings.pair(input).groups()) {
      for (MockRound round : group.rounds()) {
        Set<String> done = input.donePrompts().getOrDefault(round.candidate(), Set.of());
        assertThat(input.promptPool()).contains(round.promptId());
        if (!done.containsAll(input.promptPool())) {
          assertThat(done).doesNotContain(round.promptId());
        }
      }
    }
  }

  @Property
  void aGroupRepeatsAPromptOnlyWhenItsCandidateHasNoOtherUndoneOne(
      @ForAll("upTo12") PairingInput input) {
    for (MockGroup group : Pairings.pair(input).groups()) {
      Set<String> used = new LinkedHashSet<>();
      for (MockRound round : group.rounds()) {
        Set<String> done = input.donePrompts().getOrDefault(round.candidate(), Set.of());
        boolean freshUndone =
            input.promptPool().stream().anyMatch(p -> !done.contains(p) && !used.contains(p));
        if (freshUndone) {
          assertThat(used).doesNotContain(round.promptId());
        }
        used.add(round.promptId());
      }
    }
  }

  @Provide
  Arbitrary<PairingInput> upTo8() {
    return Arbitraries.integers().between(0, 8).flatMap(PairingsPropertiesTest::inputs);
  }

  @Provide
  Arbitrary<PairingInput> upTo12() {
    return Arbitraries.integers().between(0, 12).flatMap(PairingsPropertiesTest::inputs);
  }

  @Provide
  Arbitrary<PairingInput> nineToSixteen() {
    return Arbitraries.integers().between(9, 16).flatMap(PairingsPropertiesTest::inputs);
  }

  private static boolean anyTwoMetRecently(PairingInput input) {
    List<UserId> people = input.attendees();
    return IntStream.range(0, people.size())
        .anyMatch(
            i ->
                IntStream.range(i + 1, people.size())
                    .anyMatch(j -> PairingOracle.metRecently(input, people.get(i), people.get(j))));
  }

  /** Sessions of {@code n} attendees with random history, avoid lists, prompts and seed. */
  private static Arbitrary<PairingInput> inputs(int n) {
    List<UserId> people = IntStream.range(0, n).mapToObj(i -> UserId.console("u" + i)).toList();
    if (n == 0) {
      return Arbitraries.longs().map(seed -> PairingInput.of(List.of(), PROMPTS, seed));
    }
    Arbitrary<UserId> person = Arbitraries.of(people);
    Arbitrary<String> prompt = Arbitraries.of(PROMPTS);
    Arbitrary<String> section = Arbitraries.of(SECTIONS);
    return Combinators.combine(
            person.set().ofMaxSize(4).list().ofMaxSize(n),
            Arbitraries.maps(person, person.set().ofMaxSize(2)).ofMaxSize(n),
            Arbitraries.maps(person, prompt.set().ofMaxSize(5)).ofMaxSize(n),
            Arbitraries.maps(person, section.list().uniqueElements().ofMaxSize(3)).ofMaxSize(n),
            Arbitraries.maps(prompt, section.set().ofMaxSize(2)),
            Arbitraries.integers().between(1, PROMPTS.size()),
            Arbitraries.longs())
        .as(
            (recent, avoid, done, weakest, sections, poolSize, seed) ->
                new PairingInput(
                    people,
                    recent,
                    done,
                    weakest,
                    avoid,
                    PROMPTS.subList(0, poolSize),
                    sections,
                    seed));
  }

  /** The same input with every map and set built in reverse order. */
  private static PairingInput rebuiltInOtherOrders(PairingInput input) {
    return new PairingInput(
        input.attendees(),
        reversed(input.recentGroups().stream().map(PairingsPropertiesTest::reversedSet).toList()),
        reversedMap(input.donePrompts(), PairingsPropertiesTest::reversedSet),
        reversedMap(input.weakestSections(), list -> list),
        reversedMap(input.avoid(), PairingsPropertiesTest::reversedSet),
        input.promptPool(),
        reversedMap(input.promptSections(), PairingsPropertiesTest::reversedSet),
        input.seed());
  }

  private static <T> List<T> reversed(List<T> list) {
    List<T> copy = new ArrayList<>(list);
    Collections.reverse(copy);
    return copy;
  }

  private static <T> Set<T> reversedSet(Set<T> set) {
    return new LinkedHashSet<>(reversed(new ArrayList<>(set)));
  }

  private static <K, V> Map<K, V> reversedMap(
      Map<K, V> map, java.util.function.UnaryOperator<V> values) {
    Map<K, V> copy = new LinkedHashMap<>();
    reversed(new ArrayList<>(map.keySet())).forEach(k -> copy.put(k, values.apply(map.get(k))));
    return copy;
  }
}
