package coach.core.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The detector's word knowledge, read from YAML: for every concept the patterns that cover it and
 * the patterns that veto it (homonyms), plus the cue words for negation, dismissal, not knowing,
 * questions and assumptions. The pattern language is documented in {@code
 * coverage/lexicon/README.md}.
 */
record Lexicon(Map<String, ConceptRules> concepts, Cues cues) {

  /** Where the lexicon lives on the class path. */
  static final String ROOT = "coverage/lexicon/";

  /** Rules for one concept, as written. */
  record ConceptRules(List<String> patterns, List<String> exclude) {
    ConceptRules {
      patterns = patterns == null ? List.of() : List.copyOf(patterns);
      exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
  }

  /** Cue phrases, as written; each is matched as a phrase of analysed words. */
  record Cues(
      List<String> negation,
      List<String> postNegation,
      List<String> dismissal,
      List<String> unknown,
      List<String> definition,
      List<String> assumption,
      List<String> question,
      List<String> retraction,
      List<String> counterfactual,
      List<String> selfAnswer) {}

  /**
   * Loads the section files listed in {@code sectionFiles} plus {@code cues.yaml}, from the
   * directory {@code dir} when given (for tuning without a rebuild), else from the class path.
   */
  static Lexicon load(List<String> sectionIds, Path dir) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    Map<String, ConceptRules> concepts = new LinkedHashMap<>();
    for (String section : sectionIds) {
      String file = section + ".yaml";
      Map<String, ConceptRules> rules =
          read(
              yaml,
              dir,
              file,
              yaml.getTypeFactory()
                  .constructMapType(LinkedHashMap.class, String.class, ConceptRules.class));
      if (rules == null) {
        continue;
      }
      for (Map.Entry<String, ConceptRules> entry : rules.entrySet()) {
        if (!entry.getKey().startsWith(section + ".")) {
          throw new IllegalStateException(
              ROOT + file + ": " + entry.getKey() + " belongs in another section's file");
        }
        if (concepts.put(entry.getKey(), entry.getValue()) != null) {
          throw new IllegalStateException(ROOT + file + ": " + entry.getKey() + " appears twice");
        }
      }
    }
    Cues cues = read(yaml, dir, "cues.yaml", yaml.getTypeFactory().constructType(Cues.class));
    if (cues == null) {
      throw new IllegalStateException(ROOT + "cues.yaml is missing or empty");
    }
    return new Lexicon(Map.copyOf(concepts), cues);
  }

  private static <T> T read(
      ObjectMapper yaml, Path dir, String file, com.fasterxml.jackson.databind.JavaType type) {
    try (InputStream in = open(dir, file)) {
      if (in == null) {
        return null;
      }
      return yaml.readValue(in, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(ROOT + file + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InputStream open(Path dir, String file) throws IOException {
    if (dir != null) {
      Path path = dir.resolve(file);
      return Files.exists(path) ? Files.newInputStream(path) : null;
    }
    return Lexicon.class.getClassLoader().getResourceAsStream(ROOT + file);
  }

  /** All concept ids that have rules. */
  Set<String> conceptIds() {
    return concepts.keySet();
  }

  /** Every pattern string, for building the vocabulary of known terms. */
  List<String> allPatterns() {
    List<String> all = new ArrayList<>();
    concepts.values().forEach(r -> all.addAll(r.patterns()));
    return all;
  }
}
