package coach.slack.transport;

import java.util.ArrayList;
import java.util.List;

/**
 * Slack's text rules: escaping for mrkdwn and fallback text, and cutting text to Slack's limits at
 * line or word boundaries. Escaped text can never ping: {@code <!channel>} becomes {@code
 * &lt;!channel&gt;}.
 */
public final class SlackText {
  private SlackText() {}

  /** Escapes the three characters Slack treats as control characters in mrkdwn and {@code text}. */
  public static String escape(String raw) {
    StringBuilder out = new StringBuilder(raw.length() + 16);
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      switch (c) {
        case '&':
          out.append("&amp;");
          break;
        case '<':
          out.append("&lt;");
          break;
        case '>':
          out.append("&gt;");
          break;
        default:
          out.append(c);
      }
    }
    return out.toString();
  }

  /** Reverses {@link #escape}: Slack sends user text escaped the same way. */
  public static String unescape(String escaped) {
    return escaped.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&");
  }

  /** Cuts text to at most {@code max} characters, ending with an ellipsis when it was longer. */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = max - 1;
    if (Character.isHighSurrogate(text.charAt(cut - 1))) {
      cut--;
    }
    return text.substring(0, cut) + "…";
  }

  /**
   * Splits already escaped text into pieces of at most {@code limit} characters, preferring line
   * breaks, then spaces, and never cutting an entity such as {@code &amp;} or a surrogate pair.
   */
  public static List<String> split(String escaped, int limit) {
    List<String> pieces = new ArrayList<>();
    String rest = escaped;
    while (rest.length() > limit) {
      int cut = rest.lastIndexOf('\n', limit);
      if (cut < limit / 2) {
        cut = rest.lastIndexOf(' ', limit);
      }
      if (cut < limit / 2) {
        cut = limit;
        int amp = rest.lastIndexOf('&', cut - 1);
        if (amp >= 0 && amp > cut - 5 && rest.indexOf(';', amp) >= cut) {
          cut = amp;
        }
        if (Character.isHighSurrogate(rest.charAt(cut - 1))) {
          cut--;
        }
        pieces.add(rest.substring(0, cut));
        rest = rest.substring(cut);
      } else {
        pieces.add(rest.substring(0, cut));
        rest = rest.substring(cut + 1);
      }
    }
    if (!rest.isEmpty() || pieces.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  /** Whether {@code s} is null or only white space. */
  public static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  /** The first candidate that is not blank, or null. */
  public static String first(String... candidates) {
    for (String candidate : candidates) {
      if (!isBlank(candidate)) {
        return candidate;
      }
    }
    return null;
  }
}
