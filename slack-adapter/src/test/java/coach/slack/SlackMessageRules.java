package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What Slack checks in a message or view before it accepts it, from Slack's documented limits
 * (docs.slack.dev, reference/block-kit and reference/methods): the fake's payload validation, and
 * which text would notify someone. Every refusal names the documented error code and, like Slack,
 * explains itself in {@code response_metadata.messages} with a JSON pointer.
 */
final class SlackMessageRules {

  /** Longer {@code text} is refused (older docs: msg_too_long; newer: truncated). */
  static final int MAX_TEXT = 40_000;

  static final int MAX_MESSAGE_BLOCKS = 50;
  static final int MAX_VIEW_BLOCKS = 100;
  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_FIELDS = 10;
  static final int MAX_FIELD_TEXT = 2000;
  static final int MAX_HEADER_TEXT = 150;
  static final int MAX_ACTIONS_ELEMENTS = 25;
  static final int MAX_CONTEXT_ELEMENTS = 10;
  static final int MAX_BUTTON_TEXT = 75;
  static final int MAX_BUTTON_VALUE = 2000;
  static final int MAX_BUTTON_URL = 3000;
  static final int MAX_ID = 255;

  private static final ObjectMapper JSON = new ObjectMapper();

  /** Mention syntax Slack always turns into a notification. */
  private static final Pattern EXPLICIT =
      Pattern.compile(
          "<(!here|!channel|!everyone|@[UW][A-Z0-9]+|!subteam\\^[A-Z0-9]+)(\\|[^>]*)?>");

  /** Words Slack's automatic parsing turns into {@code <!here>} and the like. */
  private static final Pattern BARE = Pattern.compile("(?<![\\w@<&])@(here|channel|everyone)\\b");

  /** A refused request: the documented error and Slack-style explanations. */
  record Refusal(String error, List<String> messages) {}

  private SlackMessageRules() {}

  /** {@code chat.postMessage} and {@code chat.postEphemeral}: text and blocks. */
  static Optional<Refusal> message(Map<String, String> params) {
    String text = params.getOrDefault("text", "");
    String blocks = params.getOrDefault("blocks", "");
    if (text.isEmpty() && blocks.isEmpty() && params.getOrDefault("attachments", "").isEmpty()) {
      return refuse("no_text", "[ERROR] text, blocks or attachments is required");
    }
    if (text.length() > MAX_TEXT) {
      return refuse(
          "msg_too_long",
          "[ERROR] must be at most " + MAX_TEXT + " characters [json-pointer:/text]");
    }
    if (blocks.isEmpty()) {
      return Optional.empty();
    }
    JsonNode array = parse(blocks);
    if (array == null || !array.isArray()) {
      return refuse("invalid_blocks_format", "[ERROR] blocks must be a JSON array");
    }
    List<String> errors = blocks(array, MAX_MESSAGE_BLOCKS);
    return errors.isEmpty() ? Optional.empty() : Optional.of(new Refusal("invalid_blocks", errors));
  }

  /** {@code views.publish}: a Home tab view; Slack reports view errors as invalid_arguments. */
  static Optional<Refusal> view(String view) {
    JsonNode node = parse(view);
    if (node == null || !node.isObject()) {
      return refuse("invalid_arguments", "[ERROR] view must be a JSON object [json-pointer:/view]");
    }
    if (!node.path("type").asText().equals("home")) {
      return refuse("invalid_arguments", "[ERROR] must be home [json-pointer:/view/type]");
    }
    if (!node.path("blocks").isArray()) {
      return refuse("invalid_arguments", "[ERROR] missing required field: blocks");
    }
    List<String> errors = blocks(node.path("blocks"), MAX_VIEW_BLOCKS);
    return errors.isEmpty()
        ? Optional.empty()
        : Optional.of(new Refusal("invalid_arguments", errors));
  }

  /** Block Kit rules for one message or view; empty when every block is valid. */
  static List<String> blocks(JsonNode blocks, int maxBlocks) {
    List<String> errors = new ArrayList<>();
    if (blocks.size() > maxBlocks) {
      errors.add("[ERROR] no more than " + maxBlocks + " items allowed [json-pointer:/blocks]");
    }
    Set<String> blockIds = new HashSet<>();
    Set<String> actionIds = new HashSet<>();
    for (int i = 0; i < blocks.size(); i++) {
      JsonNode block = blocks.get(i);
      String at = "/blocks/" + i;
      String blockId = block.path("block_id").asText("");
      if (blockId.length() > MAX_ID) {
        errors.add(tooLong(MAX_ID, at + "/block_id"));
      }
      if (!blockId.isEmpty() && !blockIds.add(blockId)) {
        errors.add("[ERROR] duplicate block_id " + blockId + " [json-pointer:" + at + "]");
      }
      switch (block.path("type").asText()) {
        case "section" -> section(block, at, actionIds, errors);
        case "header" -> text(block.path("text"), true, MAX_HEADER_TEXT, at + "/text", errors);
        case "actions" -> {
          JsonNode elements = block.path("elements");
          if (!elements.isArray() || elements.isEmpty()) {
            errors.add("[ERROR] missing required field: elements [json-pointer:" + at + "]");
          } else if (elements.size() > MAX_ACTIONS_ELEMENTS) {
            errors.add(tooMany(MAX_ACTIONS_ELEMENTS, at + "/elements"));
          }
          for (int e = 0; e < elements.size(); e++) {
            element(elements.get(e), at + "/elements/" + e, actionIds, errors);
          }
        }
        case "context" -> {
          JsonNode elements = block.path("elements");
          if (!elements.isArray() || elements.isEmpty()) {
            errors.add("[ERROR] missing required field: elements [json-pointer:" + at + "]");
          } else if (elements.size() > MAX_CONTEXT_ELEMENTS) {
            errors.add(tooMany(MAX_CONTEXT_ELEMENTS, at + "/elements"));
          }
          for (int e = 0; e < elements.size(); e++) {
            if (!elements.get(e).path("type").asText().equals("image")) {
              text(elements.get(e), false, MAX_SECTION_TEXT, at + "/elements/" + e, errors);
            }
          }
        }
        case "divider" -> {}
        default ->
            errors.add(
                "[ERROR] unsupported block type "
                    + block.path("type")
                    + " [json-pointer:"
                    + at
                    + "/type]");
      }
    }
    return errors;
  }

