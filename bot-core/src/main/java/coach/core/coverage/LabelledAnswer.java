package coach.core.coverage;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/** One answer of a labelled set, in the format of {@code rubric-samples.jsonl}. */
public record LabelledAnswer(
    String id,
    Optional<String> prompt,
    Optional<String> section,
    String answer,
    SortedSet<String> expected) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Reads a labelled JSON Lines file; a malformed line fails with its line number. */
  public static List<LabelledAnswer> read(Path file) {
    try {
      List<LabelledAnswer> answers = new ArrayList<>();
      int lineNumber = 0;
      for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
        lineNumber++;
        if (line.isBlank()) {
          continue;
        }
        JsonNode node;
        try {
          node = JSON.readTree(line);
        } catch (IOException e) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ": not JSON", e);
        }
        SortedSet<String> expected = new TreeSet<>();
        JsonNode labels = node.get("expected");
        if (labels == null || !labels.isArray()) {
          throw new IllegalArgumentException(file + ":" + lineNumber + ": no 'expected' list");
        }
        labels.forEach(label -> expected.add(label.asText()));
        answers.add(
            new LabelledAnswer(
                node.path("id").asText("line-" + lineNumber),
                text(node, "prompt"),
                text(node, "section"),
                node.path("answer").asText(""),
                expected));
      }
      return answers;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
