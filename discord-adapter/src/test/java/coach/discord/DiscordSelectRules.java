package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Discord's documented rules for a string select menu in a message ("Component Reference", String
 * Select): it fills its action row alone; it has 1 to 25 options, each with a label and a value of
 * 1 to 100 characters and a description of at most 100; {@code min_values} is 0 to 25, {@code
 * max_values} 1 to 25, not below {@code min_values} nor above the number of options; the
 * placeholder has at most 150 characters; its custom id follows the rules of every component's.
 */
final class DiscordSelectRules {

  static final int STRING_SELECT = 3;
  static final int MAX_OPTIONS = 25;
  static final int MAX_OPTION_TEXT = 100;
  static final int MAX_PLACEHOLDER = 150;

  private DiscordSelectRules() {}

  /** Adds to {@code errors} what is wrong with {@code menu}, one of {@code inRow} in its row. */
  static void check(
      ObjectNode errors, JsonNode menu, int inRow, Set<String> customIds, String... at) {
    if (inRow > 1) {
      DiscordMessageRules.error(
          errors,
          "COMPONENT_LAYOUT_WIDTH_EXCEEDED",
          "The specified component exceeds the maximum width",
          at);
    }
    DiscordMessageRules.customId(errors, menu.path("custom_id"), customIds, at);
    DiscordMessageRules.length(
        errors,
        menu.path("placeholder"),
        MAX_PLACEHOLDER,
        DiscordMessageRules.append(at, "placeholder"));
    JsonNode options = menu.path("options");
    String[] optionsAt = DiscordMessageRules.append(at, "options");
    if (options.isEmpty() || options.size() > MAX_OPTIONS) {
      DiscordMessageRules.error(
          errors,
          "BASE_TYPE_BAD_LENGTH",
          "Must be between 1 and " + MAX_OPTIONS + " in length.",
          optionsAt);
    }
    for (int i = 0; i < options.size(); i++) {
      String[] optionAt = DiscordMessageRules.append(optionsAt, String.valueOf(i));
      for (String field : new String[] {"label", "value"}) {
        int length = options.get(i).path(field).asText("").length();
        if (length < 1 || length > MAX_OPTION_TEXT) {
          DiscordMessageRules.error(
              errors,
              "BASE_TYPE_BAD_LENGTH",
              "Must be between 1 and " + MAX_OPTION_TEXT + " in length.",
              DiscordMessageRules.append(optionAt, field));
        }
      }
      DiscordMessageRules.length(
          errors,
          options.get(i).path("description"),
          MAX_OPTION_TEXT,
          DiscordMessageRules.append(optionAt, "description"));
    }
    int min = menu.path("min_values").asInt(1);
    int max = menu.path("max_values").asInt(1);
    if (min < 0 || min > MAX_OPTIONS) {
      DiscordMessageRules.error(
          errors,
          "NUMBER_TYPE_MAX",
          "int value should be between 0 and " + MAX_OPTIONS + ".",
          DiscordMessageRules.append(at, "min_values"));
    }
    if (max < 1 || max > MAX_OPTIONS || max < min || max > options.size()) {
      DiscordMessageRules.error(
          errors,
          "SELECT_COMPONENT_TOO_MANY_SELECTED",
          "max_values must be between min_values and the number of options.",
          DiscordMessageRules.append(at, "max_values"));
    }
  }
}
