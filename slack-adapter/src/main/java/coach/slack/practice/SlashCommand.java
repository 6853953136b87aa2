package coach.slack.practice;

import coach.core.chat.CommandWord;
import coach.slack.transport.SlackText;
import java.util.Optional;

/**
 * A parsed {@code /coach} text: {@code /coach practice fraud-checkout} is the word {@code practice}
 * with the argument {@code fraud-checkout}; an empty text means {@code help}.
 */
record SlashCommand(CommandWord word, Optional<String> argument) {

  /** The text after {@code /coach} as the same command typed in a DM ("help" for none). */
  static String asTyped(String text) {
    String stripped = text == null ? "" : SlackText.unescape(text).strip();
    if (stripped.startsWith("/")) {
      stripped = stripped.substring(1);
    }
    return stripped.isEmpty() ? "help" : stripped;
  }

  /** Parses the text after {@code /coach}; empty when the first word is no command. */
  static Optional<SlashCommand> parse(String text) {
    String stripped = text == null ? "" : SlackText.unescape(text).strip();
    if (stripped.isEmpty()) {
      return Optional.of(new SlashCommand(CommandWord.HELP, Optional.empty()));
    }
    String[] parts = stripped.split("\\s+", 2);
    String first = parts[0].startsWith("/") ? parts[0].substring(1) : parts[0];
    Optional<String> argument = parts.length > 1 ? Optional.of(parts[1].strip()) : Optional.empty();
    return CommandWord.of(first)
        .filter(word -> word.takesArgument() || argument.isEmpty())
        .map(word -> new SlashCommand(word, argument));
  }
}
