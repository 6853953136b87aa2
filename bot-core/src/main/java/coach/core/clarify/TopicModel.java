package coach.core.clarify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;

/**
 * The learned second reading of clarifying questions: one logistic regression a topic over {@link
 * TopicFeatures} (what the lexical reader chose and matched, and the message's words), trained on
 * labelled questions. It keeps, drops or adds to the lexical reader's topics: the lexicon finds
 * candidates and says why; the model has learned from many authors which readings hold.
 *
 * <p>The shipped model is {@code clarify/topic-model.json}, built by {@code ./coach ask --train}
 * from the dev question sets (never the frozen ones); training is deterministic, so the same
 * lexicon and sets give the same file byte for byte. Immutable; thread-safe.
 */
public final class TopicModel {

  /** Where the shipped model lives on the class path. */
  static final String RESOURCE = "clarify/topic-model.json";

  private static final int FORMAT = 1;

  /**
   * How training runs: passes over the data, AdaGrad step size, L2 penalty, shuffling seed, the
   * probability from which a topic counts as asked, how many training questions a feature must
   * occur in, and the smallest weight kept.
   */
  record Settings(
      int epochs,
      double rate,
      double l2,
      long seed,
      double threshold,
      int minCount,
      double cutoff) {
    /** Chosen by leave-one-author-out on the dev sets least tuned on (dev-n to dev-q). */
    static final Settings DEFAULT = new Settings(40, 0.2, 1e-3, 20261207L, 0.5, 3, 0.1);
  }

  /** One training example: the features of a message and the topics it asks. */
  record Example(Map<String, Double> features, Set<String> topics) {}

  /** Weights by feature, each row in {@link TopicIds#ALL} order. */
  private final Map<String, double[]> weights;

  private final double[] bias;
  private final double threshold;
  private final List<String> trainedOn;
  private final int questions;

  private TopicModel(
      Map<String, double[]> weights,
      double[] bias,
      double threshold,
      List<String> trainedOn,
      int questions) {
    this.weights = weights;
    this.bias = bias;
    this.threshold = threshold;
    this.trainedOn = List.copyOf(trainedOn);
    this.questions = questions;
  }

