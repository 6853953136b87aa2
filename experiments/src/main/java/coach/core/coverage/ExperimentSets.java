package coach.core.coverage;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The labelled sets the recorded experiments were measured on: the eight dev sets and the round-12
 * authors u1 to u10 (18 files, one author each), so that a rerun gives the figures in the README
 * even after later authors joined the shipped model's training.
 */
final class ExperimentSets {

  private ExperimentSets() {}

  /** Short name ("dev", "u1") to answers, in the order the experiments report them. */
  static Map<String, List<LabelledAnswer>> roundTwelve() {
    Path labelled = Path.of("bot-core/src/test/resources/coverage").toAbsolutePath();
    Map<String, List<LabelledAnswer>> sets = new LinkedHashMap<>();
    for (String name : List.of("dev", "dev2a", "dev2b", "dev3a", "dev3b", "dev4", "dev5", "dev7")) {
      sets.put(name, LabelledAnswer.read(labelled.resolve(name + ".jsonl")));
    }
    for (int u = 1; u <= 10; u++) {
      sets.put("u" + u, LabelledAnswer.read(labelled.resolve("authors/u" + u + ".jsonl")));
    }
    return sets;
  }
}
