package coach.core.clarify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The clarifier measured on the labelled question sets under {@code src/test/resources/questions}
 * (see the README there): {@code dev-a}, {@code dev-b}, {@code dev-e}, {@code dev-f}, {@code
 * dev-h}, {@code dev-i}, {@code dev-j}, {@code dev-k}, {@code dev-l}, {@code dev-m} and (round 11)
 * {@code dev-n} to {@code dev-q} were read and tuned on, and the learned reader is trained on them;
 * {@code frozen-c}, {@code frozen-d}, {@code frozen-g} and (round 12) {@code frozen-r}, {@code
 * frozen-s} and {@code frozen-t} were never read, only their micro figures are looked at. The
 * lexicon alone keeps its own floors (it is the learned reader's candidate generator); the shipped
 * clarifier, lexicon and learned reader, is held to the frozen floors. The floors sit just under
 * the figures reached; a change that lowers them fails the build.
 */
class QuestionTopicsQualityTest {

  /**
   * Pooled frozen micro-F1 reached over frozen-c, frozen-d and frozen-g (0.870 after tuning on
   * dev-e and dev-f, 0.879 after tuning on dev-h and dev-i, 0.886 after tuning on dev-j to dev-m);
   * the build fails below it.
   */
  static final double FROZEN_MICRO_F1_FLOOR = 0.875;

  /**
   * The shipped clarifier (lexicon and learned reader) over frozen-c, frozen-d and frozen-g pooled:
   * 0.918 (0.886 by the lexicon alone); the target is 0.90.
   */
  static final double LEARNED_FROZEN_MICRO_F1_FLOOR = 0.905;

  /**
   * The shipped clarifier over all six frozen sets pooled: 0.924 (0.888 by the lexicon alone). The
   * round-12 authors were measured unseen by both: frozen-r 0.939, frozen-s 0.918, frozen-t 0.933
   * (lexicon alone 0.922, 0.879, 0.871).
   */
  static final double LEARNED_ALL_FROZEN_MICRO_F1_FLOOR = 0.91;

  /**
   * Leave one author out over the dev sets and the own paraphrases: the mean micro-F1 of the
   * learned reader trained without the author (0.952; the lexicon alone 0.951, flattered: it was
   * tuned on every one of these sets).
   */
  static final double LEAVE_ONE_AUTHOR_OUT_FLOOR = 0.945;

  /**
   * Pooled dev micro-F1 reached over dev-a, dev-b, dev-e, dev-f, dev-h and dev-i (0.976 after
   * tuning on dev-h and dev-i), and over those and dev-j, dev-k, dev-l and dev-m (0.979 after
   * tuning on the four): a regression guard.
   */
  static final double DEV_MICRO_F1_FLOOR = 0.97;

  /**
   * The clarifier author's own paraphrase batches (written in the four personas' styles, without
   * reading the frozen sets, and tuned on): 0.961 after tuning on dev-e and dev-f, and still after
   * tuning on dev-h and dev-i and on dev-j to dev-m.
   */
  static final double OWN_MICRO_F1_FLOOR = 0.955;

  /**
   * Pooled micro-F1 over the round-11 sets dev-n, dev-o, dev-p and dev-q (0.865 unseen, 0.88 after
   * the first tuning round on them): a regression guard kept apart from the older dev sets, which
   * have had more rounds of tuning.
   */
  static final double ROUND_11_MICRO_F1_FLOOR = 0.875;

  static final List<String> ROUND_11_SETS =
      List.of("dev-n.jsonl", "dev-o.jsonl", "dev-p.jsonl", "dev-q.jsonl");

  /** The dev sets tuned on before round 11: the learned reader's training sets but those. */
  static final List<String> DEV_SETS =
      TopicModel.TRAINING_SETS.stream()
          .filter(name -> name.startsWith("dev-") && !ROUND_11_SETS.contains(name))
          .toList();

  static final List<String> FROZEN_SETS =
      List.of("frozen-c.jsonl", "frozen-d.jsonl", "frozen-g.jsonl");

  static final List<String> ROUND_12_FROZEN_SETS =
      List.of("frozen-r.jsonl", "frozen-s.jsonl", "frozen-t.jsonl");

  /** The lexicon alone: the candidate generator, with its own regression floors. */
  private static final Clarifier CLARIFIER = Clarifier.create(null, null);

  /** The shipped clarifier: lexicon and learned reader. */
  private static final Clarifier SHIPPED = Clarifier.create();

  static List<LabelledQuestion> sets(List<String> names) throws Exception {
    List<LabelledQuestion> all = new ArrayList<>();
    for (String name : names) {
      all.addAll(LabelledQuestion.read(resource(name)));
    }
    return all;
  }

  private static Path resource(String name) throws URISyntaxException {
    var url = QuestionTopicsQualityTest.class.getResource("/questions/" + name);
    assertThat(url).as("labelled set %s", name).isNotNull();
    return Path.of(url.toURI());
  }

  @Test
  void everySetIsCompleteAndUsesOnlyContractTopics() throws Exception {
    for (String name :
        concat(concat(DEV_SETS, ROUND_11_SETS), concat(FROZEN_SETS, ROUND_12_FROZEN_SETS))) {
      // reading checks every line: JSON, a question, a topics list of contract ids
      assertThat(LabelledQuestion.read(resource(name))).as(name).hasSize(120);
    }
  }

  @Test
  void frozenSetsPooledReachTheFloor() throws Exception {
    QuestionEvaluation evaluation = QuestionEvaluation.run(CLARIFIER, sets(FROZEN_SETS));
    // only the aggregate is ever printed for the frozen sets
    System.out.print("frozen pooled: " + evaluation.totals());
    assertThat(microF1(evaluation, "the frozen sets"))
        .isGreaterThanOrEqualTo(FROZEN_MICRO_F1_FLOOR);
  }

  @Test
  void theShippedClarifierReachesTheFrozenFloors() throws Exception {
    QuestionEvaluation older = QuestionEvaluation.run(SHIPPED, sets(FROZEN_SETS));
    System.out.print("frozen pooled, learned reader: " + older.totals());
    assertThat(microF1(older, "the frozen sets"))
        .isGreaterThanOrEqualTo(LEARNED_FROZEN_MICRO_F1_FLOOR);
    QuestionEvaluation all =
        QuestionEvaluation.run(SHIPPED, sets(concat(FROZEN_SETS, ROUND_12_FROZEN_SETS)));
    System.out.print("all six frozen pooled, learned reader: " + all.totals());
    assertThat(microF1(all, "the six frozen sets"))
        .isGreaterThanOrEqualTo(LEARNED_ALL_FROZEN_MICRO_F1_FLOOR);
  }

  @Test
  void theLearnedReaderHoldsOnAuthorsItWasNotTrainedOn() throws Exception {
    Map<String, List<LabelledQuestion>> sets = new LinkedHashMap<>();
    for (String name : TopicModel.TRAINING_SETS) {
      sets.put(name, LabelledQuestion.read(resource(name)));
    }
    coach.core.learn.LeaveOneAuthorOut evaluation = AuthorEvaluation.run(CLARIFIER, sets);
    System.out.print(evaluation.report());
    assertThat(evaluation.rows()).hasSize(sets.size());
    assertThat(evaluation.meanLearned()).isGreaterThanOrEqualTo(LEAVE_ONE_AUTHOR_OUT_FLOOR);
  }

  @Test
  void devSetsPooledReachTheFloor() throws Exception {
    QuestionEvaluation evaluation = QuestionEvaluation.run(CLARIFIER, sets(DEV_SETS));
    System.out.print("dev pooled: " + evaluation.totals());
    assertThat(microF1(evaluation, "the dev sets")).isGreaterThanOrEqualTo(DEV_MICRO_F1_FLOOR);
  }

  @Test
  void round11SetsPooledReachTheFloor() throws Exception {
    QuestionEvaluation evaluation = QuestionEvaluation.run(CLARIFIER, sets(ROUND_11_SETS));
    System.out.print("round 11 dev pooled: " + evaluation.totals());
    assertThat(evaluation.microF1()).isGreaterThanOrEqualTo(ROUND_11_MICRO_F1_FLOOR);
  }

  @Test
  void ownParaphrasesReachTheFloor() throws Exception {
    QuestionEvaluation evaluation =
        QuestionEvaluation.run(CLARIFIER, sets(List.of("own-paraphrases.jsonl")));
    System.out.print("own paraphrases: " + evaluation.totals());
    assertThat(microF1(evaluation, "own-paraphrases.jsonl"))
        .isGreaterThanOrEqualTo(OWN_MICRO_F1_FLOOR);
  }

  @Test
  void anEmptySetIsAnErrorNotAPerfectScore(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "\n\n");
    assertThatThrownBy(() -> LabelledQuestion.read(empty))
        .isInstanceOf(LabelledQuestion.BadFileException.class)
        .hasMessageContaining("no labelled questions");
    // and 0/0 is 0, not 1, should an empty list reach the evaluation anyway
    assertThat(QuestionEvaluation.run(CLARIFIER, List.of()).microF1()).isZero();
  }

  @Test
  void badLabelledFilesAreRefusedWithOneSentence(@TempDir Path dir) throws IOException {
    Path notJson = Files.writeString(dir.resolve("a.jsonl"), "{\"id\": 1, \"question\": \n");
    Path noTopics =
        Files.writeString(dir.resolve("b.jsonl"), "{\"id\": \"q\", \"question\": \"qps?\"}\n");
    Path badTopic =
        Files.writeString(
            dir.resolve("c.jsonl"),
            "{\"id\": \"q\", \"question\": \"qps?\", \"topics\": [\"volume\"]}\n");
    assertThatThrownBy(() -> LabelledQuestion.read(notJson)).hasMessageEndingWith("is not JSON.");
    assertThatThrownBy(() -> LabelledQuestion.read(noTopics))
        .hasMessageEndingWith("has no \"topics\" key.");
    assertThatThrownBy(() -> LabelledQuestion.read(badTopic))
        .hasMessageContaining("unknown topic id \"volume\"");
    assertThatThrownBy(() -> LabelledQuestion.read(dir.resolve("missing.jsonl")))
        .hasMessageStartingWith("cannot read");
  }

  @Test
  void aSetWithNoTopicsFoundScoresZeroRecall(@TempDir Path dir) throws Exception {
    Path file =
        Files.writeString(
            dir.resolve("d.jsonl"),
            "{\"id\": \"q\", \"prompt\": \"fraud-checkout\", \"question\": \"hmm\", \"topics\":"
                + " [\"scale\"]}\n");
    QuestionEvaluation evaluation = QuestionEvaluation.run(CLARIFIER, LabelledQuestion.read(file));
    assertThat(evaluation.microRecall()).isZero();
    assertThat(evaluation.microF1()).isZero();
  }

  /**
   * The micro-F1 of an evaluation, for a floor: only a figure that measured something. No
   * questions, or no topic expected or found at all, is a broken set and fails here (0/0 never
   * passes).
   */
  private static double microF1(QuestionEvaluation evaluation, String what) {
    assertThat(evaluation.questions()).as("questions asked in %s", what).isPositive();
    var counts = evaluation.byTopic().values();
    assertThat(counts.stream().mapToInt(c -> c.truePositives() + c.falseNegatives()).sum())
        .as("topics labelled in %s", what)
        .isPositive();
    return evaluation.microF1();
  }

  private static List<String> concat(List<String> a, List<String> b) {
    List<String> all = new ArrayList<>(a);
    all.addAll(b);
    return all;
  }
}
