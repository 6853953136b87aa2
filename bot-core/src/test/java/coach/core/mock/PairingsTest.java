package coach.core.mock;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.chat.UserId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** What a reader expects from pairing, by example; the rules in general are in the properties. */
class PairingsTest {

  private static final UserId ANA = UserId.console("ana");
  private static final UserId BEN = UserId.console("ben");
  private static final UserId CAI = UserId.console("cai");
  private static final UserId DEV = UserId.console("dev");
  private static final UserId EVE = UserId.console("eve");
  private static final List<String> POOL = List.of("feed-ranking", "fraud", "search", "ads");

  @Test
  void twoPeoplePairAndSwapRolesHalfwayWithASecondPrompt() {
    Pairing pairing = Pairings.pair(PairingInput.of(List.of(ANA, BEN), POOL, 1));

    assertThat(pairing.alone()).isEmpty();
    assertThat(pairing.groups()).hasSize(1);
    MockGroup pair = pairing.groups().get(0);
    assertThat(pair.members()).containsExactlyInAnyOrder(ANA, BEN);
    UserId first = pair.members().get(0);
    UserId second = pair.members().get(1);
    assertThat(pair.rounds())
        .extracting(MockRound::index, MockRound::interviewer, MockRound::candidate)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(0, first, second),
            org.assertj.core.groups.Tuple.tuple(1, second, first));
    assertThat(pair.rounds().get(0).promptId()).isNotEqualTo(pair.rounds().get(1).promptId());
  }

  @Test
  void threePeopleMakeOneRotatingTrioWithThreePrompts() {
    Pairing pairing = Pairings.pair(PairingInput.of(List.of(ANA, BEN, CAI), POOL, 1));

    assertThat(pairing.alone()).isEmpty();
    assertThat(pairing.groups()).hasSize(1);
    MockGroup trio = pairing.groups().get(0);
    List<UserId> m = trio.members();
    assertThat(m).containsExactlyInAnyOrder(ANA, BEN, CAI);
    assertThat(trio.rounds()).extracting(MockRound::interviewer).containsExactlyElementsOf(m);
    assertThat(trio.rounds())
        .extracting(MockRound::candidate)
        .containsExactly(m.get(1), m.get(2), m.get(0));
    assertThat(trio.rounds()).extracting(MockRound::promptId).doesNotHaveDuplicates();
  }

  @Test
  void fourPeopleMakeTwoNewPairsRatherThanLastSessionsPairs() {
    PairingInput input =
        new PairingInput(
            List.of(ANA, BEN, CAI, DEV),
            List.of(Set.of(ANA, BEN), Set.of(CAI, DEV)),
            Map.of(),
            Map.of(),
            Map.of(),
            POOL,
            Map.of(),
            7);

    for (long seed = 0; seed < 20; seed++) {
      Pairing pairing = Pairings.pair(withSeed(input, seed));
      assertThat(pairing.groups()).hasSize(2);
      assertThat(pairing.groups())
          .extracting(g -> Set.copyOf(g.members()))
          .doesNotContain(Set.of(ANA, BEN), Set.of(CAI, DEV));
    }
  }

  @Test
  void fivePeopleMakeOnePairAndOneTrio() {
    Pairing pairing = Pairings.pair(PairingInput.of(List.of(ANA, BEN, CAI, DEV, EVE), POOL, 3));

    assertThat(pairing.alone()).isEmpty();
    assertThat(pairing.groups())
        .extracting(g -> g.members().size())
        .containsExactlyInAnyOrder(2, 3);
  }

  @Test
  void oneAttendeeIsAloneAndToldSoRatherThanDropped() {
    Pairing pairing = Pairings.pair(PairingInput.of(List.of(ANA), POOL, 1));

    assertThat(pairing.groups()).isEmpty();
    assertThat(pairing.alone()).containsExactly(ANA);
  }

  @Test
  void twoWhoAvoidEachOtherAreBothAlone() {
    PairingInput input = avoiding(List.of(ANA, BEN), Map.of(BEN, Set.of(ANA)));

    Pairing pairing = Pairings.pair(input);

    assertThat(pairing.groups()).isEmpty();
    assertThat(pairing.alone()).containsExactly(ANA, BEN);
  }

  @Test
  void anAvoidListCountsFromEitherSide() {
    // Only Cai's and Dev's lists name Ana, so Ana's one possible partner is Ben.
    PairingInput input =
        avoiding(List.of(ANA, BEN, CAI, DEV), Map.of(CAI, Set.of(ANA), DEV, Set.of(ANA)));

    for (long seed = 0; seed < 20; seed++) {
      Pairing pairing = Pairings.pair(withSeed(input, seed));
      assertThat(pairing.groups())
          .extracting(g -> Set.copyOf(g.members()))
          .containsExactlyInAnyOrder(Set.of(ANA, BEN), Set.of(CAI, DEV));
    }
  }

  @Test
  void whenSomeoneAvoidsEveryoneTheOthersMakeATrio() {
    PairingInput input = avoiding(List.of(ANA, BEN, CAI, DEV), Map.of(DEV, Set.of(ANA, BEN, CAI)));

    Pairing pairing = Pairings.pair(input);

    assertThat(pairing.alone()).containsExactly(DEV);
    assertThat(pairing.groups()).hasSize(1);
    assertThat(pairing.groups().get(0).members()).containsExactlyInAnyOrder(ANA, BEN, CAI);
  }

  @Test
  void aCandidateGetsAPromptTheyHaveNotPractised() {
    PairingInput input =
        new PairingInput(
            List.of(ANA, BEN),
            List.of(),
            Map.of(
                ANA,
                Set.of("feed-ranking", "fraud", "search"),
                BEN,
                Set.of("ads", "fraud", "search")),
            Map.of(),
            Map.of(),
            POOL,
            Map.of(),
            5);

    for (MockRound round : Pairings.pair(input).groups().get(0).rounds()) {
      assertThat(round.promptId())
          .isEqualTo(round.candidate().equals(ANA) ? "ads" : "feed-ranking");
    }
  }

  @Test
  void someoneWhoHasPractisedEverythingStillGetsAPrompt() {
    PairingInput input =
        new PairingInput(
            List.of(ANA, BEN),
            List.of(),
            Map.of(ANA, Set.copyOf(POOL)),
            Map.of(),
            Map.of(),
            POOL,
            Map.of(),
            5);

    List<MockRound> rounds = Pairings.pair(input).groups().get(0).rounds();

    assertThat(rounds).extracting(MockRound::promptId).allMatch(POOL::contains);
    assertThat(rounds).extracting(MockRound::promptId).doesNotHaveDuplicates();
  }

  @Test
  void thePromptExercisingTheWeakestSectionsIsPreferred() {
    Map<String, Set<String>> sections =
        Map.of(
            "feed-ranking", Set.of("metrics"),
            "fraud", Set.of("data"),
            "search", Set.of("data", "serving"),
            "ads", Set.of("monitoring"));
    PairingInput input =
        new PairingInput(
            List.of(ANA, BEN),
            List.of(),
            Map.of(),
            Map.of(ANA, List.of("serving", "data"), BEN, List.of("metrics", "monitoring")),
            Map.of(),
            POOL,
            sections,
            11);

    for (MockRound round : Pairings.pair(input).groups().get(0).rounds()) {
      // Ana's weakest two are both in search; Ben's weakest, metrics, is feed-ranking's.
      assertThat(round.promptId())
          .isEqualTo(round.candidate().equals(ANA) ? "search" : "feed-ranking");
    }
  }

  @Test
  void theSameInputGivesTheSamePairingAndOtherSeedsMayChooseOtherPartners() {
    List<UserId> six = List.of(ANA, BEN, CAI, DEV, EVE, UserId.console("fay"));
    Set<Set<Set<UserId>>> arrangements = new HashSet<>();

    for (long seed = 0; seed < 20; seed++) {
      Pairing pairing = Pairings.pair(PairingInput.of(six, POOL, seed));
      assertThat(Pairings.pair(PairingInput.of(six, POOL, seed))).isEqualTo(pairing);
      arrangements.add(
          pairing.groups().stream().map(g -> Set.copyOf(g.members())).collect(toSet()));
    }

    assertThat(arrangements).hasSizeGreaterThan(1);
  }

  @Test
  void sixtyAttendeesWithHistoryAndAvoidListsAreAllPairedWithoutRepeats() {
    List<UserId> people = IntStream.range(0, 60).mapToObj(i -> UserId.console("p" + i)).toList();
    List<Set<UserId>> lastSessions = new ArrayList<>();
    Map<UserId, Set<UserId>> avoid = new HashMap<>();
    for (int i = 0; i < 60; i++) {
      // Neighbours met in each of the last sessions; every fifth person avoids the next five.
      lastSessions.add(Set.of(people.get(i), people.get((i + 1) % 60), people.get((i + 2) % 60)));
      if (i % 5 == 0) {
        int from = i;
        avoid.put(
            people.get(i),
            Set.copyOf(
                IntStream.rangeClosed(3, 7).mapToObj(k -> people.get((from + k) % 60)).toList()));
      }
    }
    PairingInput input =
        new PairingInput(people, lastSessions, Map.of(), Map.of(), avoid, POOL, Map.of(), 99);

    Pairing pairing = Pairings.pair(input);

    assertThat(pairing.alone()).isEmpty();
    assertThat(pairing.groups()).allSatisfy(g -> assertThat(g.members()).hasSize(2));
    assertThat(PairingOracle.repeats(input, PairingOracle.members(pairing))).isZero();
    for (MockGroup group : pairing.groups()) {
      assertThat(PairingOracle.avoided(input, group.members().get(0), group.members().get(1)))
          .isFalse();
    }
  }

  @Test
  void attendeesMustBeDistinctAndThePoolNonEmpty() {
    assertThatThrownBy(() -> PairingInput.of(List.of(ANA, ANA), POOL, 1))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> PairingInput.of(List.of(ANA, BEN), List.of(), 1))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static PairingInput avoiding(List<UserId> people, Map<UserId, Set<UserId>> avoid) {
    return new PairingInput(people, List.of(), Map.of(), Map.of(), avoid, POOL, Map.of(), 1);
  }

  private static PairingInput withSeed(PairingInput input, long seed) {
    return new PairingInput(
        input.attendees(),
        input.recentGroups(),
        input.donePrompts(),
        input.weakestSections(),
        input.avoid(),
        input.promptPool(),
        input.promptSections(),
        seed);
  }
}
