package coach.core.coverage;

import static java.util.stream.Collectors.toSet;
import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The detector measured on the labelled sets under {@code src/test/resources/coverage}: the {@code
 * dev*.jsonl} sets (tuned on), {@code frozen.jsonl} (written before tuning by an author who never
 * saw the lexicon) and {@code frozen2.jsonl} (written after tuning round 4 by another author who
 * never saw the lexicon or the other sets). The frozen sets are never tuned on: only their
 * aggregate figures are ever looked at. The floors are the figures reached; a change that lowers
 * them fails the build.
 */
class CoverageQualityTest {

  /** Frozen-set micro-F1 reached (0.863 after tuning round 6); the build fails below it. */
  static final double FROZEN_MICRO_F1_FLOOR = 0.86;

  /** Every concept's recall on the frozen set must reach this (the lowest is 0.667). */
  static final double FROZEN_CONCEPT_RECALL_FLOOR = 0.6;

  /** Second frozen set's micro-F1 reached (0.845 after tuning round 6). */
  static final double FROZEN2_MICRO_F1_FLOOR = 0.84;

  /**
   * Pooled dev-set micro-F1 reached (a regression guard while tuning): 0.946 over the eight sets
   * (dev7 included) after tuning round 6.
   */
  static final double DEV_MICRO_F1_FLOOR = 0.94;

  /** The sets tuned on. */
  static final List<String> DEV_SETS =
      LearnedCoverageDetector.TRAINING_SETS.stream()
          .filter(name -> !name.startsWith("authors/"))
          .toList();

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final LexicalCoverageDetector DETECTOR =
      LexicalCoverageDetector.create(CURRICULUM);

