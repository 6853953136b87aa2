package coach.core.coverage;

import coach.core.text.UserText;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an answer the way the detector grades it: cleaned, cut to its first {@link
 * CoverageDetector#MAX_GRADED_CHARS} characters, split into sentences whose tokens have their
 * misspellings repaired and whose cue phrases (negation, dismissal, questions ...) are marked.
 * Thread-safe.
 */
final class SentenceReader {

  /** One sentence of an answer: its text, and its repaired tokens with their cues. */
  record Marked(String text, CueMarks marks) {}

  private final TextAnalysis analysis;
  private final PhraseIndex<Cue> cueIndex = new PhraseIndex<>();
  private final TypoRepair typos;

  /**
   * Compiles the cue phrases with {@code compiler}, then repairs typos against every word the
   * compiler has seen so far: the concept patterns' words as well as the cues', so compile the
   * concept patterns first.
   */
  SentenceReader(TextAnalysis analysis, LexiconCompiler compiler, Lexicon.Cues cues) {
    this.analysis = analysis;
    addCues(compiler, cues.negation(), Cue.NEGATION);
    addCues(compiler, cues.postNegation(), Cue.POST_NEGATION);
    addCues(compiler, cues.dismissal(), Cue.DISMISSAL);
    addCues(compiler, cues.unknown(), Cue.UNKNOWN);
    addCues(compiler, cues.definition(), Cue.DEFINITION);
    addCues(compiler, cues.assumption(), Cue.ASSUMPTION);
    addCues(compiler, cues.question(), Cue.QUESTION);
    addCues(compiler, cues.retraction(), Cue.RETRACTION);
    addCues(compiler, cues.counterfactual(), Cue.COUNTERFACTUAL);
    addCues(compiler, cues.selfAnswer(), Cue.SELF_ANSWER);
    this.typos = new TypoRepair(compiler.vocabulary(), compiler.prefixes());
  }

  private void addCues(LexiconCompiler compiler, List<String> texts, Cue cue) {
    if (texts != null) {
      texts.forEach(text -> cueIndex.add(compiler.cue(text), cue));
    }
  }

  /** The graded part of {@code answer}, sentence by sentence, in order. */
  List<Marked> read(String answer) {
    String text = UserText.clean(answer).text();
    if (text.length() > CoverageDetector.MAX_GRADED_CHARS) {
      text = text.substring(0, CoverageDetector.MAX_GRADED_CHARS);
    }
    List<Marked> marked = new ArrayList<>();
    for (TextAnalysis.Sentence sentence : analysis.sentences(text)) {
      List<Token> tokens = typos.repaired(sentence.tokens(), analysis);
      marked.add(new Marked(sentence.text(), new CueMarks(cueIndex, tokens)));
    }
    return marked;
  }
}
