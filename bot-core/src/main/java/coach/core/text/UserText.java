package coach.core.text;

import java.text.Normalizer;

/**
 * Cleans text that users send before anything else sees it: line endings unified, control
 * characters and lone surrogates removed, Unicode normalised (NFC), surrounding blanks trimmed, and
 * the length capped at {@link #MAX_CHARS}. Emoji and right-to-left text pass through.
 */
public final class UserText {

  /**
   * Longest text kept, in characters. Longer text is cut here and the user is told; chat platforms
   * cap messages well below this (Slack 40,000, Discord 4,000).
   */
  public static final int MAX_CHARS = 100_000;

  private UserText() {}

  /** The cleaned text, and whether it had to be cut. */
  public record Cleaned(String text, boolean truncated, int originalLength) {
    public boolean isEmpty() {
      return text.isEmpty();
    }
  }

  /** Cleans {@code raw}; {@code null} counts as empty. Never throws. */
  public static Cleaned clean(String raw) {
    if (raw == null) {
      return new Cleaned("", false, 0);
    }
    int originalLength = raw.length();
    StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX_CHARS + 16));
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '\r') {
        out.append('\n');
        if (i + 1 < raw.length() && raw.charAt(i + 1) == '\n') {
          i++;
        }
      } else if (c == '\n' || c == '\t') {
        out.append(c);
      } else if (Character.isISOControl(c)) {
        // dropped: NUL, escape sequences, bells, C1 controls
      } else if (Character.isHighSurrogate(c)) {
        if (i + 1 < raw.length() && Character.isLowSurrogate(raw.charAt(i + 1))) {
          out.append(c).append(raw.charAt(++i));
        }
      } else if (!Character.isLowSurrogate(c)) {
        out.append(c);
      }
    }
    String text = Normalizer.normalize(out, Normalizer.Form.NFC).strip();
    boolean truncated = false;
    if (text.length() > MAX_CHARS) {
      int end = MAX_CHARS;
      if (Character.isHighSurrogate(text.charAt(end - 1))) {
        end--;
      }
      text = text.substring(0, end).strip();
      truncated = true;
    }
    return new Cleaned(text, truncated, originalLength);
  }

  /** Number of words, for short acknowledgements ("42 words"). */
  public static int wordCount(String text) {
    String stripped = text.strip();
    return stripped.isEmpty() ? 0 : stripped.split("\\s+").length;
  }
}
