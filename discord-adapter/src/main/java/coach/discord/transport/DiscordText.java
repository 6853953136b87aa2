package coach.discord.transport;

import java.util.ArrayList;
import java.util.List;

/** Cutting text to Discord's limits without breaking words or surrogate pairs when avoidable. */
public final class DiscordText {

  public static final String ELLIPSIS = "…";

  private DiscordText() {}

  /** {@code text} if it fits in {@code max} characters, else cut and ended with an ellipsis. */
  public static String truncate(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int cut = safeCut(text, Math.max(0, max - ELLIPSIS.length()));
    return text.substring(0, cut).stripTrailing() + ELLIPSIS;
  }

  /**
   * Splits {@code text} into pieces of at most {@code max} characters, preferring paragraph breaks,
   * then line breaks, then spaces, and cutting a word only when there is no other way.
   */
  public static List<String> split(String text, int max) {
    if (max < 2) {
      throw new IllegalArgumentException("max must be at least 2");
    }
    List<String> pieces = new ArrayList<>();
    String rest = text;
    while (rest.length() > max) {
      int cut = breakBefore(rest, max);
      String piece = rest.substring(0, cut).stripTrailing();
      if (!piece.isEmpty()) {
        pieces.add(piece);
      }
      rest = rest.substring(cut).stripLeading();
    }
    if (!rest.isBlank() || pieces.isEmpty()) {
      pieces.add(rest);
    }
    return pieces;
  }

  private static int breakBefore(String text, int max) {
    int floor = max / 2;
    for (String separator : new String[] {"\n\n", "\n", " "}) {
      int at = text.lastIndexOf(separator, max - separator.length());
      if (at >= floor) {
        return at + separator.length();
      }
    }
    return safeCut(text, max);
  }

  /** {@code at}, or one less when {@code at} would split a surrogate pair. */
  private static int safeCut(String text, int at) {
    if (at > 0 && at < text.length() && Character.isLowSurrogate(text.charAt(at))) {
      return at - 1;
    }
    return at;
  }
}
