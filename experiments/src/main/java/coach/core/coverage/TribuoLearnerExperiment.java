package coach.core.coverage;

import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tribuo.Example;
import org.tribuo.Model;
import org.tribuo.MutableDataset;
import org.tribuo.Prediction;
import org.tribuo.impl.ArrayExample;
import org.tribuo.math.optimisers.AdaGrad;
import org.tribuo.multilabel.MultiLabel;
import org.tribuo.multilabel.MultiLabelFactory;
import org.tribuo.multilabel.sgd.linear.LinearSGDTrainer;
import org.tribuo.multilabel.sgd.objectives.BinaryCrossEntropy;
import org.tribuo.provenance.SimpleDataSourceProvenance;

/**
 * Issue #14 asks for a Java ML library to train the learned stage. This compares Tribuo's
 * multi-label linear SGD (binary cross-entropy, AdaGrad) with Coach's own {@link LabelModel} on the
 * same features, the same keep and add rule, leave one author out over the 18 training files.
 *
 * <p>Run from the repository's root: {@code ./mvnw -q -P experiments -pl experiments -am install
 * -DskipTests && ./mvnw -q -P experiments -pl experiments
 * org.codehaus.mojo:exec-maven-plugin:3.6.2:java
 * -Dexec.mainClass=coach.core.coverage.TribuoLearnerExperiment}.
 */
public final class TribuoLearnerExperiment {

  public static void main(String[] args) {
    Map<String, List<LabelledAnswer>> byName = ExperimentSets.roundTwelve();
    List<String> names = new ArrayList<>(byName.keySet());
    List<List<LabelledAnswer>> sets = new ArrayList<>(byName.values());
    LexicalCoverageDetector lexical =
        LexicalCoverageDetector.create(CurriculumLoader.loadDefault());
    List<List<Detection>> reads = new ArrayList<>();
    for (List<LabelledAnswer> set : sets) {
      List<Detection> r = new ArrayList<>();
      for (LabelledAnswer a : set) {
        r.add(lexical.analyse(a.answer(), a.prompt(), a.section()));
      }
      reads.add(r);
    }
    double ownSum = 0;
    double tribuoSum = 0;
    long ownTrain = 0;
    long tribuoTrain = 0;
    for (int held = 0; held < sets.size(); held++) {
      List<LabelModel.Example> ownExamples = new ArrayList<>();
      MultiLabelFactory factory = new MultiLabelFactory();
      MutableDataset<MultiLabel> data =
          new MutableDataset<>(new SimpleDataSourceProvenance("coach", factory), factory);
      for (int f = 0; f < sets.size(); f++) {
        if (f == held) {
          continue;
        }
        for (int i = 0; i < sets.get(f).size(); i++) {
          LabelledAnswer a = sets.get(f).get(i);
          Map<String, Double> features =
              LearnedCoverageDetector.features(reads.get(f).get(i), Set.of());
          ownExamples.add(new LabelModel.Example(features, a.expected()));
          data.add(example(features, a.expected()));
        }
      }
      long start = System.nanoTime();
      LabelModel own =
          LabelModel.train(
              RubricIds.CONCEPTS, ownExamples, LearnedCoverageDetector.SETTINGS, List.of("fold"));
      ownTrain += System.nanoTime() - start;
      start = System.nanoTime();
      Model<MultiLabel> tribuo =
          new LinearSGDTrainer(
                  new BinaryCrossEntropy(), new AdaGrad(0.2, 1e-6), 30, -1, 1, 20261207L)
              .train(data);
      tribuoTrain += System.nanoTime() - start;
      long[] ownCounts = new long[3];
      long[] tribuoCounts = new long[3];
      for (int i = 0; i < sets.get(held).size(); i++) {
        LabelledAnswer a = sets.get(held).get(i);
        Detection read = reads.get(held).get(i);
        Map<String, Double> features = LearnedCoverageDetector.features(read, Set.of());
        tally(decide(read, own.probabilities(features), own.threshold()), a.expected(), ownCounts);
        Prediction<MultiLabel> p = tribuo.predict(example(features, Set.of()));
        Map<String, Double> scores = new TreeMap<>();
        p.getOutputScores()
            .values()
            .forEach(m -> m.getLabelSet().forEach(l -> scores.put(l.getLabel(), l.getScore())));
        if (held == 0 && i == 0) {
          System.out.println("first answer's scores: " + scores);
        }
        tally(decide(read, scores, own.threshold()), a.expected(), tribuoCounts);
      }
      double ownF1 = f1(ownCounts);
      double tribuoF1 = f1(tribuoCounts);
      ownSum += ownF1;
      tribuoSum += tribuoF1;
      System.out.printf(
          Locale.ROOT, "%-8s own %.3f  tribuo %.3f%n", names.get(held), ownF1, tribuoF1);
    }
    System.out.printf(
        Locale.ROOT,
        "mean     own %.3f  tribuo %.3f; training per fold: own %.1f s, tribuo %.1f s%n",
        ownSum / sets.size(),
        tribuoSum / sets.size(),
        ownTrain / 1e9 / sets.size(),
        tribuoTrain / 1e9 / sets.size());
  }

  private static Example<MultiLabel> example(Map<String, Double> features, Set<String> labels) {
    List<String> names = new ArrayList<>(features.keySet());
    names.add("bias");
    double[] values = new double[names.size()];
    for (int i = 0; i < names.size(); i++) {
      values[i] = features.getOrDefault(names.get(i), 1.0);
    }
    Set<org.tribuo.classification.Label> set = new HashSet<>();
    labels.forEach(l -> set.add(new org.tribuo.classification.Label(l)));
    return new ArrayExample<>(new MultiLabel(set), names.toArray(new String[0]), values);
  }

  private static Set<String> decide(Detection read, Map<String, Double> p, double threshold) {
    Set<String> covered = new HashSet<>();
    p.forEach(
        (id, probability) -> {
          boolean found = read.covered().contains(id);
          if (!read.dismissed().contains(id)
              && (found ? probability >= LearnedCoverageDetector.KEEP : probability >= threshold)) {
            covered.add(id);
          }
        });
    return covered;
  }

  private static void tally(Set<String> covered, Set<String> expected, long[] counts) {
    for (String c : covered) {
      counts[expected.contains(c) ? 0 : 1]++;
    }
    for (String c : expected) {
      if (!covered.contains(c)) {
        counts[2]++;
      }
    }
  }

  private static double f1(long[] c) {
    return 2.0 * c[0] / (2.0 * c[0] + c[1] + c[2]);
  }
}
