package coach.core.learn;

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
 * A multi-label classifier: one L2-regularised logistic regression a label over sparse named
 * features, trained with AdaGrad. Coach's learned second stages (the question reader's topics, the
 * coverage detector's concepts) are built on it. Training is deterministic (a seeded shuffle, the
 * examples in the order given), and the JSON written is the model trained, byte for byte, so a
 * shipped model can be checked against retraining. Immutable; thread-safe.
 */
public final class LabelModel {

  private static final int FORMAT = 1;

  /**
   * How training runs: passes over the data, AdaGrad step size, L2 penalty, shuffling seed, the
   * probability from which a label counts as present, how many training examples a feature must
   * occur in, and the smallest weight kept.
   */
  public record Settings(
      int epochs,
      double rate,
      double l2,
      long seed,
      double threshold,
      int minCount,
      double cutoff) {}

  /** One training example: its features and the labels it carries. */
  public record Example(Map<String, Double> features, Set<String> labels) {}

  /** The labels, in the order of every row. */
  private final List<String> labels;

  /** Weights by feature, each row in {@link #labels} order. */
  private final Map<String, double[]> weights;

  private final double[] bias;
  private final double threshold;
  private final List<String> trainedOn;
  private final int examples;

  private LabelModel(
      List<String> labels,
      Map<String, double[]> weights,
      double[] bias,
      double threshold,
      List<String> trainedOn,
      int examples) {
    this.labels = List.copyOf(labels);
    this.weights = weights;
    this.bias = bias;
    this.threshold = threshold;
    this.trainedOn = List.copyOf(trainedOn);
    this.examples = examples;
  }

  /** The probability of each label, in label order. */
  public Map<String, Double> probabilities(Map<String, Double> features) {
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
      out.put(labels.get(t), 1 / (1 + Math.exp(-z[t])));
    }
    return out;
  }

  /** The probability from which a label counts as present. */
  public double threshold() {
    return threshold;
  }

  public List<String> labels() {
    return labels;
  }

  /** The names of the labelled files the model was trained on. */
  public List<String> trainedOn() {
    return trainedOn;
  }

  /** How many labelled examples it was trained on. */
  public int examples() {
    return examples;
  }

  /** How many features carry a weight. */
  public int features() {
    return weights.size();
  }

  /**
   * Trains one model a topic with AdaGrad over the examples (in the order given, shuffled each pass
   * with the settings' seed), keeping only features seen in enough examples and weights large
   * enough to matter, rounded to four decimals so that the written model is the trained one.
   */
  public static LabelModel train(
      List<String> labels, List<Example> examples, Settings settings, List<String> trainedOn) {
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
    int count = labels.size();
    double[][] w = new double[count][];
    double[] bias = new double[count];
    for (int t = 0; t < count; t++) {
      String label = labels.get(t);
      boolean[] positive = new boolean[examples.size()];
      for (int e = 0; e < positive.length; e++) {
        positive[e] = examples.get(e).labels().contains(label);
      }
      w[t] = new double[names.size()];
      bias[t] = fit(ids, values, positive, w[t], settings);
    }
    Map<String, double[]> weights = new TreeMap<>();
    for (int f = 0; f < names.size(); f++) {
      double[] row = new double[count];
      boolean kept = false;
      for (int t = 0; t < count; t++) {
        if (Math.abs(w[t][f]) >= settings.cutoff()) {
          row[t] = round(w[t][f]);
          kept = true;
        }
      }
      if (kept) {
        weights.put(names.get(f), row);
      }
    }
    for (int t = 0; t < count; t++) {
      bias[t] = round(bias[t]);
    }
    return new LabelModel(labels, weights, bias, settings.threshold(), trainedOn, examples.size());
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
  public String toJson(String builtBy) {
    StringBuilder out = new StringBuilder();
    out.append("{\n  \"format\": ").append(FORMAT).append(",\n");
    out.append("  \"built_by\": ").append(JSON.valueToTree(builtBy).toString()).append(",\n");
    out.append("  \"trained_on\": [");
    for (int i = 0; i < trainedOn.size(); i++) {
      out.append(i == 0 ? "" : ", ").append('"').append(trainedOn.get(i)).append('"');
    }
    out.append("],\n  \"examples\": ").append(examples).append(",\n");
    out.append("  \"threshold\": ").append(number(threshold)).append(",\n");
    out.append("  \"labels\": [");
    for (int t = 0; t < labels.size(); t++) {
      out.append(t == 0 ? "" : ", ").append('"').append(labels.get(t)).append('"');
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

  /** A model on the class path, written by {@link #toJson}, for {@code labels}. */
  public static LabelModel resource(String resource, List<String> labels) {
    try (InputStream in = LabelModel.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is missing from the class path");
      }
      return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8), labels, resource);
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + resource + ": " + e.getMessage(), e);
    }
  }

  /** A model written by {@link #toJson}, for {@code labels}; fails with one sentence. */
  public static LabelModel read(Path file, List<String> labels) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), labels, file.toString());
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the model " + file + ".", e);
    }
  }

  /** A model written by {@link #toJson}, for {@code expected} labels, from text. */
  public static LabelModel parse(String json, List<String> expected, String where) {
    try {
      JsonNode root = JSON.readTree(json);
      if (root == null || root.path("format").asInt() != FORMAT) {
        throw new IllegalArgumentException(where + " is not a model of format " + FORMAT + ".");
      }
      List<String> labels = new ArrayList<>();
      root.path("labels").forEach(t -> labels.add(t.asText()));
      if (!labels.equals(expected)) {
        throw new IllegalArgumentException(where + " was trained for other labels; retrain it.");
      }
      double[] bias = doubles(root.path("bias"), labels.size(), where);
      Map<String, double[]> weights = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> rows = root.path("weights").fields();
      while (rows.hasNext()) {
        Map.Entry<String, JsonNode> row = rows.next();
        weights.put(row.getKey(), doubles(row.getValue(), labels.size(), where));
      }
      List<String> trainedOn = new ArrayList<>();
      root.path("trained_on").forEach(t -> trainedOn.add(t.asText()));
      return new LabelModel(
          labels,
          weights,
          bias,
          root.path("threshold").asDouble(0.5),
          trainedOn,
          root.path("examples").asInt());
    } catch (IOException e) {
      throw new IllegalArgumentException(where + " is not JSON.", e);
    }
  }

  private static double[] doubles(JsonNode node, int size, String where) {
    if (!node.isArray() || node.size() != size) {
      throw new IllegalArgumentException(
          where + " has a row without one weight for each of the " + size + " labels.");
    }
    double[] values = new double[node.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = node.get(i).asDouble();
    }
    return values;
  }
}
