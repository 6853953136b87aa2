package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * Discord's documented rules for a message body, as the loopback fake enforces them on every
 * message it is asked to create or edit (a channel message, an interaction follow-up, an
 * interaction response's data) and as the renderer's tests check them. From the Discord developer
 * documentation: "Create Message" (content up to 2,000 characters; at least one of content, embeds,
 * components, files... or the request fails with 50006 "Cannot send an empty message"), "Embed
 * Limits" (title 256, description 4,096, 25 fields, field name 256, field value 1,024, footer
 * 2,048, author name 256, 6,000 characters across all embeds of a message), "Up to 10 rich embeds",
 * "Component Reference" (legacy messages: up to 5 action rows, up to 5 buttons a row, custom_id 1
 * to 100 characters and unique within the message, label at most 80 characters; a link button has a
 * url and no custom_id) and the error format of "Invalid Form Body" (50035), whose {@code errors}
 * object mirrors the body's shape with {@code _errors} lists at the offending fields. Lengths are
 * counted after trimming, in UTF-16 units, as JDA counts them.
 */
final class DiscordMessageRules {

  static final int MAX_CONTENT = 2000;
  static final int MAX_EMBEDS = 10;
  static final int MAX_EMBED_TOTAL = 6000;
  static final int MAX_TITLE = 256;
  static final int MAX_DESCRIPTION = 4096;
  static final int MAX_FIELDS = 25;
  static final int MAX_FIELD_NAME = 256;
  static final int MAX_FIELD_VALUE = 1024;
  static final int MAX_FOOTER = 2048;
  static final int MAX_AUTHOR_NAME = 256;
  static final int MAX_ROWS = 5;
  static final int MAX_BUTTONS_PER_ROW = 5;
  static final int MAX_CUSTOM_ID = 100;
  static final int MAX_LABEL = 80;
  static final int MAX_FILES = 10;

  private static final ObjectMapper JSON = new ObjectMapper();

  private DiscordMessageRules() {}

  /** A refusal as Discord words it: the HTTP status and the JSON body. */
  record Rejection(int status, ObjectNode body) {
    int code() {
      return body.path("code").asInt();
    }

    static Rejection of(int status, int code, String message) {
      ObjectNode body = JSON.createObjectNode().put("message", message).put("code", code);
      return new Rejection(status, body);
    }
  }

  /** Why Discord would refuse to create this message; empty when it accepts it. */
  static Optional<Rejection> checkNew(JsonNode body, int files) {
    Optional<Rejection> invalid = checkEdit(body, files);
    if (invalid.isPresent()) {
      return invalid;
    }
    boolean empty =
        body.path("content").asText("").isBlank()
            && body.path("embeds").isEmpty()
            && body.path("components").isEmpty()
            && body.path("sticker_ids").isEmpty()
            && !body.has("poll")
            && files == 0;
    return empty
        ? Optional.of(Rejection.of(400, 50006, "Cannot send an empty message"))
        : Optional.empty();
  }

  /**
   * Why Discord would refuse to edit a message to this body (the limits without the emptiness rule:
   * an edit may change one field only); empty when it accepts it.
   */
  static Optional<Rejection> checkEdit(JsonNode body, int files) {
    ObjectNode errors = JSON.createObjectNode();
    length(errors, body.path("content"), MAX_CONTENT, "content");
    embeds(errors, body.path("embeds"));
    components(errors, body.path("components"));
    if (files > MAX_FILES) {
      error(
          errors, "BASE_TYPE_MAX_LENGTH", "Must be " + MAX_FILES + " or fewer in length.", "files");
    }
    if (errors.isEmpty()) {
      return Optional.empty();
    }
    Rejection rejection = Rejection.of(400, 50035, "Invalid Form Body");
    rejection.body().set("errors", errors);
    return Optional.of(rejection);
  }

  private static void embeds(ObjectNode errors, JsonNode embeds) {
    if (embeds.size() > MAX_EMBEDS) {
      error(
          errors,
          "BASE_TYPE_MAX_LENGTH",
          "Must be " + MAX_EMBEDS + " or fewer in length.",
          "embeds");
    }
    int total = 0;
    for (int i = 0; i < embeds.size(); i++) {
      JsonNode embed = embeds.get(i);
      String at = String.valueOf(i);
      total += length(errors, embed.path("title"), MAX_TITLE, "embeds", at, "title");
      total +=
          length(errors, embed.path("description"), MAX_DESCRIPTION, "embeds", at, "description");
      total +=
          length(
              errors,
              embed.path("footer").path("text"),
              MAX_FOOTER,
              "embeds",
              at,
              "footer",
              "text");
      total +=
          length(
              errors,
              embed.path("author").path("name"),
              MAX_AUTHOR_NAME,
              "embeds",
              at,
              "author",
              "name");
      JsonNode fields = embed.path("fields");
      if (fields.size() > MAX_FIELDS) {
        error(
            errors,
            "BASE_TYPE_MAX_LENGTH",
            "Must be " + MAX_FIELDS + " or fewer in length.",
            "embeds",
            at,
            "fields");
      }
      for (int f = 0; f < fields.size(); f++) {
        String n = String.valueOf(f);
        total +=
            length(
                errors,
                fields.get(f).path("name"),
                MAX_FIELD_NAME,
                "embeds",
                at,
                "fields",
                n,
                "name");
        total +=
            length(
                errors,
                fields.get(f).path("value"),
                MAX_FIELD_VALUE,
                "embeds",
                at,
                "fields",
                n,
                "value");
      }
    }
    if (total > MAX_EMBED_TOTAL) {
      error(
          errors,
          "MAX_EMBED_SIZE_EXCEEDED",
          "Embed size exceeds maximum size of " + MAX_EMBED_TOTAL,
          "embeds");
    }
  }

