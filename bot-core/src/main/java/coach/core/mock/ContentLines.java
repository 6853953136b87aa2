package coach.core.mock;

/**
 * Folds iCalendar content lines at 75 octets of UTF-8, as RFC 5545 section 3.1 asks, never inside a
 * character. (biweekly folds at 75 characters, which is more than 75 octets once text has non-ASCII
 * letters.)
 */
final class ContentLines {

  static final int MAX_OCTETS = 75;
  private static final String CRLF = "\r\n";

  private ContentLines() {}

  /** The text, CRLF-separated unfolded lines, with every line folded to at most 75 octets. */
  static String fold(String unfolded) {
    StringBuilder out = new StringBuilder(unfolded.length() + 64);
    for (String line : unfolded.split(CRLF, -1)) {
      if (line.isEmpty()) {
        continue;
      }
      int octets = 0;
      for (int i = 0; i < line.length(); ) {
        int codePoint = line.codePointAt(i);
        int size = utf8Length(codePoint);
        if (octets + size > MAX_OCTETS) {
          out.append(CRLF).append(' ');
          octets = 1;
        }
        out.appendCodePoint(codePoint);
        octets += size;
        i += Character.charCount(codePoint);
      }
      out.append(CRLF);
    }
    return out.toString();
  }

  private static int utf8Length(int codePoint) {
    if (codePoint < 0x80) {
      return 1;
    }
    if (codePoint < 0x800) {
      return 2;
    }
    return codePoint < 0x10000 ? 3 : 4;
  }
}