  /** The probability, per topic in {@link TopicIds#ALL} order, that the message asks it. */
  Map<String, Double> probabilities(Map<String, Double> features) {
    double[] z = bias.clone();
    for (Map.Entry<String, Double> feature : features.entrySet()) {
      double[] row = weights.get(feature.getKey());
      if (row != null) {
        for (int t = 0; t < z.length; t++) {
          z[t] += row[t] * feature.getValue();
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    for (int t = 0; t < z.length; t++) {
      out.put(TopicIds.ALL.get(t), 1 / (1 + Math.exp(-z[t])));
    }
    return out;
  }

  /**
   * The topics asked: the lexical reader's that the model keeps, in the lexical order, then those
   * the model adds, in {@link TopicIds#ALL} order.
   */
  List<String> topics(Map<String, Double> features, List<String> lexical) {
    Map<String, Double> p = probabilities(features);
    List<String> topics = new ArrayList<>();
    for (String topic : lexical) {
      if (p.get(topic) >= threshold) {
        topics.add(topic);
      }
    }
    for (String topic : TopicIds.ALL) {
      if (!topics.contains(topic) && p.get(topic) >= threshold) {
        topics.add(topic);
      }
    }
    return topics;
  }

  /** The names of the labelled files the model was trained on. */
  public List<String> trainedOn() {
    return trainedOn;
  }

  /** How many labelled questions it was trained on. */
  public int questions() {
    return questions;
  }

  /** How many features carry a weight. */
  int features() {
    return weights.size();
  }

  /**
   * Trains one model a topic with AdaGrad over the examples (in the order given, shuffled each pass
   * with the settings' seed), keeping only features seen in enough examples and weights large
   * enough to matter, rounded to four decimals so that the written model is the trained one.
   */
  static TopicModel train(
      List<Example> examples, Settings settings, List<String> trainedOn, int questions) {
    Map<String, Integer> seen = new HashMap<>();
    examples.forEach(e -> e.features().keySet().forEach(f -> seen.merge(f, 1, Integer::sum)));
    Map<String, Integer> index = new LinkedHashMap<>();
    int[][] ids = new int[examples.size()][];
    double[][] values = new double[examples.size()][];
    for (int e = 0; e < examples.size(); e++) {
      Map<String, Double> features = new TreeMap<>(examples.get(e).features());
      features.keySet().removeIf(f -> seen.get(f) < settings.minCount());
      ids[e] = new int[features.size()];
      values[e] = new double[features.size()];
      int k = 0;
      for (Map.Entry<String, Double> f : features.entrySet()) {
        ids[e][k] = index.computeIfAbsent(f.getKey(), key -> index.size());
        values[e][k++] = f.getValue();
      }
    }
    List<String> names = new ArrayList<>(index.keySet());
    int topics = TopicIds.ALL.size();
    double[][] w = new double[topics][];
    double[] bias = new double[topics];
    for (int t = 0; t < topics; t++) {
      String topic = TopicIds.ALL.get(t);
      boolean[] positive = new boolean[examples.size()];
      for (int e = 0; e < positive.length; e++) {
        positive[e] = examples.get(e).topics().contains(topic);
      }
      w[t] = new double[names.size()];
      bias[t] = fit(ids, values, positive, w[t], settings);
    }
    Map<String, double[]> weights = new TreeMap<>();
    for (int f = 0; f < names.size(); f++) {
      double[] row = new double[topics];
      boolean kept = false;
      for (int t = 0; t < topics; t++) {
        if (Math.abs(w[t][f]) >= settings.cutoff()) {
          row[t] = round(w[t][f]);
          kept = true;
        }
      }
      if (kept) {
        weights.put(names.get(f), row);
      }
    }
    for (int t = 0; t < topics; t++) {
      bias[t] = round(bias[t]);
    }
    return new TopicModel(weights, bias, settings.threshold(), trainedOn, questions);
  }

  /** Fits one topic's weights in place; returns its bias. */
  private static double fit(
      int[][] ids, double[][] values, boolean[] positive, double[] w, Settings settings) {
    double[] g2 = new double[w.length];
    double b = 0;
    double bg2 = 0;
    Random random = new Random(settings.seed());
    int[] order = new int[ids.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    for (int epoch = 0; epoch < settings.epochs(); epoch++) {
      for (int i = order.length - 1; i > 0; i--) {
        int j = random.nextInt(i + 1);
        int swap = order[i];
        order[i] = order[j];
        order[j] = swap;
      }
      for (int e : order) {
        double z = b;
        for (int k = 0; k < ids[e].length; k++) {
          z += w[ids[e][k]] * values[e][k];
        }
        double error = 1 / (1 + Math.exp(-z)) - (positive[e] ? 1 : 0);
        for (int k = 0; k < ids[e].length; k++) {
          int f = ids[e][k];
          double gradient = error * values[e][k] + settings.l2() * w[f];
          g2[f] += gradient * gradient;
          w[f] -= settings.rate() * gradient / Math.sqrt(g2[f] + 1e-8);
        }
        bg2 += error * error;
        b -= settings.rate() * error / Math.sqrt(bg2 + 1e-8);
      }
    }
    return b;
  }

  private static double round(double value) {
    return Math.round(value * 10_000) / 10_000.0;
  }

  /**
   * The model as JSON: the training sets and settings, then the bias and one line a feature with
   * its weights in topic order (so that a retrained model diffs line by line).
   */
  public String toJson() {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"format\": ").append(FORMAT).append(",\n");
    out.append("  \"built_by\": \"./coach ask --train ")
        .append(RESOURCE_PATH)
        .append(" --on FILE ...\",\n");
    out.append("  \"trained_on\": [");
    for (int i = 0; i < trainedOn.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('"').append(trainedOn.get(i)).append('"');
    }
    out.append("],\n  \"questions\": ").append(questions).append(",\n");
    out.append("  \"threshold\": ").append(number(threshold)).append(",\n");
    out.append("  \"topics\": [");
    for (int t = 0; t < TopicIds.ALL.size(); t++) {
      out.append(t == 0 ? "" : ", ").append('"').append(TopicIds.ALL.get(t)).append('"');
    }
    out.append("],\n  \"bias\": ").append(row(bias)).append(",\n  \"weights\": {");
    boolean first = true;
    for (Map.Entry<String, double[]> feature : weights.entrySet()) {
      out.append(first ? "\n" : ",\n")
          .append("    ")
          .append(JSON.valueToTree(feature.getKey()).toString())
          .append(": ")
          .append(row(feature.getValue()));
      first = false;
    }
    out.append("\n  }\n}\n");
    return out.toString();
  }

  /** The source file of the shipped model, from the repository's root. */
  public static final String RESOURCE_PATH = "bot-core/src/main/resources/" + RESOURCE;

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String row(double[] values) {
    StringBuilder out = new StringBuilder("[");
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : ", ").append(number(values[i]));
    }
    return out.append(']').toString();
  }

  private static String number(double value) {
    return value == 0
        ? "0"
        : java.math.BigDecimal.valueOf(round(value)).stripTrailingZeros().toPlainString();
  }

  /** The shipped model, read once per process. */
  public static TopicModel shipped() {
    return Shipped.MODEL;
  }

  /** Holds the shipped model, read on first use. */
  private static final class Shipped {
    static final TopicModel MODEL = readShipped();
  }

  private static TopicModel readShipped() {
    try (InputStream in = TopicModel.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), RESOURCE);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  /** A model written by {@link #toJson()}; fails with one sentence naming the file. */
  public static TopicModel read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the model " + file + ".", e);
    }
  }

  static TopicModel parse(String json, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || root.path("format").asInt() != FORMAT) {
        throw new IllegalArgumentException(
            where + " is not a topic model of format " + FORMAT + ".");
      }
      List<String> topics = new ArrayList<>();
      root.path("topics").forEach(t -> topics.add(t.asText()));
      if (!topics.equals(TopicIds.ALL)) {
        throw new IllegalArgumentException(where + " was trained for other topics; retrain it.");
      }
      double[] bias = doubles(root.path("bias"), where);
      Map<String, double[]> weights = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> rows = root.path("weights").fields();
      while (rows.hasNext()) {
        Map.Entry<String, JsonNode> row = rows.next();
        weights.put(row.getKey(), doubles(row.getValue(), where));
      }
      List<String> trainedOn = new ArrayList<>();
      root.path("trained_on").forEach(t -> trainedOn.add(t.asText()));
      return new TopicModel(
          weights,
          bias,
          root.path("threshold").asDouble(0.5),
          trainedOn,
          root.path("questions").asInt());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " is not JSON.", e);
    }
  }

  private static double[] doubles(JsonNode node, String where) {
    if (!node.isArray() || node.size() != TopicIds.ALL.size()) {
      throw new IllegalArgumentException(
          where
              + " has a row without one weight for each of the "
              + TopicIds.ALL.size()
              + " topics.");
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = node.get(i).asDouble();
    }
    return values;
  }
}
