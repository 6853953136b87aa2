package coach.core.clarify;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One labelled clarifying question: {@code {"id", "prompt", "question", "topics": [...]}}, one a
 * line (the format of {@code src/test/resources/questions/*.jsonl}).
 */
public record LabelledQuestion(String id, String prompt, String question, Set<String> topics) {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Keeps the topics in the order the file lists them, so every report prints them alike. */
  public LabelledQuestion {
    topics = java.util.Collections.unmodifiableSet(new LinkedHashSet<>(topics));
  }

  /** A labelled file that cannot be used, with a one-sentence reason for people. */
  public static final class BadFileException extends Exception {
    public BadFileException(String message) {
      super(message);
    }
  }

  /**
   * Reads a labelled file. Fails with one sentence on an unreadable file, a line that is not a JSON
   * object, a missing or malformed {@code topics} or {@code question}, a topic id not in the
   * contract, or a file with no questions at all.
   */
  public static List<LabelledQuestion> read(Path file) throws BadFileException {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new BadFileException("cannot read " + file + ".");
    }
    List<LabelledQuestion> questions = new ArrayList<>();
    int number = 0;
    for (String line : lines) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      String where = file + " line " + number;
      JsonNode node;
      try {
        node = JSON.readTree(line);
      } catch (JsonProcessingException e) {
        throw new BadFileException(where + " is not JSON.");
      }
      if (node == null || !node.isObject()) {
        throw new BadFileException(where + " is not a JSON object.");
      }
      JsonNode question = node.get("question");
      if (question == null || !question.isTextual()) {
        throw new BadFileException(where + " has no \"question\" string.");
      }
      JsonNode labels = node.get("topics");
      if (labels == null) {
        throw new BadFileException(where + " has no \"topics\" key.");
      }
      if (!labels.isArray()) {
        throw new BadFileException(where + ": \"topics\" must be a list of topic ids.");
      }
      Set<String> topics = new LinkedHashSet<>();
      for (JsonNode label : labels) {
        if (!label.isTextual() || !TopicIds.ALL.contains(label.asText())) {
          throw new BadFileException(
              where
                  + " has an unknown topic id "
                  + label
                  + " (known: "
                  + String.join(", ", TopicIds.ALL)
                  + ").");
        }
        topics.add(label.asText());
      }
      JsonNode id = node.get("id");
      JsonNode prompt = node.get("prompt");
      questions.add(
          new LabelledQuestion(
              id == null || id.isNull() ? "line-" + number : id.asText(),
              prompt == null || prompt.isNull() ? "" : prompt.asText(),
              question.asText(),
              topics));
    }
    if (questions.isEmpty()) {
      throw new BadFileException(file + " has no labelled questions.");
    }
    return questions;
  }
}
