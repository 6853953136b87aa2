package coach.core.coverage;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.en.KStemFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.miscellaneous.KeywordRepeatFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * Splits an answer into sentences and tokens with Lucene's analysis module: the standard (UAX#29)
 * tokenizer, lower-casing, ASCII folding and the KStem stemmer. No stop words are removed: "no",
 * "not" and "if" carry meaning here. Thread-safe.
 */
public final class TextAnalysis {

  /** Where sentences end: terminal punctuation followed by space, semicolons, line breaks. */
  private static final Pattern SENTENCE_END =
      Pattern.compile("(?<=[.!?])[\"')\\]]*\\s+|;\\s*|\\s*\\n+\\s*|(?<=[.!?])$");

  /** Where clauses end inside a sentence: commas, colons, dashes and contrast words. */
  private static final Pattern CLAUSE_BREAK =
      Pattern.compile(
          "[,:(){}\\[\\]]|\\s[-–—]+\\s|\\b(but|however|although|though|whereas|except|instead|otherwise|unless|while|so|because)\\b",
          Pattern.CASE_INSENSITIVE);

  private final Analyzer analyzer =
      new Analyzer() {
        @Override
        protected TokenStreamComponents createComponents(String fieldName) {
          StandardTokenizer tokenizer = new StandardTokenizer();
          TokenStream stream = new LowerCaseFilter(tokenizer);
          stream = new ASCIIFoldingFilter(stream);
          stream = new KeywordRepeatFilter(stream);
          stream = new KStemFilter(stream);
          return new TokenStreamComponents(tokenizer, stream);
        }
      };

  /** A sentence: its text and tokens. */
  public record Sentence(String text, List<Token> tokens) {}

  /** The answer's sentences, in order. */
  public List<Sentence> sentences(String text) {
    List<Sentence> sentences = new ArrayList<>();
    Matcher matcher = SENTENCE_END.matcher(text);
    int start = 0;
    while (matcher.find()) {
      if (endsWithAbbreviation(text, matcher.start())) {
        continue;
      }
      addSentence(text.substring(start, matcher.end()), sentences);
      start = matcher.end();
    }
    if (start < text.length()) {
      addSentence(text.substring(start), sentences);
    }
    return sentences;
  }

  private static final java.util.Set<String> ABBREVIATIONS =
      java.util.Set.of(
          "e.g.", "i.e.", "eg.", "ie.", "etc.", "vs.", "approx.", "incl.", "esp.", "avg.", "min.",
          "max.", "no.");

  /** Whether the text just before {@code end} is an abbreviation such as "e.g." or "vs.". */
  private static boolean endsWithAbbreviation(String text, int end) {
    int wordStart = end;
    while (wordStart > 0 && !Character.isWhitespace(text.charAt(wordStart - 1))) {
      wordStart--;
    }
    // "(e.g. a tourist abroad)": the bracket or quote before the abbreviation is no part of it
    while (wordStart < end && "([{\"'".indexOf(text.charAt(wordStart)) >= 0) {
      wordStart++;
    }
    String word = text.substring(wordStart, end).toLowerCase(java.util.Locale.ROOT);
    if (word.equals("no.")) {
      // "no. 5" is a number; "so no. The old dashboard ..." ends a sentence
      int next = end;
      while (next < text.length() && Character.isWhitespace(text.charAt(next))) {
        next++;
      }
      return next < text.length() && Character.isDigit(text.charAt(next));
    }
    return ABBREVIATIONS.contains(word) || word.matches("[a-z]\\.");
  }

  private void addSentence(String sentence, List<Sentence> sentences) {
    String trimmed = sentence.strip();
    if (!trimmed.isEmpty()) {
      List<Token> tokens = tokens(trimmed);
      if (!tokens.isEmpty()) {
        sentences.add(new Sentence(trimmed, tokens));
      }
    }
  }

  /**
   * Tokens of one piece of text, each with its clause number; symbols such as % are spelled out.
   */
  public List<Token> tokens(String original) {
    String text = spellOutSymbols(original);
    List<Integer> breaks = new ArrayList<>();
    Matcher clause = CLAUSE_BREAK.matcher(text);
    while (clause.find()) {
      breaks.add(clause.start());
    }
    List<Token> tokens = new ArrayList<>();
    try (TokenStream stream = analyzer.tokenStream("answer", text)) {
      CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
      OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
      PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
      stream.reset();
      String raw = null;
      int rawStart = 0;
      while (stream.incrementToken()) {
        if (increment.getPositionIncrement() > 0 || raw == null) {
          // first of the pair KeywordRepeatFilter emits: the unstemmed word
          raw = term.toString();
          rawStart = offset.startOffset();
        } else {
          tokens.add(new Token(raw, term.toString(), clauseOf(rawStart, breaks)));
          raw = null;
        }
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return tokens;
  }

  private static final Pattern ARROW = Pattern.compile("-+>|=+>|→");

  /** Symbols the tokenizer would drop but that carry meaning: % $ € £ × < > ≤ ≥ ~ #. */
  private static String spellOutSymbols(String text) {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("%$€£×<>≤≥~#→".indexOf(c) >= 0) {
        // an arrow ("score -> 3 actions", "1% -> 10%") is a sequence, not "over"
        return ARROW
            .matcher(text)
            .replaceAll(" , ")
            .replace("%", " percent ")
            .replace("$", " dollar ")
            .replace("€", " euro ")
            .replace("£", " pound ")
            .replace("×", " times ")
            .replace("<=", " under ")
            .replace(">=", " over ")
            .replace("<", " under ")
            .replace(">", " over ")
            .replace("≤", " under ")
            .replace("≥", " over ")
            .replace("~", " about ")
            .replace("#", " number ");
      }
    }
    return text;
  }

  /** Analyses a lexicon word the same way as answers: its stem. */
  public String stem(String word) {
    List<Token> tokens = tokens(word);
    return tokens.isEmpty() ? word : tokens.get(0).stem();
  }

  private static int clauseOf(int offset, List<Integer> breaks) {
    int clause = 0;
    for (int position : breaks) {
      if (position < offset) {
        clause++;
      } else {
        break;
      }
    }
    return clause;
  }
}
