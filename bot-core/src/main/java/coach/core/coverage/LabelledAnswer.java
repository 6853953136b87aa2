package coach.core.coverage;

import coach.core.curriculum.Curriculum;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * One answer of a labelled set: a line of {@code coach grade}'s input plus {@code expected}, the
 * concept ids it covers (the format is in {@code docs/formats.md}).
 */
public record LabelledAnswer(
    String id,
    Optional<String> prompt,
    Optional<String> section,
    String answer,
    SortedSet<String> expected) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /**
   * Reads a labelled JSON Lines file without checking its ids against a curriculum.
   *
   * @throws LabelledSetException naming the file and line when it cannot be read, a line is
   *     malformed, or it holds no labelled answer
   */
  public static List<LabelledAnswer> read(Path file) {
    return read(file, Optional.empty());
  }

  /**
   * Reads a labelled JSON Lines file whose prompt, section and concept ids must all be {@code
   * curriculum}'s.
   *
   * @throws LabelledSetException as {@link #read(Path)}, and for the first unknown id
   */
  public static List<LabelledAnswer> read(Path file, Curriculum curriculum) {
    return read(file, Optional.of(curriculum));
  }

  private static List<LabelledAnswer> read(Path file, Optional<Curriculum> curriculum) {
    List<String> lines;
    if (Files.isDirectory(file)) {
      throw new LabelledSetException(
          "Cannot read " + file + ": it is a folder, not a JSON Lines file.");
    }
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new LabelledSetException("Cannot read " + file + ": there is no such file.", e);
    } catch (AccessDeniedException e) {
      throw new LabelledSetException("Cannot read " + file + ": permission denied.", e);
    } catch (IOException e) {
      throw new LabelledSetException("Cannot read " + file + " (" + e.getMessage() + ").", e);
    }
    List<LabelledAnswer> answers = new ArrayList<>();
    int lineNumber = 0;
    for (String line : lines) {
      lineNumber++;
      if (!line.isBlank()) {
        String where = file + " line " + lineNumber;
        LabelledAnswer answer = parse(line, where, lineNumber);
        curriculum.ifPresent(c -> answer.check(c, where));
        answers.add(answer);
      }
    }
    if (answers.isEmpty()) {
      throw new LabelledSetException(
          file
              + " holds no labelled answers; each line should be a JSON object with an"
              + " \"answer\" and its \"expected\" concept ids.");
    }
    return answers;
  }

  private static LabelledAnswer parse(String line, String where, int lineNumber) {
    JsonNode node;
    try {
      node = JSON.readTree(line);
    } catch (IOException e) {
      node = null;
    }
    if (node == null || !node.isObject()) {
      throw new LabelledSetException(where + " is not a JSON object.");
    }
    JsonNode labels = node.get("expected");
    if (labels == null || !labels.isArray()) {
      throw new LabelledSetException(
          where + " has no \"expected\" list of the concept ids the answer covers.");
    }
    SortedSet<String> expected = new TreeSet<>();
    for (JsonNode label : labels) {
      if (!label.isTextual()) {
        throw new LabelledSetException(
            where + " has " + label + " in \"expected\", which holds only concept ids (strings).");
      }
      expected.add(label.asText());
    }
    JsonNode answer = node.get("answer");
    if (answer == null || !answer.isTextual()) {
      throw new LabelledSetException(where + " has no \"answer\" text.");
    }
    return new LabelledAnswer(
        node.path("id").asText("line-" + lineNumber),
        text(node, "prompt"),
        text(node, "section"),
        answer.asText(),
        expected);
  }

  /** Throws for the first prompt, section or concept id {@code curriculum} does not define. */
  private void check(Curriculum curriculum, String where) {
    if (prompt.isPresent() && curriculum.prompt(prompt.get()).isEmpty()) {
      throw new LabelledSetException(where + " names the unknown prompt '" + prompt.get() + "'.");
    }
    if (section.isPresent() && curriculum.section(section.get()).isEmpty()) {
      throw new LabelledSetException(where + " names the unknown section '" + section.get() + "'.");
    }
    List<String> unknown =
        expected.stream().filter(id -> curriculum.concept(id).isEmpty()).toList();
    if (!unknown.isEmpty()) {
      throw new LabelledSetException(
          where
              + " expects the unknown concept id"
              + (unknown.size() == 1 ? " " : "s ")
              + unknown.stream().map(id -> "'" + id + "'").collect(Collectors.joining(", "))
              + " (docs/formats.md lists the concept ids).");
    }
  }

  private static Optional<String> text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value.asText());
  }
}
