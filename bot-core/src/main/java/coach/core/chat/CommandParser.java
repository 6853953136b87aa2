package coach.core.chat;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Tells command words from answers. A message is a command when, after an optional bot mention and
 * an optional leading {@code /}, it is a command word alone (plus one argument for {@code
 * practice}, or a short phrase naming a concept for {@code claim} and {@code contest}). Anything
 * else is an answer, except text starting with {@code /} that names no command, which is reported
 * as unknown rather than stored.
 */
public final class CommandParser {

  private static final Pattern LEADING_MENTION =
      Pattern.compile("^(<@[^>\\s]{1,64}>|@\\S{1,64})\\s+");
  private static final Pattern WHITESPACE = Pattern.compile("\\s+");

  private CommandParser() {}

  /** What a message turned out to be. */
  public sealed interface Parsed permits Parsed.Command, Parsed.Unknown, Parsed.Answer {
    /** A command word and its optional argument. */
    record Command(CommandWord word, Optional<String> argument) implements Parsed {}

    /** A {@code /word} that is no command. */
    record Unknown(String word) implements Parsed {}

    /** Plain text: an answer to the current question. */
    record Answer(String text) implements Parsed {}
  }

  /** Parses cleaned message text. */
  public static Parsed parse(String text) {
    String rest = LEADING_MENTION.matcher(text.strip()).replaceFirst("").strip();
    boolean slash = rest.startsWith("/");
    if (slash) {
      rest = rest.substring(1).strip();
    }
    if (rest.contains("\n")) {
      return new Parsed.Answer(text);
    }
    String[] tokens = rest.isEmpty() ? new String[0] : WHITESPACE.split(rest);
    if (tokens.length == 0) {
      return slash ? new Parsed.Unknown("/") : new Parsed.Answer(text);
    }
    String first = tokens.length == 1 ? trimPunctuation(tokens[0]) : tokens[0];
    Optional<CommandWord> word = CommandWord.of(first);
    if (word.isPresent()) {
      if (tokens.length == 1) {
        return new Parsed.Command(word.get(), Optional.empty());
      }
      if (word.get().takesPhrase() && tokens.length <= 1 + CommandWord.MAX_PHRASE_WORDS) {
        String argument = rest.substring(tokens[0].length()).strip().toLowerCase(Locale.ROOT);
        return new Parsed.Command(word.get(), Optional.of(argument));
      }
      if (tokens.length == 2 && word.get().takesArgument()) {
        return new Parsed.Command(word.get(), Optional.of(tokens[1].toLowerCase(Locale.ROOT)));
      }
      if (slash) {
        String argument = rest.substring(tokens[0].length()).strip().toLowerCase(Locale.ROOT);
        return new Parsed.Command(word.get(), Optional.of(argument));
      }
    }
    if (slash) {
      return new Parsed.Unknown(tokens[0].toLowerCase(Locale.ROOT));
    }
    return new Parsed.Answer(text);
  }

  private static String trimPunctuation(String token) {
    int end = token.length();
    while (end > 0 && ".!?".indexOf(token.charAt(end - 1)) >= 0) {
      end--;
    }
    return token.substring(0, end);
  }
}
