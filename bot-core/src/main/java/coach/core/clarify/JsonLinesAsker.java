package coach.core.clarify;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Optional;

/**
 * {@code coach ask}: JSON Lines in, JSON Lines out, per {@code docs/formats.md}. One output line
 * per input line, in order; a bad line gets an {@code error} line and the run goes on.
 */
public final class JsonLinesAsker {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Clarifier clarifier;
  private final Curriculum curriculum;

  public JsonLinesAsker(Clarifier clarifier, Curriculum curriculum) {
    this.clarifier = clarifier;
    this.curriculum = curriculum;
  }

  /** Answers every line of {@code in} to {@code out}; returns how many lines had errors. */
  public int ask(BufferedReader in, PrintStream out) throws IOException {
    int errors = 0;
    String line;
    while ((line = in.readLine()) != null) {
      if (line.isBlank()) {
        continue;
      }
      ObjectNode result = askLine(line);
      if (result.has("error")) {
        errors++;
      }
      out.println(JSON.writeValueAsString(result));
    }
    out.flush();
    return errors;
  }

  private ObjectNode askLine(String line) {
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
    JsonNode question = node.get("question");
    if (question == null || !question.isTextual()) {
      return result.put("error", "'question' must be a string");
    }
    JsonNode promptId = node.get("prompt");
    if (promptId == null || !promptId.isTextual()) {
      return result.put("error", "'prompt' must be a prompt id");
    }
    Optional<Prompt> prompt = curriculum.prompt(promptId.asText());
    if (prompt.isEmpty()) {
      return result.put("error", "unknown prompt '" + promptId.asText() + "'");
    }
    List<Clarification> replies = clarifier.answer(prompt.get(), question.asText());
    ArrayNode topics = result.putArray("topics");
    replies.forEach(r -> topics.add(r.topicId()));
    result.put("answer", say(replies));
    return result;
  }

  /** What the interviewer says: every part answered, in the order asked. */
  public static String say(List<Clarification> replies) {
    if (replies.isEmpty()) {
      return "I'm not sure which part of the problem that asks about. Ask about one thing, such as"
          + " volume, latency, labels or the data we have, or state your assumption and go on.";
    }
    StringBuilder out = new StringBuilder();
    for (Clarification reply : replies) {
      if (!out.isEmpty()) {
        out.append(' ');
      }
      String name = reply.topicName().toLowerCase(java.util.Locale.ROOT);
      if (reply.fact().isPresent()) {
        out.append(replies.size() > 1 ? "On " + name + ": " : "").append(reply.fact().get());
      } else {
        out.append("On ")
            .append(name)
            .append(": the brief doesn't pin that down, so state your assumption and go on.");
      }
    }
    return out.toString();
  }
}
