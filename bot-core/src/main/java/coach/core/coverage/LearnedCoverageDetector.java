package coach.core.coverage;

import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import coach.core.text.UserText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
 *
 * <p>Besides what the lexicon read, the model weighs the answer's word stems, but only stems that
 * most training authors use ({@link #SPREAD}): shared vocabulary generalises to strangers, one
 * author's phrasing does not.
 */
public final class LearnedCoverageDetector implements CoverageDetector {

  /** Where the shipped model lives on the class path. */
  static final String RESOURCE = "coverage/concept-model.json";

  /** The source file of the shipped model, from the repository's root. */
  public static final String RESOURCE_PATH = "bot-core/src/main/resources/" + RESOURCE;

  /**
   * What the shipped model is trained on: labelled sets under {@code
   * bot-core/src/test/resources/coverage}, the dev sets and twelve of the sixteen new authors
   * (never a frozen set).
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
          "authors/u10.jsonl",
          "authors/u13.jsonl",
          "authors/u14.jsonl");

  /**
   * Chosen by leave-one-author-out over the dev and author sets: the model adds a concept from
   * probability 0.45 ({@link LabelModel#threshold()}) and drops a lexical one below {@link #KEEP}.
   */
  static final LabelModel.Settings SETTINGS =
      new LabelModel.Settings(30, 0.2, 1e-5, 20261207L, 0.45, 3, 0.001);

  /** Below this probability a concept the lexicon found is dropped. */
  static final double KEEP = 0.25;

  /**
   * A word stem is a feature only if at least this share of the training files (one author each)
   * use it. Chosen by leave-one-author-out: with every stem the model learns authors' phrasing and
   * scores 0.80; from 80% of the files it scores 0.856 on the ten new authors, against 0.829
   * without words.
   */
  static final double SPREAD = 0.8;

  /**
   * The value of a word feature: weaker than a lexical reading (1.0), chosen with {@link #SPREAD}.
   */
  static final double WORD = 0.3;

  /** Words shorter than this carry no feature. */
  private static final int SHORTEST_WORD = 3;

  private static final String WORD_PREFIX = "word:";

  private static final TextAnalysis WORDS = new TextAnalysis();

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
    Map<String, Double> p = model.probabilities(features(read, words(answer)));
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
   * What the model weighs: every concept the lexicon found covered, dismissed or only touched,
   * sections waved away, and the answer's word stems ({@code words}; the model knows only the
   * widely used ones). Not the section or prompt: they helped a little more under
   * leave-one-author-out (0.830 against 0.823 on the six new authors), but taught the model that a
   * concept is unlikely outside its home section, and a concept counts wherever it is covered.
   */
  static Map<String, Double> features(Detection read, Set<String> words) {
    Map<String, Double> features = new TreeMap<>();
    read.covered().forEach(c -> features.put("covered:" + c, 1.0));
    read.dismissed().forEach(c -> features.put("dismissed:" + c, 1.0));
    read.touched().keySet().forEach(c -> features.put("touched:" + c, 1.0));
    read.dismissedSections().forEach(s -> features.put("dismissed-section:" + s, 1.0));
    words.forEach(w -> features.put(w, WORD));
    return features;
  }

  /**
   * The answer's distinct word stems as feature names (numbers and short words left out), from the
   * same cleaned text and graded length as the lexicon reads.
   */
  static Set<String> words(String answer) {
    String text = UserText.clean(answer).text();
    if (text.length() > MAX_GRADED_CHARS) {
      text = text.substring(0, MAX_GRADED_CHARS);
    }
    Set<String> words = new TreeSet<>();
    for (Token token : WORDS.tokens(text)) {
      if (!token.isNumber() && token.stem().length() >= SHORTEST_WORD) {
        words.add(WORD_PREFIX + token.stem());
      }
    }
    return words;
  }

  /**
   * Trains the model on labelled sets (file name to answers, in order; one author a file) as {@code
   * lexical} reads them, with the word stems used in at least {@link #SPREAD} of the files;
   * deterministic.
   */
  public static LabelModel train(
      LexicalCoverageDetector lexical, Map<String, List<LabelledAnswer>> sets) {
    Map<String, Integer> filesUsing = new HashMap<>();
    List<List<Set<String>>> words = new ArrayList<>();
    for (List<LabelledAnswer> set : sets.values()) {
      List<Set<String>> setWords = new ArrayList<>();
      Set<String> used = new HashSet<>();
      for (LabelledAnswer answer : set) {
        Set<String> answerWords = words(answer.answer());
        setWords.add(answerWords);
        used.addAll(answerWords);
      }
      used.forEach(w -> filesUsing.merge(w, 1, Integer::sum));
      words.add(setWords);
    }
    int spread = (int) Math.ceil(SPREAD * sets.size());
    List<LabelModel.Example> examples = new ArrayList<>();
    int file = 0;
    for (List<LabelledAnswer> set : sets.values()) {
      for (int i = 0; i < set.size(); i++) {
        LabelledAnswer answer = set.get(i);
        Detection read = lexical.analyse(answer.answer(), answer.prompt(), answer.section());
        Set<String> shared = new TreeSet<>(words.get(file).get(i));
        shared.removeIf(w -> filesUsing.get(w) < spread);
        examples.add(new LabelModel.Example(features(read, shared), answer.expected()));
      }
      file++;
    }
    return LabelModel.train(RubricIds.CONCEPTS, examples, SETTINGS, List.copyOf(sets.keySet()));
  }

  /** The model as a file's text, saying how it is rebuilt. */
  public static String toJson(LabelModel model) {
    return model.toJson("./coach train");
  }
}
