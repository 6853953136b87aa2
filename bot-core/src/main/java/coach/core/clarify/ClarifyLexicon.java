package coach.core.clarify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The clarifier's word knowledge, read from {@code clarify/lexicon.yaml}: for every topic the
 * patterns that mark a question about it (in the coverage lexicon's pattern language) and the
 * patterns that veto it nearby, the cue phrases that say whether a sentence asks at all, and the
 * shorthand spelled out before reading ({@link Shorthand}).
 */
record ClarifyLexicon(Map<String, TopicRules> topics, Cues cues, Map<String, String> shorthand) {

  static final String RESOURCE = "clarify/lexicon.yaml";

  /** Patterns for one topic, as written. */
  record TopicRules(List<String> patterns, List<String> exclude) {
    TopicRules {
      patterns = patterns == null ? List.of() : List.copyOf(patterns);
      exclude = exclude == null ? List.of() : List.copyOf(exclude);
    }
  }

  /** Cue phrases, as written; each is matched as a phrase of analysed words. */
  record Cues(
      List<String> ask,
      List<String> confirm,
      List<String> opinion,
      List<String> rhetorical,
      List<String> selfAnswer,
      List<String> dismiss,
      List<String> dismissAfter,
      List<String> premise,
      List<String> leadIn,
      List<String> hedge,
      List<String> statement,
      List<String> elaboration,
      List<String> anecdote,
      List<String> correction) {
    Cues {
      ask = copy(ask);
      confirm = copy(confirm);
      opinion = copy(opinion);
      rhetorical = copy(rhetorical);
      selfAnswer = copy(selfAnswer);
      dismiss = copy(dismiss);
      dismissAfter = copy(dismissAfter);
      premise = copy(premise);
      leadIn = copy(leadIn);
      hedge = copy(hedge);
      statement = copy(statement);
      elaboration = copy(elaboration);
      anecdote = copy(anecdote);
      correction = copy(correction);
    }

    private static List<String> copy(List<String> list) {
      return list == null ? List.of() : List.copyOf(list);
    }
  }

  /** Reads the lexicon from {@code file} when given (tuning), else from the class path. */
  static ClarifyLexicon load(Path file) {
    ObjectMapper yaml =
        new ObjectMapper(new YAMLFactory())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    try (InputStream in =
        file != null
            ? Files.newInputStream(file)
            : ClarifyLexicon.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is missing from the class path");
      }
      Raw raw = yaml.readValue(in, Raw.class);
      if (raw == null || raw.topics() == null || raw.cues() == null) {
        throw new IllegalStateException(RESOURCE + ": needs 'topics' and 'cues'");
      }
      for (String id : raw.topics().keySet()) {
        if (!TopicIds.ALL.contains(id)) {
          throw new IllegalStateException(RESOURCE + ": unknown topic '" + id + "'");
        }
      }
      return new ClarifyLexicon(
          new LinkedHashMap<>(raw.topics()),
          raw.cues(),
          raw.shorthand() == null ? Map.of() : Map.copyOf(raw.shorthand()));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(RESOURCE + ": " + e.getOriginalMessage(), e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private record Raw(
      LinkedHashMap<String, TopicRules> topics, Cues cues, Map<String, String> shorthand) {}
}
