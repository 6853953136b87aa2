package coach.core.coverage;

import coach.core.curriculum.Curriculum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code coach grade}: JSON Lines in, JSON Lines out, per {@code docs/formats.md}. One output line
 * per input line, in order; a bad line gets an {@code error} line and the run goes on.
 */
public final class JsonLinesGrader {

  private final CoverageDetector detector;
  private final Curriculum curriculum;

  public JsonLinesGrader(CoverageDetector detector, Curriculum curriculum) {
    this.detector = detector;
    this.curriculum = curriculum;
  }

  /**
   * Grades every line of {@code in} to {@code out}; an answer longer than {@link
   * CoverageDetector#MAX_GRADED_CHARS} is graded on its beginning, and {@code notes} says so (the
   * output format has no room for it). Returns how many lines had errors.
   */
  public int grade(BufferedReader in, PrintStream out, PrintStream notes) throws IOException {
    int errors =
        JsonLines.run(in, out, (node, result, number) -> gradeLine(node, result, number, notes));
    notes.flush();
    return errors;
  }

  private ObjectNode gradeLine(JsonNode node, ObjectNode result, int number, PrintStream notes) {
    JsonNode answer = node.get("answer");
    if (answer == null || !answer.isTextual()) {
      return result.put("error", "'answer' must be a string");
    }
    Optional<String> prompt = optionalText(node, "prompt");
    Optional<String> section = optionalText(node, "section");
    if (prompt.isPresent() && curriculum.prompt(prompt.get()).isEmpty()) {
      return result.put("error", "unknown prompt '" + prompt.get() + "'");
    }
    if (section.isPresent() && curriculum.section(section.get()).isEmpty()) {
      return result.put("error", "unknown section '" + section.get() + "'");
    }
    ArrayNode concepts = result.putArray("concepts");
    detector.detect(answer.asText(), prompt, section).forEach(concepts::add);
    int length = answer.asText().length();
    if (length > CoverageDetector.MAX_GRADED_CHARS) {
      notes.printf(
          Locale.ROOT,
          "coach grade: line %d (id %s): graded the first %,d of %,d characters%n",
          number,
          result.get("id").asText(),
          CoverageDetector.MAX_GRADED_CHARS,
          length);
    }
    return result;
  }

  private static Optional<String> optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return Optional.empty();
    }
    return Optional.of(value.asText());
  }
}
