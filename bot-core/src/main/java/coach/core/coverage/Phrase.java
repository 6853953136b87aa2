package coach.core.coverage;

import java.util.List;
import java.util.regex.Pattern;

/**
 * A sequence of word tests that must match consecutive tokens: one alternative of a pattern group,
 * or a cue phrase.
 */
record Phrase(List<Element> elements) {

  /** One word test. */
  sealed interface Element permits Exact, Prefix, Regex, AnyNumber {
    boolean matches(Token token);
  }

  /** The same stem (both analysed alike, so the same word always has the same stem). */
  record Exact(String raw, String stem) implements Element {
    @Override
    public boolean matches(Token token) {
      return token.stem().equals(stem);
    }
  }

  /** A word starting with the prefix ({@code calibrat*}). */
  record Prefix(String prefix) implements Element {
    @Override
    public boolean matches(Token token) {
      return token.raw().startsWith(prefix) || token.stem().startsWith(prefix);
    }
  }

  /** A word matching a regular expression in full ({@code /\d+ms/}). */
  record Regex(Pattern regex) implements Element {
    @Override
    public boolean matches(Token token) {
      return regex.matcher(token.raw()).matches();
    }
  }

  /** Any number ({@code #num}). */
  record AnyNumber() implements Element {
    @Override
    public boolean matches(Token token) {
      return token.isNumber();
    }
  }

  int length() {
    return elements.size();
  }

  /** Whether the phrase matches the tokens starting at {@code start}. */
  boolean matchesAt(List<Token> tokens, int start) {
    if (start + elements.size() > tokens.size()) {
      return false;
    }
    for (int i = 0; i < elements.size(); i++) {
      if (!elements.get(i).matches(tokens.get(start + i))) {
        return false;
      }
    }
    return true;
  }
}
