package coach.core.coverage;

import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * Issue #14's question: does sentence-embedding similarity to labelled examples, given to the
 * learned stage as one more feature a concept, raise the leave-one-author-out mean by 0.02 or more
 * without lowering precision?
 *
 * <p>Each answer is cut into sentences and each sentence embedded with all-MiniLM-L6-v2 (quantized,
 * ONNX Runtime, through langchain4j). A sentence's memory is every sentence of the other authors'
 * answers, labelled with its answer's concepts. For a concept c the feature {@code emb:c} is, over
 * the answer's sentences, the largest share of its k nearest memory sentences whose answer covers
 * c. Under leave-one-author-out the held-out author's sentences are never in anyone's memory, and a
 * training answer's feature is computed without its own author either, so the model learns how far
 * the feature can be trusted on a stranger.
 *
 * <p>Run from the repository's root: {@code ./mvnw -q -P experiments -pl experiments -am install
 * -DskipTests && ./mvnw -q -P experiments -pl experiments exec:java}. Embeddings are cached in
 * {@code target/embeddings.bin}.
 */
public final class EmbeddingFeatureExperiment {

  private static final int KEEP_NEIGHBOURS = 64;

  private record Sentence(int file, int answer, String text) {}

  public static void main(String[] args) throws IOException {
    Path root = Path.of(System.getProperty("coach.root", ".")).toAbsolutePath();
    Path labelled = root.resolve("bot-core/src/test/resources/coverage");
    List<Path> files = new ArrayList<>();
    for (String name : List.of("dev", "dev2a", "dev2b", "dev3a", "dev3b", "dev4", "dev5", "dev7")) {
      files.add(labelled.resolve(name + ".jsonl"));
    }
    for (int u = 1; u <= 10; u++) {
      files.add(labelled.resolve("authors/u" + u + ".jsonl"));
    }
    LexicalCoverageDetector lexical =
        LexicalCoverageDetector.create(CurriculumLoader.loadDefault());

    List<LabelledAnswer> answers = new ArrayList<>();
    List<Integer> answerFile = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (int f = 0; f < files.size(); f++) {
      names.add(files.get(f).getFileName().toString());
      for (LabelledAnswer a : LabelledAnswer.read(files.get(f))) {
        answers.add(a);
        answerFile.add(f);
      }
    }
    List<Map<String, Double>> lexicalFeatures = new ArrayList<>();
    List<Detection> reads = new ArrayList<>();
    for (LabelledAnswer a : answers) {
      Detection read = lexical.analyse(a.answer(), a.prompt(), a.section());
      reads.add(read);
      lexicalFeatures.add(LearnedCoverageDetector.features(read, Set.of()));
    }

    List<Sentence> sentences = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      for (String s : sentences(answers.get(i).answer())) {
        sentences.add(new Sentence(answerFile.get(i), i, s));
      }
    }
    System.out.printf(
        Locale.ROOT,
        "%d answers, %d sentences, %d files%n",
        answers.size(),
        sentences.size(),
        files.size());
    float[][] vectors = embed(sentences, root.resolve("experiments/target/embeddings.bin"));
    long start = System.nanoTime();
    int[][] neighbours = new int[sentences.size()][];
    IntStream.range(0, sentences.size())
        .parallel()
        .forEach(i -> neighbours[i] = nearest(i, vectors, sentences));
    System.out.printf(Locale.ROOT, "neighbours in %.0f s%n", (System.nanoTime() - start) / 1e9);

    List<List<Integer>> sentencesOf = new ArrayList<>();
    for (int i = 0; i < answers.size(); i++) {
      sentencesOf.add(new ArrayList<>());
    }
    for (int s = 0; s < sentences.size(); s++) {
      sentencesOf.get(sentences.get(s).answer()).add(s);
    }

