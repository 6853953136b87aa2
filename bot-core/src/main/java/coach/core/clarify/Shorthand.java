package coach.core.clarify;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Spells out the shorthand a candidate types before the message is read: abbreviations ("hist tix
 * w/ queue", "how many yrs"), chat forms ("lemme") and acronyms ("ES rescoring?"), from the
 * lexicon's {@code shorthand:} table, so that the topic patterns only need the full words. A
 * lower-case entry matches in any case; an entry with a capital letter matches only as written
 * ("ES", never "es"). An equals sign between words reads "is" ("success = acceptance rate?").
 * Immutable; thread-safe.
 */
final class Shorthand {

  private static final Pattern EQUALS = Pattern.compile("(?<=\\w)\\s+=\\s+(?=\\w)");

  private final Pattern pattern;
  private final Map<String, String> anyCase = new HashMap<>();
  private final Map<String, String> asWritten = new HashMap<>();

  Shorthand(Map<String, String> table) {
    StringBuilder alternatives = new StringBuilder();
    List<String> keys =
        table.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
    for (String key : keys) {
      boolean exact = !key.equals(key.toLowerCase(Locale.ROOT));
      (exact ? asWritten : anyCase).put(exact ? key : key.toLowerCase(Locale.ROOT), table.get(key));
      if (alternatives.length() > 0) {
        alternatives.append('|');
      }
      alternatives.append(exact ? "" : "(?i:").append(Pattern.quote(key)).append(exact ? "" : ")");
      // a whole word: no letter, digit or apostrophe after it ("tix/day" reads "tix"), unless the
      // entry ends in a symbol ("w/queue")
      if (Character.isLetterOrDigit(key.charAt(key.length() - 1))) {
        alternatives.append("(?![\\w'])");
      }
    }
    this.pattern = keys.isEmpty() ? null : Pattern.compile("(?<![\\w'])(?:" + alternatives + ")");
  }

  /** The text with every shorthand spelled out. */
  String expand(String text) {
    String out = EQUALS.matcher(text).replaceAll(" is ");
    if (pattern == null) {
      return out;
    }
    Matcher matcher = pattern.matcher(out);
    StringBuilder expanded = new StringBuilder(out.length() + 16);
    while (matcher.find()) {
      String word = matcher.group();
      String full = asWritten.get(word);
      if (full == null) {
        full = anyCase.get(word.toLowerCase(Locale.ROOT));
      }
      if (full == null) {
        full = word;
      } else if (!Character.isLetterOrDigit(word.charAt(word.length() - 1))
          && matcher.end() < out.length()
          && Character.isLetterOrDigit(out.charAt(matcher.end()))) {
        // "w/queue" reads "with queue"
        full = full + " ";
      }
      matcher.appendReplacement(expanded, Matcher.quoteReplacement(full));
    }
    matcher.appendTail(expanded);
    return expanded.toString();
  }
}
