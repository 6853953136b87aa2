package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.curriculum.ConceptKind;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Compiled word tests and the index that finds which phrases start at a word. */
class PhraseIndexTest {

  private final TextAnalysis analysis = new TextAnalysis();
  private final LexiconCompiler compiler = new LexiconCompiler(analysis);

  private List<Phrase> alternatives(String pattern) {
    return compiler
        .compile("data.sources", ConceptKind.PRACTICE, pattern, false)
        .get(0)
        .groups()
        .get(0);
  }

  /** The alternatives (by their text in the pattern) that match somewhere in {@code text}. */
  private List<String> matchesIn(String pattern, String text) {
    String[] names = pattern.split("\\|");
    PhraseIndex<String> index = new PhraseIndex<>();
    List<Phrase> phrases = alternatives(pattern);
    for (int i = 0; i < phrases.size(); i++) {
      index.add(phrases.get(i), names[i]);
    }
    List<Token> tokens = analysis.tokens(text);
    List<String> found = new ArrayList<>();
    for (int i = 0; i < tokens.size(); i++) {
      index.forEachMatch(tokens, i, (name, length) -> found.add(name));
    }
    return found;
  }

  @Test
  void regularExpressionsBecomeTheCheapestEquivalentTest() {
    assertThat(alternatives("/^logs$/|/.*/|/\\d+ms/|#num|logs"))
        .extracting(phrase -> phrase.elements().get(0).getClass().getSimpleName())
        .containsExactly("Literal", "AnyWord", "Regex", "AnyNumber", "Exact");
  }

  @Test
  void aLiteralMatchesOnlyThatExactWordWhereAStemMatchesItsForms() {
    assertThat(matchesIn("/^logs$/", "we keep logs")).containsExactly("/^logs$/");
    assertThat(matchesIn("/^logs$/", "we log every score")).isEmpty();
    assertThat(matchesIn("logs", "we log every score")).containsExactly("logs");
  }

  @Test
  void numbersAndRegularExpressionsAreTriedAtEveryWord() {
    assertThat(matchesIn("#num ms|/\\d+ms/", "p99 under 150 ms or 80ms"))
        .containsExactly("#num ms", "/\\d+ms/");
    assertThat(matchesIn("/.*/", "two words")).hasSize(2);
  }

  @Test
  void aBadRegularExpressionNamesThePattern() {
    assertThatThrownBy(() -> alternatives("/[unclosed/"))
        .hasMessageContaining("data.sources")
        .hasMessageContaining("bad regular expression /[unclosed/");
  }
}
