package coach.core.coverage;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A sequence of word tests that must match consecutive tokens: one alternative of a pattern group,
 * or a cue phrase.
 */
public record Phrase(List<Element> elements) {

  /** One word test. */
  public sealed interface Element permits Exact, Literal, Prefix, Regex, AnyNumber, AnyWord {
    boolean matches(Token token);
  }

  /** The same stem (both analysed alike, so the same word always has the same stem). */
  public record Exact(String raw, String stem) implements Element {
    @Override
    public boolean matches(Token token) {
      return token.stem().equals(stem);
    }
  }

  /** A word starting with the prefix ({@code calibrat*}). */
  public record Prefix(String prefix) implements Element {
    @Override
    public boolean matches(Token token) {
      return token.raw().startsWith(prefix) || token.stem().startsWith(prefix);
    }
  }

  /**
   * Exactly this lowercase word, not stemmed ({@code /^logs$/}, which must not match "log"). The
   * compiler turns a regular expression that is only an anchored word into this.
   */
  public record Literal(String raw) implements Element {
    @Override
    public boolean matches(Token token) {
      return token.raw().equals(raw);
    }
  }

  /**
   * A word matching a regular expression in full ({@code /\d+ms/}). Thread-safe: each thread reuses
   * its own matcher, since a new matcher per word was a third of the detector's time.
   */
  public static final class Regex implements Element {
    private final Pattern regex;
    private final ThreadLocal<Matcher> matchers;

    Regex(Pattern regex) {
      this.regex = regex;
      this.matchers = ThreadLocal.withInitial(() -> regex.matcher(""));
    }

    @Override
    public boolean matches(Token token) {
      return matchers.get().reset(token.raw()).matches();
    }

    @Override
    public String toString() {
      return "/" + regex.pattern() + "/";
    }
  }

  /** Any word ({@code /.*\/}), for rules that only depend on the section. */
  public record AnyWord() implements Element {
    @Override
    public boolean matches(Token token) {
      return true;
    }
  }

  /** Any number ({@code #num}). */
  public record AnyNumber() implements Element {
    @Override
    public boolean matches(Token token) {
      return token.isNumber();
    }
  }

  public int length() {
    return elements.size();
  }

  /** Whether the phrase matches the tokens starting at {@code start}. */
  public boolean matchesAt(List<Token> tokens, int start) {
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
