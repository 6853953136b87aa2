package coach.core.coverage;

import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The coverage detector with a learned second stage: the lexical detector reads the answer (and
 * stays the explainer: its matched words are the evidence shown), then a {@link LabelModel} over
 * what it read (every concept it found covered, dismissed or only touched) decides each concept. It
 * has learned from many authors' labelled answers which lexical readings hold and which concepts go
 * together. A concept the lexicon found is kept unless the model is fairly sure it is wrong; one it
 * did not find is added only when the model is sure; a dismissed concept is never covered. Added
 * concepts have no evidence quote. Deterministic; thread-safe.
 *
 * <p>The shipped model is {@code coverage/concept-model.json}, built by {@code ./coach train} from
 * the dev and author sets (never the frozen ones).
 */
public final class LearnedCoverageDetector implements CoverageDetector {

  /** Where the shipped model lives on the class path. */
  static final String RESOURCE = "coverage/concept-model.json";

  /** The source file of the shipped model, from the repository's root. */
  public static final String RESOURCE_PATH = "bot-core/src/main/resources/" + RESOURCE;

  /**
   * What the shipped model is trained on: labelled sets under {@code
   * bot-core/src/test/resources/coverage}, the dev sets and ten of the twelve new authors (never a
   * frozen set).
   */
  public static final List<String> TRAINING_SETS =
      List.of(
          "dev.jsonl",
          "dev2a.jsonl",
          "dev2b.jsonl",
          "dev3a.jsonl",
          "dev3b.jsonl",
          "dev4.jsonl",
          "dev5.jsonl",
          "dev7.jsonl",
          "authors/u1.jsonl",
          "authors/u2.jsonl",
          "authors/u3.jsonl",
          "authors/u4.jsonl",
          "authors/u5.jsonl",
          "authors/u6.jsonl",
          "authors/u7.jsonl",
          "authors/u8.jsonl",
          "authors/u9.jsonl",
          "authors/u10.jsonl");

  /**
   * Chosen by leave-one-author-out over the dev and author sets: the model adds a concept from
   * probability 0.45 ({@link LabelModel#threshold()}) and drops a lexical one below {@link #KEEP}.
   */
  static final LabelModel.Settings SETTINGS =
      new LabelModel.Settings(30, 0.2, 1e-6, 20261207L, 0.45, 3, 0.001);

  /** Below this probability a concept the lexicon found is dropped. */
  static final double KEEP = 0.25;

  private final LexicalCoverageDetector lexical;
  private final LabelModel model;

  private LearnedCoverageDetector(LexicalCoverageDetector lexical, LabelModel model) {
    this.lexical = lexical;
    this.model = model;
  }

  /** The lexical detector with {@code model} on top. */
  public static LearnedCoverageDetector of(LexicalCoverageDetector lexical, LabelModel model) {
    return new LearnedCoverageDetector(lexical, model);
  }

  /** The lexical detector with the shipped model on top. */
  public static LearnedCoverageDetector shipped(LexicalCoverageDetector lexical) {
    return new LearnedCoverageDetector(lexical, Shipped.MODEL);
  }

  /** The model in {@code file} (written by {@link #train}); fails with one sentence. */
  public static LabelModel readModel(Path file) {
    return LabelModel.read(file, RubricIds.CONCEPTS);
  }

  /** Holds the shipped model, read on first use. */
  private static final class Shipped {
    static final LabelModel MODEL = LabelModel.resource(RESOURCE, RubricIds.CONCEPTS);
  }

  @Override
  public SortedSet<String> detect(
      String answer, Optional<String> promptId, Optional<String> sectionId) {
    return analyse(answer, promptId, sectionId).covered();
  }

  @Override
  public Detection analyse(String answer, Optional<String> promptId, Optional<String> sectionId) {
    Detection read = lexical.analyse(answer, promptId, sectionId);
    Map<String, Double> p = model.probabilities(features(read, promptId, sectionId));
    SortedSet<String> covered = new TreeSet<>();
    for (Map.Entry<String, Double> concept : p.entrySet()) {
      String id = concept.getKey();
      boolean found = read.covered().contains(id);
      if (read.dismissed().contains(id)) {
        continue;
      }
      if (found ? concept.getValue() >= KEEP : concept.getValue() >= model.threshold()) {
        covered.add(id);
      }
    }
    Map<String, String> evidence = new HashMap<>(read.evidence());
    evidence.keySet().retainAll(covered);
    Map<String, String> touched = new HashMap<>(read.touched());
    touched.keySet().removeAll(covered);
    return new Detection(covered, evidence, read.dismissed(), read.dismissedSections(), touched);
  }

  /**
   * What the model weighs: every concept the lexicon found covered, dismissed or only touched, and
   * sections waved away. Not the section or prompt: they helped a little more under
   * leave-one-author-out (0.830 against 0.823 on the six new authors), but taught the model that a
   * concept is unlikely outside its home section, and a concept counts wherever it is covered.
   */
  static Map<String, Double> features(
      Detection read, Optional<String> promptId, Optional<String> sectionId) {
    Map<String, Double> features = new TreeMap<>();
    read.covered().forEach(c -> features.put("covered:" + c, 1.0));
    read.dismissed().forEach(c -> features.put("dismissed:" + c, 1.0));
    read.touched().keySet().forEach(c -> features.put("touched:" + c, 1.0));
    read.dismissedSections().forEach(s -> features.put("dismissed-section:" + s, 1.0));
    return features;
  }

  /**
   * Trains the model on labelled sets (file name to answers, in order) as {@code lexical} reads
   * them; deterministic.
   */
  public static LabelModel train(
      LexicalCoverageDetector lexical, Map<String, List<LabelledAnswer>> sets) {
    List<LabelModel.Example> examples = new ArrayList<>();
    for (List<LabelledAnswer> set : sets.values()) {
      for (LabelledAnswer answer : set) {
        Detection read = lexical.analyse(answer.answer(), answer.prompt(), answer.section());
        examples.add(
            new LabelModel.Example(
                features(read, answer.prompt(), answer.section()), answer.expected()));
      }
    }
    return LabelModel.train(RubricIds.CONCEPTS, examples, SETTINGS, List.copyOf(sets.keySet()));
  }

  /** The model as a file's text, saying how it is rebuilt. */
  public static String toJson(LabelModel model) {
    return model.toJson("./coach train");
  }
}