  /**
   * A labelled set from the test resources. A missing set fails here, by name; an empty one fails
   * in {@link LabelledAnswer#read}, which refuses a file without a labelled answer.
   */
  static List<LabelledAnswer> set(String name) {
    URL url = CoverageQualityTest.class.getResource("/coverage/" + name);
    assertThat(url).as("the labelled set %s (src/test/resources/coverage)", name).isNotNull();
    try {
      return LabelledAnswer.read(Path.of(url.toURI()));
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * The micro-F1 of an evaluation, for a floor: only a figure that measured something. An
   * evaluation over no answers, or with nothing expected or detected at all, is a broken set (its
   * figures are undefined, never a perfect 1.0) and fails here.
   */
  static double microF1(Evaluation evaluation, String what) {
    assertThat(evaluation.answers()).as("answers graded in %s", what).isPositive();
    assertThat(evaluation.microF1())
        .as("micro F1 of %s (NaN: nothing was expected or detected)", what)
        .isNotNaN();
    return evaluation.microF1();
  }

  static List<LabelledAnswer> devSets() {
    return DEV_SETS.stream().flatMap(name -> set(name).stream()).toList();
  }

  /**
   * The shipped detector (lexical, then the learned stage) over the six frozen sets pooled (frozen,
   * frozen2, and the new authors frozen-u11, frozen-u12, frozen-u15 and frozen-u16, never trained
   * or tuned on): 0.875 (0.821 by the lexical detector alone).
   */
  static final double LEARNED_FROZEN_MICRO_F1_FLOOR = 0.87;

  /**
   * Each pair of frozen new authors alone: frozen-u11 and frozen-u12 0.873 (the lexicon 0.812),
   * frozen-u15 and frozen-u16 0.869 (the lexicon 0.805).
   */
  static final double LEARNED_NEW_FROZEN_MICRO_F1_FLOOR = 0.86;

  /**
   * Leave one author out over the dev and author sets, the learned stage trained without the
   * author: mean micro-F1 0.882 over the 20 files (the lexical detector 0.858, flattered on the dev
   * sets it was tuned on).
   */
  static final double LEAVE_ONE_AUTHOR_OUT_FLOOR = 0.878;

  /**
   * The same, over the twelve new authors in training only (u1 to u10, u13, u14): 0.851 (the
   * lexical detector 0.802).
   */
  static final double NEW_AUTHORS_LEFT_OUT_FLOOR = 0.845;

  static final List<String> TRAINING_SETS = LearnedCoverageDetector.TRAINING_SETS;

  @Test
  void theShippedDetectorReachesTheFrozenFloor() {
    List<LabelledAnswer> frozen = new java.util.ArrayList<>(set("frozen.jsonl"));
    frozen.addAll(set("frozen2.jsonl"));
    frozen.addAll(set("authors/frozen-u11.jsonl"));
    frozen.addAll(set("authors/frozen-u12.jsonl"));
    frozen.addAll(set("authors/frozen-u15.jsonl"));
    frozen.addAll(set("authors/frozen-u16.jsonl"));
    Evaluation evaluation =
        Evaluation.run(LearnedCoverageDetector.shipped(DETECTOR), frozen, RubricIds.CONCEPTS);
    System.out.print("frozen pooled, learned stage: " + evaluation.totals());
    assertThat(microF1(evaluation, "the frozen sets"))
        .isGreaterThanOrEqualTo(LEARNED_FROZEN_MICRO_F1_FLOOR);
    for (List<String> pair :
        List.of(
            List.of("authors/frozen-u11.jsonl", "authors/frozen-u12.jsonl"),
            List.of("authors/frozen-u15.jsonl", "authors/frozen-u16.jsonl"))) {
      List<LabelledAnswer> answers = new java.util.ArrayList<>(set(pair.get(0)));
      answers.addAll(set(pair.get(1)));
      Evaluation pairEvaluation =
          Evaluation.run(LearnedCoverageDetector.shipped(DETECTOR), answers, RubricIds.CONCEPTS);
      assertThat(microF1(pairEvaluation, String.join(" and ", pair)))
          .isGreaterThanOrEqualTo(LEARNED_NEW_FROZEN_MICRO_F1_FLOOR);
    }
  }

  @Test
  void theLearnedStageHoldsOnAuthorsItWasNotTrainedOn() {
    Map<String, List<LabelledAnswer>> sets = new java.util.LinkedHashMap<>();
    for (String name : TRAINING_SETS) {
      sets.put(name, set(name));
    }
    coach.core.learn.LeaveOneAuthorOut evaluation =
        AuthorEvaluation.run(DETECTOR, sets, RubricIds.CONCEPTS);
    System.out.print(evaluation.report());
    assertThat(evaluation.rows()).hasSize(TRAINING_SETS.size());
    assertThat(evaluation.meanLearned()).isGreaterThanOrEqualTo(LEAVE_ONE_AUTHOR_OUT_FLOOR);
    double newAuthors =
        evaluation.rows().stream()
            .filter(row -> row.set().startsWith("authors/"))
            .mapToDouble(coach.core.learn.LeaveOneAuthorOut.Row::learned)
            .average()
            .orElseThrow();
    assertThat(newAuthors).isGreaterThanOrEqualTo(NEW_AUTHORS_LEFT_OUT_FLOOR);
  }

  /**
   * The round-12 sets by six authors the detector never saw (pooled 0.802 unseen): a floor under
   * that, so a change that makes strangers' answers read worse fails; see authors/README.md.
   */
  static final double NEW_AUTHORS_MICRO_F1_FLOOR = 0.79;

  static final List<String> NEW_AUTHOR_SETS =
      List.of(
          "authors/u1.jsonl",
          "authors/u2.jsonl",
          "authors/u3.jsonl",
          "authors/u4.jsonl",
          "authors/u5.jsonl",
          "authors/u6.jsonl");

  @Test
  void answersByTheSixNewAuthorsReachTheirFloor() {
    List<LabelledAnswer> all = new java.util.ArrayList<>();
    for (String name : NEW_AUTHOR_SETS) {
      List<LabelledAnswer> set = set(name);
      assertThat(set).as(name).hasSize(250);
      all.addAll(set);
    }
    Evaluation evaluation = Evaluation.run(DETECTOR, all, RubricIds.CONCEPTS);
    System.out.print("six new authors pooled: " + evaluation.totals());
    assertThat(microF1(evaluation, "the six new authors' sets"))
        .isGreaterThanOrEqualTo(NEW_AUTHORS_MICRO_F1_FLOOR);
  }

  @Test
  void theLabelledSetsAreLargeValidAndCoverEveryConcept() {
    List<LabelledAnswer> dev = devSets();
    List<LabelledAnswer> frozen =
        Stream.concat(set("frozen.jsonl").stream(), set("frozen2.jsonl").stream()).toList();
    assertThat(dev.size() + frozen.size()).isGreaterThanOrEqualTo(400);
    assertThat(frozen).hasSizeGreaterThanOrEqualTo(150);

    Set<String> ids = new HashSet<>();
    Map<String, Integer> positives = new HashMap<>();
    for (LabelledAnswer answer : Stream.concat(dev.stream(), frozen.stream()).toList()) {
      assertThat(ids.add(answer.id())).as("unique id " + answer.id()).isTrue();
      answer.prompt().ifPresent(p -> assertThat(RubricIds.PROMPTS).contains(p));
      answer.section().ifPresent(s -> assertThat(RubricIds.SECTIONS).contains(s));
      assertThat(RubricIds.CONCEPTS).containsAll(answer.expected());
      answer.expected().forEach(c -> positives.merge(c, 1, Integer::sum));
    }
    for (String concept : RubricIds.CONCEPTS) {
      assertThat(positives.getOrDefault(concept, 0))
          .as(concept + " positives")
          .isGreaterThanOrEqualTo(5);
    }
    assertThat(Stream.concat(dev.stream(), frozen.stream()).filter(a -> a.expected().isEmpty()))
        .as("answers that cover nothing (dismissals, questions, homonyms, empty)")
        .hasSizeGreaterThan(40);
  }

  @Test
  void frozenSetFiguresHold() {
    Evaluation frozen = Evaluation.run(DETECTOR, set("frozen.jsonl"), RubricIds.CONCEPTS);
    // totals only: per-concept figures of a held-out set invite tuning on it
    System.out.print("frozen set: " + frozen.totals());
    assertThat(microF1(frozen, "frozen.jsonl")).isGreaterThanOrEqualTo(FROZEN_MICRO_F1_FLOOR);
    Set<String> weak = new TreeSet<>();
    frozen
        .byConcept()
        .forEach(
            (concept, counts) -> {
              if (counts.truePositives() + counts.falseNegatives() > 0
                  && counts.recall() < FROZEN_CONCEPT_RECALL_FLOOR) {
                weak.add(concept + String.format(" %.2f", counts.recall()));
              }
            });
    assertThat(weak).as("concepts whose frozen-set recall is below the floor").isEmpty();
  }

  @Test
  void secondFrozenSetFiguresHold() {
    Evaluation frozen2 = Evaluation.run(DETECTOR, set("frozen2.jsonl"), RubricIds.CONCEPTS);
    System.out.print("second frozen set: " + frozen2.totals());
    assertThat(microF1(frozen2, "frozen2.jsonl")).isGreaterThanOrEqualTo(FROZEN2_MICRO_F1_FLOOR);
  }

  /**
   * A second annotator labelled {@code frozen2.jsonl}'s answers blind (same rubric and samples).
   * Their agreement with its author bounds what a detector can be expected to reach on it, and
   * guards the set's labels against drift.
   */
  @Test
  void twoAnnotatorsAgreeOnTheSecondFrozenSet() throws Exception {
    Map<String, SortedSet<String>> second = new HashMap<>();
    Path file =
        Path.of(
            CoverageQualityTest.class
                .getResource("/coverage/agreement/frozen2-second-annotator.jsonl")
                .toURI());
    ObjectMapper json = new ObjectMapper();
    for (String line : Files.readAllLines(file)) {
      JsonNode node = json.readTree(line);
      SortedSet<String> labels = new TreeSet<>();
      node.get("expected").forEach(label -> labels.add(label.asText()));
      second.put(node.get("id").asText(), labels);
    }
    List<LabelledAnswer> frozen2 = set("frozen2.jsonl");
    Map<String, String> idByAnswer = new HashMap<>();
    frozen2.forEach(answer -> idByAnswer.put(answer.answer(), answer.id()));
    assertThat(second.keySet()).isEqualTo(idByAnswer.values().stream().collect(toSet()));

    CoverageDetector secondAnnotator =
        (answer, prompt, section) -> second.get(idByAnswer.get(answer));
    Evaluation agreement = Evaluation.run(secondAnnotator, frozen2, RubricIds.CONCEPTS);
    System.out.printf(
        "annotator agreement on frozen2: P %.3f R %.3f F1 %.3f%n",
        agreement.microPrecision(), agreement.microRecall(), agreement.microF1());
    assertThat(microF1(agreement, "the second annotator")).isGreaterThanOrEqualTo(0.97);
  }

  @Test
  void devSetFiguresHold() {
    Evaluation dev = Evaluation.run(DETECTOR, devSets(), RubricIds.CONCEPTS);
    System.out.println("dev set\n" + dev.report());
    assertThat(microF1(dev, "the dev sets")).isGreaterThanOrEqualTo(DEV_MICRO_F1_FLOOR);
  }

  @Test
  void theContractsSamplesAreMostlyRight() {
    Evaluation samples =
        Evaluation.run(DETECTOR, set("contract-samples.jsonl"), RubricIds.CONCEPTS);
    assertThat(microF1(samples, "contract-samples.jsonl")).isGreaterThanOrEqualTo(0.8);
  }
}
