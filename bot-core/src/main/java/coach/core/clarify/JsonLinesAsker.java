package coach.core.clarify;

import coach.core.coverage.JsonLines;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import com.fasterxml.jackson.databind.JsonNode;
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

  private final Clarifier clarifier;
  private final Curriculum curriculum;

  public JsonLinesAsker(Clarifier clarifier, Curriculum curriculum) {
    this.clarifier = clarifier;
    this.curriculum = curriculum;
  }

  /** Answers every line of {@code in} to {@code out}; returns how many lines had errors. */
  public int ask(BufferedReader in, PrintStream out) throws IOException {
    return JsonLines.run(in, out, (node, result, number) -> askLine(node, result));
  }

  private ObjectNode askLine(JsonNode node, ObjectNode result) {
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
