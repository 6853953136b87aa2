package coach.core.coverage;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;

/**
 * The JSON Lines loop of {@code coach grade} and {@code coach ask}: reads each non-blank line as a
 * JSON object, copies its {@code id} (a scalar, as text; null otherwise) into the result, lets a
 * {@link LineHandler} fill in the rest, and prints one result line per input line, in order. A line
 * that is not a JSON object, or that the handler marks with an {@code error}, gets an error line
 * and the run goes on.
 */
public final class JsonLines {

  private static final ObjectMapper JSON = new ObjectMapper();

  private JsonLines() {}

  /** Fills in the result for one input line that is a JSON object. */
  @FunctionalInterface
  public interface LineHandler {
    /**
     * Returns {@code result} (already holding {@code id}) with the answer, or with an {@code error}
     * field for a bad line; {@code number} counts input lines from 1, blank ones included.
     */
    ObjectNode handle(JsonNode node, ObjectNode result, int number);
  }

  /** Runs every line of {@code in} to {@code out}; returns how many lines had errors. */
  public static int run(BufferedReader in, PrintStream out, LineHandler handler)
      throws IOException {
    int errors = 0;
    int number = 0;
    String line;
    while ((line = in.readLine()) != null) {
      number++;
      if (line.isBlank()) {
        continue;
      }
      ObjectNode result = runLine(line, number, handler);
      if (result.has("error")) {
        errors++;
      }
      out.println(JSON.writeValueAsString(result));
    }
    out.flush();
    return errors;
  }

  private static ObjectNode runLine(String line, int number, LineHandler handler) {
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
    return handler.handle(node, result, number);
  }
}