    for (String variant : System.getProperty("variants", "0,5,10,20").split(",")) {
      int k = Integer.parseInt(variant.replaceAll("[^0-9]", ""));
      boolean split = variant.contains("x");
      double sumF1 = 0;
      long tp = 0;
      long fp = 0;
      long fn = 0;
      StringBuilder rows = new StringBuilder();
      for (int held = 0; held < files.size(); held++) {
        List<LabelModel.Example> examples = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
          int f = answerFile.get(i);
          if (f == held) {
            continue;
          }
          Map<String, Double> features = new TreeMap<>(lexicalFeatures.get(i));
          if (k > 0) {
            features.putAll(
                split(
                    embedding(i, Set.of(held, f), k, sentencesOf, neighbours, sentences, answers),
                    reads.get(i),
                    split));
          }
          examples.add(new LabelModel.Example(features, answers.get(i).expected()));
        }
        LabelModel model =
            LabelModel.train(
                RubricIds.CONCEPTS, examples, LearnedCoverageDetector.SETTINGS, List.of("fold"));
        long[] counts = new long[3];
        for (int i = 0; i < answers.size(); i++) {
          if (answerFile.get(i) != held) {
            continue;
          }
          Map<String, Double> features = new TreeMap<>(lexicalFeatures.get(i));
          if (k > 0) {
            features.putAll(
                split(
                    embedding(i, Set.of(held), k, sentencesOf, neighbours, sentences, answers),
                    reads.get(i),
                    split));
          }
          Detection read = reads.get(i);
          Set<String> covered = new HashSet<>();
          for (Map.Entry<String, Double> p : model.probabilities(features).entrySet()) {
            String id = p.getKey();
            boolean found = read.covered().contains(id);
            if (!read.dismissed().contains(id)
                && (found
                    ? p.getValue() >= LearnedCoverageDetector.KEEP
                    : p.getValue() >= model.threshold())) {
              covered.add(id);
            }
          }
          Set<String> expected = answers.get(i).expected();
          for (String c : covered) {
            counts[expected.contains(c) ? 0 : 1]++;
          }
          for (String c : expected) {
            if (!covered.contains(c)) {
              counts[2]++;
            }
          }
        }
        double f1 = 2.0 * counts[0] / (2.0 * counts[0] + counts[1] + counts[2]);
        sumF1 += f1;
        tp += counts[0];
        fp += counts[1];
        fn += counts[2];
        rows.append(String.format(Locale.ROOT, "  %-14s %.3f%n", names.get(held), f1));
      }
      System.out.printf(
          Locale.ROOT,
          "%s (0: no embedding feature; x: apart for concepts the lexicon found): LOAO mean micro-F1 %.3f, pooled P %.3f R %.3f%n%s",
          variant,
          sumF1 / files.size(),
          tp / (double) (tp + fp),
          tp / (double) (tp + fn),
          rows);
    }
  }

  /**
   * The embedding feature of answer {@code a} with the sentences of {@code excluded} files unseen.
   */
  private static Map<String, Double> embedding(
      int a,
      Set<Integer> excluded,
      int k,
      List<List<Integer>> sentencesOf,
      int[][] neighbours,
      List<Sentence> sentences,
      List<LabelledAnswer> answers) {
    Map<String, Double> best = new HashMap<>();
    for (int s : sentencesOf.get(a)) {
      Map<String, Integer> votes = new HashMap<>();
      int taken = 0;
      for (int n : neighbours[s]) {
        if (excluded.contains(sentences.get(n).file())) {
          continue;
        }
        for (String c : answers.get(sentences.get(n).answer()).expected()) {
          votes.merge(c, 1, Integer::sum);
        }
        if (++taken == k) {
          break;
        }
      }
      for (Map.Entry<String, Integer> v : votes.entrySet()) {
        best.merge("emb:" + v.getKey(), v.getValue() / (double) k, Math::max);
      }
    }
    return best;
  }

  /**
   * With {@code split}, the feature is named apart for concepts the lexicon found and those it did
   * not, so the model can trust it differently for keeping and for adding.
   */
  private static Map<String, Double> split(
      Map<String, Double> feature, Detection read, boolean split) {
    if (!split) {
      return feature;
    }
    Map<String, Double> out = new HashMap<>();
    feature.forEach(
        (name, value) -> {
          String concept = name.substring("emb:".length());
          out.put((read.covered().contains(concept) ? "emb-found:" : "emb-new:") + concept, value);
        });
    return out;
  }

  /** Sentence {@code i}'s nearest sentences of other files, nearest first. */
  private static int[] nearest(int i, float[][] vectors, List<Sentence> sentences) {
    PriorityQueue<long[]> heap =
        new PriorityQueue<>(KEEP_NEIGHBOURS + 1, (x, y) -> Long.compare(x[0], y[0]));
    float[] v = vectors[i];
    int own = sentences.get(i).file();
    for (int j = 0; j < vectors.length; j++) {
      if (sentences.get(j).file() == own) {
        continue;
      }
      float[] w = vectors[j];
      float dot = 0;
      for (int d = 0; d < v.length; d++) {
        dot += v[d] * w[d];
      }
      long key = (long) (dot * 1e6);
      if (heap.size() < KEEP_NEIGHBOURS) {
        heap.add(new long[] {key, j});
      } else if (key > heap.peek()[0]) {
        heap.poll();
        heap.add(new long[] {key, j});
      }
    }
    int[] out = new int[heap.size()];
    for (int n = out.length - 1; n >= 0; n--) {
      out[n] = (int) heap.poll()[1];
    }
    return out;
  }

  static List<String> sentences(String answer) {
    List<String> out = new ArrayList<>();
    for (String s : answer.split("(?<=[.!?;])\\s+|\\n+|\\s+-\\s+|\\s+—\\s+")) {
      String t = s.strip();
      if (t.split("\\s+").length >= 3) {
        out.add(t);
      }
    }
    if (out.isEmpty() && !answer.isBlank()) {
      out.add(answer.strip());
    }
    return out;
  }

  private static float[][] embed(List<Sentence> sentences, Path cache) throws IOException {
    Map<String, float[]> known = new HashMap<>();
    if (Files.exists(cache)) {
      try (DataInputStream in = new DataInputStream(Files.newInputStream(cache))) {
        int n = in.readInt();
        for (int i = 0; i < n; i++) {
          String text = in.readUTF();
          float[] v = new float[in.readInt()];
          for (int d = 0; d < v.length; d++) {
            v[d] = in.readFloat();
          }
          known.put(text, v);
        }
      }
    }
    List<String> missing = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (Sentence s : sentences) {
      if (!known.containsKey(s.text()) && seen.add(s.text())) {
        missing.add(s.text());
      }
    }
    if (!missing.isEmpty()) {
      long start = System.nanoTime();
      EmbeddingModel model = new AllMiniLmL6V2QuantizedEmbeddingModel();
      for (int from = 0; from < missing.size(); from += 256) {
        List<String> batch = missing.subList(from, Math.min(missing.size(), from + 256));
        var vectors = model.embedAll(batch.stream().map(TextSegment::from).toList()).content();
        for (int i = 0; i < batch.size(); i++) {
          known.put(batch.get(i), normalised(vectors.get(i).vector()));
        }
      }
      System.out.printf(
          Locale.ROOT,
          "embedded %d sentences in %.0f s%n",
          missing.size(),
          (System.nanoTime() - start) / 1e9);
      Files.createDirectories(cache.getParent());
      try (DataOutputStream out = new DataOutputStream(Files.newOutputStream(cache))) {
        out.writeInt(known.size());
        for (Map.Entry<String, float[]> e : known.entrySet()) {
          out.writeUTF(e.getKey());
          out.writeInt(e.getValue().length);
          for (float x : e.getValue()) {
            out.writeFloat(x);
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    float[][] out = new float[sentences.size()][];
    for (int i = 0; i < out.length; i++) {
      out[i] = known.get(sentences.get(i).text());
    }
    return out;
  }

  private static float[] normalised(float[] v) {
    double norm = 0;
    for (float x : v) {
      norm += x * x;
    }
    float[] out = new float[v.length];
    for (int d = 0; d < v.length; d++) {
      out[d] = (float) (v[d] / Math.sqrt(norm));
    }
    return out;
  }
}
