package coach.core.clarify;

import coach.core.learn.LabelModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The learned second reading of clarifying questions: a {@link LabelModel} over the topics, fed
 * {@link TopicFeatures} (what the lexical reader chose and matched, and the message's words),
 * trained on labelled questions. It keeps, drops or adds to the lexical reader's topics: the
 * lexicon finds candidates and says why; the model has learned from many authors which readings
 * hold.
 *
 * <p>The shipped model is {@code clarify/topic-model.json}, built by {@code ./coach train} from the
 * dev question sets (never the frozen ones); training is deterministic, so the same lexicon and
 * sets give the same file byte for byte. Immutable; thread-safe.
 */
public final class TopicModel {

  /** Where the shipped model lives on the class path. */
  static final String RESOURCE = "clarify/topic-model.json";

  /** The source file of the shipped model, from the repository's root. */
  public static final String RESOURCE_PATH = "bot-core/src/main/resources/" + RESOURCE;

  /**
   * What the shipped model is trained on: labelled sets under {@code
   * bot-core/src/test/resources/questions}, the dev questions and the own paraphrases (never a
   * frozen set).
   */
  public static final List<String> TRAINING_SETS =
      List.of(
          "dev-a.jsonl",
          "dev-b.jsonl",
          "dev-e.jsonl",
          "dev-f.jsonl",
          "dev-h.jsonl",
          "dev-i.jsonl",
          "dev-j.jsonl",
          "dev-k.jsonl",
          "dev-l.jsonl",
          "dev-m.jsonl",
          "dev-n.jsonl",
          "dev-o.jsonl",
          "dev-p.jsonl",
          "dev-q.jsonl",
          "own-paraphrases.jsonl");

  /** Chosen by leave-one-author-out on the dev sets least tuned on (dev-n to dev-q). */
  static final LabelModel.Settings SETTINGS =
      new LabelModel.Settings(40, 0.2, 1e-3, 20261207L, 0.5, 3, 0.1);

  private final LabelModel model;

  private TopicModel(LabelModel model) {
    this.model = model;
  }

  /** One training example: the features of a message and the topics it asks. */
  record Example(Map<String, Double> features, java.util.Set<String> topics) {}

  /** The probability, per topic in {@link TopicIds#ALL} order, that the message asks it. */
  Map<String, Double> probabilities(Map<String, Double> features) {
    return model.probabilities(features);
  }

  /**
   * The topics asked: the lexical reader's that the model keeps, in the lexical order, then those
   * the model adds, in {@link TopicIds#ALL} order.
   */
  List<String> topics(Map<String, Double> features, List<String> lexical) {
    Map<String, Double> p = probabilities(features);
    List<String> topics = new ArrayList<>();
    for (String topic : lexical) {
      if (p.get(topic) >= model.threshold()) {
        topics.add(topic);
      }
    }
    for (String topic : TopicIds.ALL) {
      if (!topics.contains(topic) && p.get(topic) >= model.threshold()) {
        topics.add(topic);
      }
    }
    return topics;
  }

  /** The names of the labelled files the model was trained on. */
  public List<String> trainedOn() {
    return model.trainedOn();
  }

  /** How many labelled questions it was trained on. */
  public int questions() {
    return model.examples();
  }

  /** Trains the model on examples, with the settings chosen for questions. */
  static TopicModel train(
      List<Example> examples, LabelModel.Settings settings, List<String> trainedOn) {
    return new TopicModel(
        LabelModel.train(
            TopicIds.ALL,
            examples.stream().map(e -> new LabelModel.Example(e.features(), e.topics())).toList(),
            settings,
            trainedOn));
  }

  /** The model as JSON (see {@link LabelModel#toJson}). */
  public String toJson() {
    return model.toJson("./coach train");
  }

  /** The shipped model, read once per process. */
  public static TopicModel shipped() {
    return Shipped.MODEL;
  }

  /** Holds the shipped model, read on first use. */
  private static final class Shipped {
    static final TopicModel MODEL = new TopicModel(LabelModel.resource(RESOURCE, TopicIds.ALL));
  }

  /** A model written by {@link #toJson()}; fails with one sentence naming the file. */
  public static TopicModel read(Path file) {
    return new TopicModel(LabelModel.read(file, TopicIds.ALL));
  }

  static TopicModel parse(String json, String where) {
    return new TopicModel(LabelModel.parse(json, TopicIds.ALL, where));
  }
}
