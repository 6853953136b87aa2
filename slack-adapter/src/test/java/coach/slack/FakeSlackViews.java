package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * What Slack checks in {@code views.open} (docs.slack.dev reference/methods/views.open,
 * reference/views/modal-views, reference/block-kit/blocks/input-block and the elements' pages): a
 * trigger id; a view of type {@code modal} with a plain_text title and submit of 1 to 24 characters
 * (submit is required with input blocks); {@code callback_id} up to 255 and {@code
 * private_metadata} up to 3000 characters; at most 100 blocks. Input blocks need a block id, a
 * plain_text label (up to 2000) and an element the fake knows (timepicker, datepicker,
 * plain_text_input, checkboxes) with an action id; checkboxes hold 1 to 10 options, each with text
 * up to 75 and a value up to 150 characters, and {@code initial_options} must be among them; a
 * plain_text_input's {@code max_length} is at most 3000 and its {@code initial_value} fits in it.
 * Other blocks follow the message rules ({@link SlackMessageRules#blocks}). Slack answers {@code
 * invalid_trigger_id} or {@code invalid_arguments}, explained in {@code response_metadata}.
 */
final class FakeSlackViews {

  static final int MAX_TITLE = 24;
  static final int MAX_CALLBACK_ID = 255;
  static final int MAX_PRIVATE_METADATA = 3000;
  static final int MAX_LABEL = 2000;
  static final int MAX_OPTIONS = 10;
  static final int MAX_OPTION_TEXT = 75;
  static final int MAX_OPTION_VALUE = 150;
  static final int MAX_INPUT_LENGTH = 3000;

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> ELEMENTS =
      Set.of("timepicker", "datepicker", "plain_text_input", "checkboxes");

  private FakeSlackViews() {}

  /** Why Slack would refuse {@code views.open} with these parameters; empty when it would not. */
  static Optional<SlackMessageRules.Refusal> open(Map<String, String> params) {
    if (params.getOrDefault("trigger_id", "").isBlank()) {
      return refuse("invalid_trigger_id", List.of("[ERROR] missing trigger_id"));
    }
    JsonNode view;
    try {
      view = JSON.readTree(params.getOrDefault("view", ""));
    } catch (Exception e) {
      view = null;
    }
    if (view == null || !view.isObject()) {
      return refuse("invalid_arguments", List.of("[ERROR] view must be a JSON object"));
    }
    List<String> errors = new ArrayList<>();
    if (!view.path("type").asText().equals("modal")) {
      errors.add("[ERROR] must be modal [json-pointer:/view/type]");
    }
    JsonNode blocks = view.path("blocks");
    boolean inputs = false;
    if (!blocks.isArray()) {
      errors.add("[ERROR] missing required field: blocks [json-pointer:/view/blocks]");
    } else {
      if (blocks.size() > SlackMessageRules.MAX_VIEW_BLOCKS) {
        errors.add("[ERROR] no more than 100 items allowed [json-pointer:/view/blocks]");
      }
      for (int i = 0; i < blocks.size(); i++) {
        JsonNode block = blocks.get(i);
        String at = "/view/blocks/" + i;
        if (block.path("type").asText().equals("input")) {
          inputs = true;
          input(block, at, errors);
        } else {
          for (String error : SlackMessageRules.blocks(JSON.createArrayNode().add(block), 1)) {
            errors.add(error.replace("/blocks/0", at));
          }
        }
      }
      errors.addAll(duplicateIds(blocks));
    }
    shortText(view.path("title"), "/view/title", true, errors);
    shortText(view.path("submit"), "/view/submit", inputs, errors);
    if (view.has("close")) {
      shortText(view.path("close"), "/view/close", true, errors);
    }
    tooLong(view.path("callback_id").asText(""), MAX_CALLBACK_ID, "/view/callback_id", errors);
    tooLong(
        view.path("private_metadata").asText(""),
        MAX_PRIVATE_METADATA,
        "/view/private_metadata",
        errors);
    return errors.isEmpty() ? Optional.empty() : refuse("invalid_arguments", errors);
  }

  private static void input(JsonNode block, String at, List<String> errors) {
    if (block.path("block_id").asText("").isEmpty()) {
      errors.add("[ERROR] missing required field: block_id [json-pointer:" + at + "]");
    }
    JsonNode label = block.path("label");
    if (!label.path("type").asText().equals("plain_text")
        || label.path("text").asText("").isEmpty()) {
      errors.add("[ERROR] label must be plain_text of 1 or more characters [json-pointer:" + at);
    }
    tooLong(label.path("text").asText(""), MAX_LABEL, at + "/label/text", errors);
    if (block.has("hint")) {
      tooLong(block.path("hint").path("text").asText(""), MAX_LABEL, at + "/hint/text", errors);
    }
    JsonNode element = block.path("element");
    String type = element.path("type").asText();
    if (!ELEMENTS.contains(type)) {
      errors.add("[ERROR] unsupported element type [json-pointer:" + at + "/element/type]");
    }
    if (element.path("action_id").asText("").isEmpty()) {
      errors.add("[ERROR] missing required field: action_id [json-pointer:" + at + "/element]");
    }
    if (type.equals("checkboxes")) {
      checkboxes(element, at + "/element", errors);
    } else if (type.equals("plain_text_input")) {
      int max = element.path("max_length").asInt(MAX_INPUT_LENGTH);
      if (max > MAX_INPUT_LENGTH || max < 1) {
        errors.add("[ERROR] max_length must be 1 to 3000 [json-pointer:" + at + "/element]");
      }
      tooLong(element.path("initial_value").asText(""), max, at + "/element/initial_value", errors);
    }
  }

  private static void checkboxes(JsonNode element, String at, List<String> errors) {
    JsonNode options = element.path("options");
    if (!options.isArray() || options.isEmpty() || options.size() > MAX_OPTIONS) {
      errors.add("[ERROR] must have 1 to " + MAX_OPTIONS + " items [json-pointer:" + at + "]");
      return;
    }
    Set<String> values = new HashSet<>();
    for (int o = 0; o < options.size(); o++) {
      JsonNode option = options.get(o);
      String text = option.path("text").path("text").asText("");
      if (text.isEmpty()) {
        errors.add("[ERROR] option text is required [json-pointer:" + at + "/options/" + o + "]");
      }
      tooLong(text, MAX_OPTION_TEXT, at + "/options/" + o + "/text", errors);
      String value = option.path("value").asText("");
      tooLong(value, MAX_OPTION_VALUE, at + "/options/" + o + "/value", errors);
      if (!values.add(value)) {
        errors.add("[ERROR] duplicate option value [json-pointer:" + at + "/options/" + o + "]");
      }
    }
    JsonNode initial = element.path("initial_options");
    if (element.has("initial_options")
        && (!initial.isArray() || initial.isEmpty() || !allIn(initial, options))) {
      errors.add(
          "[ERROR] initial_options must be among the options [json-pointer:"
              + at
              + "/initial_options]");
    }
  }

  private static boolean allIn(JsonNode initial, JsonNode options) {
    for (JsonNode chosen : initial) {
      boolean found = false;
      for (JsonNode option : options) {
        found |= option.equals(chosen);
      }
      if (!found) {
        return false;
      }
    }
    return true;
  }

  private static List<String> duplicateIds(JsonNode blocks) {
    List<String> errors = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (JsonNode block : blocks) {
      String id = block.path("block_id").asText("");
      if (!id.isEmpty() && !ids.add(id)) {
        errors.add("[ERROR] duplicate block_id " + id + " [json-pointer:/view/blocks]");
      }
    }
    return errors;
  }

  private static void shortText(JsonNode text, String at, boolean required, List<String> out) {
    if (text.isMissingNode() && !required) {
      return;
    }
    String value = text.path("text").asText("");
    if (!text.path("type").asText().equals("plain_text")
        || value.isEmpty()
        || value.length() > MAX_TITLE) {
      out.add(
          "[ERROR] must be plain_text of 1 to "
              + MAX_TITLE
              + " characters [json-pointer:"
              + at
              + "]");
    }
  }

  private static void tooLong(String text, int max, String at, List<String> out) {
    if (text.codePointCount(0, text.length()) > max) {
      out.add("[ERROR] must be less than " + (max + 1) + " characters [json-pointer:" + at + "]");
    }
  }

  private static Optional<SlackMessageRules.Refusal> refuse(String error, List<String> messages) {
    return Optional.of(new SlackMessageRules.Refusal(error, messages));
  }
}
