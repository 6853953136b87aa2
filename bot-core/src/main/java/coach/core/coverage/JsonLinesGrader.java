package coach.core.coverage;

import coach.core.curriculum.Curriculum;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Optional;

/**
 * {@code coach grade}: JSON Lines in, JSON Lines out, per {@code shared/contracts/rubric.md}. One
 * output line per input line, in order; a bad line gets an {@code error} line and the run goes on.
 */
public final class JsonLinesGrader {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final CoverageDetector detector;
  private final Curriculum curriculum;

  public JsonLinesGrader(CoverageDetector detector, Curriculum curriculum) {
    this.detector = detector;
    this.curriculum = curriculum;
  }

  /** Grades every line of {@code in}; returns how many lines had errors. */
  public int grade(BufferedReader in, PrintStream out) throws IOException {
    int errors = 0;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode result = gradeLine(line);
      if (result.has("error")) {
        errors++;
      }
      out.println(JSON.writeValueAsString(result));
    }
    out.flush();
    return errors;
  }

  ObjectNode gradeLine(String line) {
    ObjectNode result = JSON.createObjectNode();
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (JsonProcessingException e) {
      return result.putNull("id").put("error", "not a JSON object: " + e.getOriginalMessage());
    }
    if (node == null || !node.isObject()) {
      return result.putNull("id").put("error", "not a JSON object");
    }
    JsonNode id = node.get("id");
    if (id == null || id.isNull() || id.isContainerNode()) {
      result.putNull("id");
    } else {
      result.put("id", id.asText());
    }
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
