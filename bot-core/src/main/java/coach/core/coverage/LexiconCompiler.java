package coach.core.coverage;

import coach.core.curriculum.ConceptKind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Turns the lexicon's pattern strings into {@link Rule}s, analysing every word the same way answers
 * are analysed, and collects the vocabulary of words the rules know.
 */
public final class LexiconCompiler {

  private static final int DEFAULT_WINDOW = 8;

  private final TextAnalysis analysis;
  private final Set<String> vocabulary = new HashSet<>();
  private final Set<String> prefixes = new HashSet<>();
  private final java.util.Map<String, List<Token>> analysed = new java.util.HashMap<>();

  public LexiconCompiler(TextAnalysis analysis) {
    this.analysis = analysis;
  }

  /**
   * A compiled pattern: every group must match within {@code window} tokens of one sentence. {@code
   * sections} limits it to answers to those sections (empty: any).
   */
  public record Rule(
      String conceptId,
      ConceptKind kind,
      boolean exclude,
      Set<String> sections,
      int window,
      List<List<Phrase>> groups,
      String source) {}

  public List<Rule> compile(String conceptId, ConceptKind kind, String pattern, boolean exclude) {
    String text = pattern.strip();
    Set<String> sections = Set.of();
    int window = DEFAULT_WINDOW;
    if (text.startsWith("@")) {
      int colon = text.indexOf(':');
      if (colon < 0) {
        throw bad(conceptId, pattern, "a section restriction is written @section,section: ...");
      }
      sections = Set.copyOf(Arrays.asList(text.substring(1, colon).strip().split("\\s*,\\s*")));
      text = text.substring(colon + 1).strip();
    }
    int tilde = text.lastIndexOf(" ~");
    if (tilde >= 0 && text.substring(tilde + 2).strip().matches("\\d+")) {
      window = Integer.parseInt(text.substring(tilde + 2).strip());
      text = text.substring(0, tilde).strip();
    }
    List<List<Phrase>> groups = new ArrayList<>();
    for (String group : text.split("&")) {
      List<Phrase> alternatives = new ArrayList<>();
      for (String alternative : group.split("\\|")) {
        if (!alternative.isBlank()) {
          alternatives.add(phrase(conceptId, pattern, alternative));
        }
      }
      if (alternatives.isEmpty()) {
        throw bad(conceptId, pattern, "has an empty group");
      }
      groups.add(List.copyOf(alternatives));
    }
    return List.of(
        new Rule(conceptId, kind, exclude, sections, window, List.copyOf(groups), pattern));
  }

  /** A cue phrase (negation, dismissal ...). */
  public Phrase cue(String text) {
    return phrase("cues", text, text);
  }

  private Phrase phrase(String conceptId, String pattern, String alternative) {
    List<Phrase.Element> elements = new ArrayList<>();
    for (String word : alternative.strip().split("\\s+")) {
      if (word.equals("#num")) {
        elements.add(new Phrase.AnyNumber());
      } else if (word.length() > 2 && word.startsWith("/") && word.endsWith("/")) {
        elements.add(regexElement(conceptId, pattern, word.substring(1, word.length() - 1)));
      } else if (word.endsWith("*")) {
        String prefix = word.substring(0, word.length() - 1).toLowerCase();
        if (prefix.length() < 3) {
          throw bad(conceptId, pattern, "prefix '" + word + "' is shorter than 3 letters");
        }
        prefixes.add(prefix);
        elements.add(new Phrase.Prefix(prefix));
      } else {
        List<Token> tokens = analysed.computeIfAbsent(word, analysis::tokens);
        if (tokens.isEmpty()) {
          throw bad(conceptId, pattern, "word '" + word + "' analyses to nothing");
        }
        for (Token token : tokens) {
          vocabulary.add(token.raw());
          elements.add(new Phrase.Exact(token.raw(), token.stem()));
        }
      }
    }
    if (elements.isEmpty()) {
      throw bad(conceptId, pattern, "has an empty alternative");
    }
    return new Phrase(List.copyOf(elements));
  }

  /**
   * A regular expression as a word test; an anchored plain word ({@code ^logs$}) and "any word"
   * ({@code .*}) become cheaper tests that match exactly the same words.
   */
  private Phrase.Element regexElement(String conceptId, String pattern, String regex) {
    try {
      Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      throw bad(conceptId, pattern, "has a bad regular expression /" + regex + "/");
    }
    if (regex.equals(".*") || regex.equals("^.*$")) {
      return new Phrase.AnyWord();
    }
    Matcher literal = ANCHORED_WORD.matcher(regex);
    if (literal.matches()) {
      return new Phrase.Literal(literal.group(1));
    }
    return new Phrase.Regex(Pattern.compile(regex));
  }

  /** {@code ^word$} with no regular-expression syntax inside. */
  private static final Pattern ANCHORED_WORD = Pattern.compile("\\^([a-z0-9_']+)\\$");

  /** The lowercase words the compiled rules mention, for typo repair. */
  public Set<String> vocabulary() {
    return Set.copyOf(vocabulary);
  }

  /** The prefixes the compiled rules use, for typo repair. */
  public Set<String> prefixes() {
    return Set.copyOf(prefixes);
  }

  static Map<String, ConceptKind> kinds(Map<String, ConceptKind> kinds) {
    return Map.copyOf(kinds);
  }

  private static IllegalStateException bad(String conceptId, String pattern, String problem) {
    return new IllegalStateException(
        "lexicon: " + conceptId + ": pattern '" + pattern + "' " + problem);
  }
}
