package coach.core.coverage;

import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Word features for the learned stage, kept only when many authors use the word: does vocabulary
 * shared across authors (not one author's phrasing) help the learned stage under leave one author
 * out? Variants: spread (distinct training files a stem must occur in), feature value, L2.
 *
 * <p>Run: {@code ./mvnw -q -P experiments -pl experiments
 * org.codehaus.mojo:exec-maven-plugin:3.6.2:java
 * -Dexec.mainClass=coach.core.coverage.SpreadWordsExperiment -Dvariants=0:1:1e-6,12:0.3:1e-4}.
 */
public final class SpreadWordsExperiment {

  record Variant(int spread, double value, double l2, boolean pairs, double add, double keep) {
    static Variant parse(String s) {
      String[] p = s.split(":");
      return new Variant(
          Integer.parseInt(p[0]),
          Double.parseDouble(p[1]),
          Double.parseDouble(p[2]),
          p.length > 3 && p[3].equals("p"),
          p.length > 4 ? Double.parseDouble(p[4]) : LearnedCoverageDetector.SETTINGS.threshold(),
          p.length > 5 ? Double.parseDouble(p[5]) : LearnedCoverageDetector.KEEP);
    }
  }

  public static void main(String[] args) {
    Map<String, List<LabelledAnswer>> byName = ExperimentSets.roundTwelve();
    List<String> names = new ArrayList<>(byName.keySet());
    List<List<LabelledAnswer>> sets = new ArrayList<>(byName.values());
    LexicalCoverageDetector lexical =
        LexicalCoverageDetector.create(CurriculumLoader.loadDefault());
    TextAnalysis analysis = new TextAnalysis();
    List<List<Detection>> reads = new ArrayList<>();
    List<List<Set<String>>> words = new ArrayList<>();
    for (List<LabelledAnswer> set : sets) {
      List<Detection> r = new ArrayList<>();
      List<Set<String>> w = new ArrayList<>();
      for (LabelledAnswer a : set) {
        r.add(lexical.analyse(a.answer(), a.prompt(), a.section()));
        Set<String> stems = new LinkedHashSet<>();
        for (TextAnalysis.Sentence s : analysis.sentences(a.answer())) {
          String previous = null;
          for (Token t : s.tokens()) {
            if (t.isNumber() || t.stem().length() < 3) {
              previous = null;
              continue;
            }
            stems.add("w:" + t.stem());
            if (previous != null) {
              stems.add("p:" + previous + "_" + t.stem());
            }
            previous = t.stem();
          }
        }
        w.add(stems);
      }
      reads.add(r);
      words.add(w);
    }
    String spec = System.getProperty("variants", "0:1:1e-6,10:0.3:1e-6,14:0.3:1e-6");
    for (String v : spec.split(",")) {
      Variant variant = Variant.parse(v);
      double sum = 0;
      double sumNew = 0;
      long[] pooled = new long[3];
      StringBuilder rows = new StringBuilder();
      for (int held = 0; held < sets.size(); held++) {
        // spread of each word over the training files only
        Map<String, Set<Integer>> spread = new HashMap<>();
        for (int f = 0; f < sets.size(); f++) {
          if (f == held) {
            continue;
          }
          for (Set<String> w : words.get(f)) {
            for (String s : w) {
              spread.computeIfAbsent(s, k -> new HashSet<>()).add(f);
            }
          }
        }
        Set<String> kept = new HashSet<>();
        if (variant.spread() > 0) {
          spread.forEach(
              (k, files) -> {
                if (files.size() >= variant.spread() && (variant.pairs() || k.startsWith("w:"))) {
                  kept.add(k);
                }
              });
        }
        List<LabelModel.Example> examples = new ArrayList<>();
        for (int f = 0; f < sets.size(); f++) {
          if (f == held) {
            continue;
          }
          for (int i = 0; i < sets.get(f).size(); i++) {
            LabelledAnswer a = sets.get(f).get(i);
            examples.add(
                new LabelModel.Example(
                    features(reads.get(f).get(i), words.get(f).get(i), kept, variant, a),
                    a.expected()));
          }
        }
        LabelModel.Settings base = LearnedCoverageDetector.SETTINGS;
        LabelModel.Settings settings =
            new LabelModel.Settings(
                base.epochs(),
                base.rate(),
                variant.l2(),
                base.seed(),
                variant.add(),
                base.minCount(),
                base.cutoff());
        LabelModel model = LabelModel.train(RubricIds.CONCEPTS, examples, settings, List.of("f"));
        long[] counts = new long[3];
        for (int i = 0; i < sets.get(held).size(); i++) {
          LabelledAnswer a = sets.get(held).get(i);
          Detection read = reads.get(held).get(i);
          Map<String, Double> p =
              model.probabilities(features(read, words.get(held).get(i), kept, variant, a));
          tally(decide(read, p, model.threshold(), variant.keep()), a.expected(), counts);
        }
        double f1 = f1(counts);
        sum += f1;
        if (held >= 8) {
          sumNew += f1;
          for (int k = 0; k < 3; k++) {
            pooled[k] += counts[k];
          }
        }
        rows.append(String.format(Locale.ROOT, " %s=%.3f", names.get(held), f1));
      }
      double p = (double) pooled[0] / (pooled[0] + pooled[1]);
      double r = (double) pooled[0] / (pooled[0] + pooled[2]);
      System.out.printf(
          Locale.ROOT,
          "%-18s mean %.3f  new authors %.3f (pooled P %.3f R %.3f)%n   %s%n",
          v,
          sum / sets.size(),
          sumNew / 10,
          p,
          r,
          rows);
    }
  }

  static Map<String, Double> features(
      Detection read, Set<String> words, Set<String> kept, Variant v, LabelledAnswer a) {
    Map<String, Double> f = new TreeMap<>(LearnedCoverageDetector.features(read, Set.of()));
    for (String w : words) {
      if (kept.contains(w)) {
        f.put(w, v.value());
      }
    }
    return f;
  }

  static Set<String> decide(Detection read, Map<String, Double> p, double threshold, double keep) {
    Set<String> covered = new HashSet<>();
    p.forEach(
        (id, probability) -> {
          boolean found = read.covered().contains(id);
          if (!read.dismissed().contains(id)
              && (found ? probability >= keep : probability >= threshold)) {
            covered.add(id);
          }
        });
    return covered;
  }

  static void tally(Set<String> predicted, Set<String> expected, long[] counts) {
    for (String c : predicted) {
      counts[expected.contains(c) ? 0 : 1]++;
    }
    for (String c : expected) {
      if (!predicted.contains(c)) {
        counts[2]++;
      }
    }
  }

  static double f1(long[] c) {
    return 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
  }
}