  private static void components(ObjectNode errors, JsonNode rows) {
    if (rows.size() > MAX_ROWS) {
      error(
          errors,
          "BASE_TYPE_MAX_LENGTH",
          "Must be " + MAX_ROWS + " or fewer in length.",
          "components");
    }
    Set<String> customIds = new HashSet<>();
    for (int r = 0; r < rows.size(); r++) {
      JsonNode row = rows.get(r);
      String at = String.valueOf(r);
      if (row.path("type").asInt() != 1) {
        error(
            errors,
            "UNION_TYPE_CHOICES",
            "Value of field \"type\" must be one of (1,).",
            "components",
            at,
            "type");
        continue;
      }
      JsonNode buttons = row.path("components");
      if (buttons.isEmpty()) {
        error(
            errors,
            "BASE_TYPE_MIN_LENGTH",
            "Must be 1 or more in length.",
            "components",
            at,
            "components");
      } else if (buttons.size() > MAX_BUTTONS_PER_ROW) {
        error(
            errors,
            "BASE_TYPE_MAX_LENGTH",
            "Must be " + MAX_BUTTONS_PER_ROW + " or fewer in length.",
            "components",
            at,
            "components");
      }
      for (int b = 0; b < buttons.size(); b++) {
        String[] path = {"components", at, "components", String.valueOf(b)};
        if (buttons.get(b).path("type").asInt() == DiscordSelectRules.STRING_SELECT) {
          DiscordSelectRules.check(errors, buttons.get(b), buttons.size(), customIds, path);
        } else {
          button(errors, buttons.get(b), customIds, path);
        }
      }
    }
  }

  private static void button(
      ObjectNode errors, JsonNode button, Set<String> customIds, String... at) {
    length(errors, button.path("label"), MAX_LABEL, append(at, "label"));
    boolean link = button.path("style").asInt() == 5;
    JsonNode customId = button.path("custom_id");
    if (link) {
      if (!customId.isMissingNode() || !button.hasNonNull("url")) {
        error(
            errors,
            "BUTTON_COMPONENT_INVALID_LINK",
            "A link button needs a url and no custom_id.",
            at);
      }
      return;
    }
    customId(errors, customId, customIds, at);
  }

  /** A component's custom id: 1 to 100 characters, unique within the message. */
  static void customId(ObjectNode errors, JsonNode customId, Set<String> customIds, String... at) {
    String id = customId.asText("");
    if (id.isEmpty()) {
      error(errors, "BASE_TYPE_REQUIRED", "This field is required", append(at, "custom_id"));
    } else if (id.length() > MAX_CUSTOM_ID) {
      error(
          errors,
          "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and " + MAX_CUSTOM_ID + " in length.",
          append(at, "custom_id"));
    } else if (!customIds.add(id)) {
      error(
          errors,
          "COMPONENT_CUSTOM_ID_DUPLICATED",
          "Component custom id cannot be duplicated",
          append(at, "custom_id"));
    }
  }

  /** The trimmed length of a text field, with an error when it is over {@code max}. */
  static int length(ObjectNode errors, JsonNode text, int max, String... at) {
    int length = text.isTextual() ? text.asText().strip().length() : 0;
    if (length > max) {
      error(errors, "BASE_TYPE_MAX_LENGTH", "Must be " + max + " or fewer in length.", at);
    }
    return length;
  }

  /** Discord's 400 "Invalid Form Body" (50035) with {@code errors} built by {@link #error}. */
  static Rejection invalidFormBody(ObjectNode errors) {
    Rejection rejection = Rejection.of(400, 50035, "Invalid Form Body");
    rejection.body().set("errors", errors);
    return rejection;
  }

  /** Adds an error at the path {@code at} of an {@code errors} object. */
  static void error(ObjectNode errors, String code, String message, String... at) {
    ObjectNode node = errors;
    for (String key : at) {
      node = node.has(key) ? (ObjectNode) node.get(key) : node.putObject(key);
    }
    ArrayNode list =
        node.has("_errors") ? (ArrayNode) node.get("_errors") : node.putArray("_errors");
    list.addObject().put("code", code).put("message", message);
  }

  static String[] append(String[] path, String key) {
    String[] out = Arrays.copyOf(path, path.length + 1);
    out[path.length] = key;
    return out;
  }
}