  private static void section(JsonNode block, String at, Set<String> actionIds, List<String> out) {
    boolean hasText = block.has("text");
    JsonNode fields = block.path("fields");
    if (!hasText && !fields.isArray()) {
      out.add("[ERROR] must provide text or fields [json-pointer:" + at + "]");
    }
    if (hasText) {
      text(block.path("text"), false, MAX_SECTION_TEXT, at + "/text", out);
    }
    if (fields.isArray()) {
      if (fields.isEmpty() || fields.size() > MAX_FIELDS) {
        out.add(tooMany(MAX_FIELDS, at + "/fields"));
      }
      for (int f = 0; f < fields.size(); f++) {
        text(fields.get(f), false, MAX_FIELD_TEXT, at + "/fields/" + f, out);
      }
    }
    if (block.has("accessory")) {
      element(block.path("accessory"), at + "/accessory", actionIds, out);
    }
  }

  private static void element(
      JsonNode element, String at, Set<String> actionIds, List<String> out) {
    if (!element.path("type").asText().equals("button")) {
      out.add("[ERROR] unsupported element type [json-pointer:" + at + "/type]");
      return;
    }
    text(element.path("text"), true, MAX_BUTTON_TEXT, at + "/text", out);
    String actionId = element.path("action_id").asText("");
    if (actionId.length() > MAX_ID) {
      out.add(tooLong(MAX_ID, at + "/action_id"));
    }
    if (!actionId.isEmpty() && !actionIds.add(actionId)) {
      out.add("[ERROR] duplicate action_id " + actionId + " [json-pointer:" + at + "/action_id]");
    }
    if (element.path("value").asText("").length() > MAX_BUTTON_VALUE) {
      out.add(tooLong(MAX_BUTTON_VALUE, at + "/value"));
    }
    if (element.path("url").asText("").length() > MAX_BUTTON_URL) {
      out.add(tooLong(MAX_BUTTON_URL, at + "/url"));
    }
  }

  /** A text object: plain_text or mrkdwn (plain_text only where Slack says so), 1..max chars. */
  private static void text(
      JsonNode object, boolean plainOnly, int max, String at, List<String> out) {
    String type = object.path("type").asText();
    if (!(type.equals("plain_text") || (!plainOnly && type.equals("mrkdwn")))) {
      out.add(
          "[ERROR] must be "
              + (plainOnly ? "plain_text" : "plain_text or mrkdwn")
              + " [json-pointer:"
              + at
              + "/type]");
    }
    String text = object.path("text").asText("");
    if (text.isEmpty()) {
      out.add("[ERROR] must be at least 1 character [json-pointer:" + at + "/text]");
    } else if (text.codePointCount(0, text.length()) > max) {
      out.add(tooLong(max, at + "/text"));
    }
  }

  /**
   * The notifications a message would send, as Slack parses it: explicit mention syntax ({@code
   * <!here>}, {@code <@U1>}, {@code <!subteam^S1>}) anywhere it is parsed; bare {@code @here},
   * {@code @channel} and {@code @everyone} in the top-level text only with {@code link_names} (or
   * {@code parse=full}), and in mrkdwn text objects unless they set {@code verbatim: true} (Slack's
   * automatic parsing is on by default there). plain_text is never parsed.
   */
  static List<String> pings(Map<String, String> params) {
    List<String> found = new ArrayList<>();
    boolean findNames =
        truthy(params.get("link_names")) || "full".equals(params.getOrDefault("parse", ""));
    if (!"false".equals(params.get("mrkdwn"))) {
      collect(params.getOrDefault("text", ""), findNames, found);
    }
    JsonNode blocks = parse(params.getOrDefault("blocks", ""));
    if (blocks != null) {
      for (JsonNode object : blocks.findParents("type")) {
        if (object.path("type").asText().equals("mrkdwn") && object.path("text").isTextual()) {
          collect(object.path("text").asText(), !object.path("verbatim").asBoolean(false), found);
        }
      }
    }
    return found;
  }

  private static void collect(String text, boolean findNames, List<String> out) {
    Matcher explicit = EXPLICIT.matcher(text);
    while (explicit.find()) {
      out.add(explicit.group());
    }
    if (findNames) {
      Matcher bare = BARE.matcher(text);
      while (bare.find()) {
        out.add(bare.group());
      }
    }
  }

  private static boolean truthy(String value) {
    return value != null && (value.equals("1") || value.equalsIgnoreCase("true"));
  }

  private static JsonNode parse(String json) {
    if (json == null || json.isBlank()) {
      return null;
    }
    try {
      return JSON.readTree(json);
    } catch (Exception e) {
      return null;
    }
  }

  private static String tooLong(int max, String at) {
    return "[ERROR] must be less than " + (max + 1) + " characters [json-pointer:" + at + "]";
  }

  private static String tooMany(int max, String at) {
    return "[ERROR] must have 1 to " + max + " items [json-pointer:" + at + "]";
  }

  private static Optional<Refusal> refuse(String error, String message) {
    return Optional.of(new Refusal(error, List.of(message)));
  }
}
