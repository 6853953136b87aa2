package coach.core.coverage;

import static coach.core.coverage.QuestionShapes.afterLeadIn;
import static coach.core.coverage.QuestionShapes.asksWhatWouldHaveHappened;
import static coach.core.coverage.QuestionShapes.asksWhichSense;
import static coach.core.coverage.QuestionShapes.isDefinitionQuestion;
import static coach.core.coverage.QuestionShapes.isInterrogative;
import static coach.core.coverage.QuestionShapes.isQuestion;
import static coach.core.coverage.QuestionShapes.proposes;
import static coach.core.coverage.QuestionShapes.startsLikeQuestion;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Section;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The coverage detector: offline, in process and deterministic. It analyses an answer into
 * sentences and tokens (Lucene), repairs misspellings against a dictionary, matches each concept's
 * proximity patterns, and then drops matches that are negated or dismissed (how depends on the
 * concept's kind), said not to be known, or only asked about. Only the first {@link
 * #MAX_GRADED_CHARS} characters of an answer are graded. Thread-safe.
 *
 * <p>{@link SentenceReader} reads the answer into cue-marked sentences and {@link ConceptMatcher}
 * finds the concepts each names; this class decides, sentence by sentence, which of them count
 * (questions, check-ins, definitions, sentences taken back) and what else to report.
 */
public final class LexicalCoverageDetector implements CoverageDetector {

  /** The concept credited when the candidate asks the interviewer a clarifying question. */
  public static final String CHECK_IN = "assumptions.check_in";

  private final ConceptMatcher matcher;
  private final SentenceReader reader;

  private LexicalCoverageDetector(Curriculum curriculum, Lexicon lexicon) {
    TextAnalysis analysis = new TextAnalysis();
    LexiconCompiler compiler = new LexiconCompiler(analysis);
    // the concept patterns first: the reader's typo repair learns every word compiled before it
    this.matcher = new ConceptMatcher(curriculum, lexicon, compiler);
    this.reader = new SentenceReader(analysis, compiler, lexicon.cues());
  }

  /** The detector with the shipped lexicon. */
  public static LexicalCoverageDetector create(Curriculum curriculum) {
    return create(curriculum, null);
  }

  /**
   * The detector with the lexicon in {@code lexiconDir} (for tuning without a rebuild), or the
   * shipped one when it is null.
   */
  public static LexicalCoverageDetector create(Curriculum curriculum, Path lexiconDir) {
    List<String> sections = curriculum.sections().stream().map(Section::id).toList();
    return new LexicalCoverageDetector(curriculum, Lexicon.load(sections, lexiconDir));
  }

  @Override
  public SortedSet<String> detect(
      String answer, Optional<String> promptId, Optional<String> sectionId) {
    return detectAndExplain(answer, sectionId, null);
  }

  @Override
  public Detection analyse(String answer, Optional<String> promptId, Optional<String> sectionId) {
    Explained explained = new Explained();
    SortedSet<String> covered = detectAndExplain(answer, sectionId, explained);
    explained.dismissed.removeAll(covered);
    explained.touched.keySet().removeAll(covered);
    explained.touched.keySet().removeAll(explained.dismissed);
    return new Detection(
        covered,
        explained.evidence,
        explained.dismissed,
        explained.dismissedSections,
        explained.touched);
  }

  /** What {@link #analyse} collects besides the covered set. */
  private static final class Explained {
    final Map<String, String> why = new java.util.TreeMap<>();
    final Map<String, String> evidence = new HashMap<>();
    final Set<String> dismissed = new HashSet<>();
    final Set<String> dismissedSections = new HashSet<>();
    final Map<String, String> touched = new HashMap<>();
  }

  /**
   * Like {@link #detect}, and records for every covered concept the pattern and sentence that
   * covered it (for tuning the lexicon).
   */
  Map<String, String> explain(String answer, Optional<String> sectionId) {
    Explained explained = new Explained();
    detectAndExplain(answer, sectionId, explained);
    return explained.why;
  }

  private SortedSet<String> detectAndExplain(
      String answer, Optional<String> sectionId, Explained explained) {
    Map<String, String> why = explained == null ? null : explained.why;
    SortedSet<String> covered = new TreeSet<>();
    List<SentenceReader.Marked> sentences = reader.read(answer);
    boolean afterDefinition = false;
    for (int s = 0; s < sentences.size(); s++) {
      SentenceReader.Marked sentence = sentences.get(s);
      CueMarks marks = sentence.marks();
      List<Token> tokens = marks.tokens();
      CueMarks next = s + 1 < sentences.size() ? sentences.get(s + 1).marks() : null;
      boolean question = isQuestion(sentence.text());
      boolean definitionBefore = afterDefinition;
      afterDefinition = false;
      if (question || startsLikeQuestion(tokens)) {
        if (marks.has(Cue.DEFINITION)
            || isDefinitionQuestion(tokens)
            || (question && asksWhichSense(tokens))) {
          afterDefinition = true;
          continue;
        }
        // "what's leakage here? like prices leaking to competitors?" goes on asking
        if (question && definitionBefore) {
          afterDefinition = true;
          continue;
        }
        if (question) {
          // "How many users do we have? Doesn't matter." asks nobody
          boolean rhetorical = next != null && next.answersItself();
          if (marks.has(Cue.QUESTION) && !rhetorical && !asksWhatWouldHaveHappened(tokens)) {
            covered.add(CHECK_IN);
            if (why != null) {
              why.putIfAbsent(CHECK_IN, "question | " + sentence.text());
            }
          }
          // "half of them get outreach and half don't?" states something; "do we have labels?"
          // only asks, unless it proposes an assumption or a figure
          boolean asksOnly =
              isInterrogative(afterLeadIn(tokens))
                  && !proposes(tokens)
                  && !marks.has(Cue.ASSUMPTION)
                  && tokens.stream().noneMatch(Token::isNumber);
          if (asksOnly) {
            if (explained != null) {
              touch(explained, matcher.named(tokens, sectionId), sentence);
            }
            continue;
          }
        }
      }
      if (marks.deniedCounterfactual()) {
        continue;
      }
      // "also shadow... no wait, that's validation." / "we need it real time? actually no, ..."
      if (next != null && (next.takesBack() || (question && next.answersNo()))) {
        continue;
      }
      Set<String> found = matcher.conceptsIn(tokens, marks, sectionId, why, sentence.text());
      covered.addAll(found);
      if (explained != null) {
        for (String id : found) {
          explained.evidence.putIfAbsent(id, sentence.text());
        }
        if (!question && !marks.has(Cue.UNKNOWN) && marks.hasAny(DENIAL_CUES)) {
          explained.dismissed.addAll(matcher.dismissedIn(tokens, marks, sectionId, found));
          explained.dismissedSections.addAll(SectionNames.named(tokens, found));
        } else if (marks.has(Cue.UNKNOWN)) {
          Set<String> unsure = new HashSet<>(matcher.named(tokens, sectionId));
          unsure.removeAll(found);
          touch(explained, unsure, sentence);
        }
      }
    }
    return covered;
  }

  /**
   * The answer's sentences that plainly state something: not a question, not negated, dismissed,
   * retracted, said to be unknown, hypothetical or defined, and not taken back by the next
   * sentence. Stricter than {@link #detect}: any such cue anywhere in the sentence excludes it. A
   * backup detector (e.g. sentence embeddings, which do not see negation) may only add concepts for
   * these.
   */
  public List<String> plainStatements(String answer) {
    List<SentenceReader.Marked> sentences = reader.read(answer);
    List<String> plain = new ArrayList<>();
    for (int s = 0; s < sentences.size(); s++) {
      SentenceReader.Marked sentence = sentences.get(s);
      CueMarks marks = sentence.marks();
      CueMarks next = s + 1 < sentences.size() ? sentences.get(s + 1).marks() : null;
      boolean vetoed =
          isQuestion(sentence.text())
              || startsLikeQuestion(marks.tokens())
              || marks.hasAny(VETO_CUES)
              || (next != null && next.takesBack());
      if (!vetoed) {
        plain.add(sentence.text());
      }
    }
    return plain;
  }

  /** Records concepts a sentence names without stating them, with the sentence. */
  private static void touch(
      Explained explained, Set<String> concepts, SentenceReader.Marked sentence) {
    concepts.forEach(id -> explained.touched.putIfAbsent(id, sentence.text()));
  }

  /** Cues that wave away what a sentence names. */
  private static final Set<Cue> DENIAL_CUES =
      java.util.EnumSet.of(Cue.NEGATION, Cue.POST_NEGATION, Cue.DISMISSAL, Cue.RETRACTION);

  private static final Set<Cue> VETO_CUES =
      java.util.EnumSet.of(
          Cue.NEGATION,
          Cue.POST_NEGATION,
          Cue.DISMISSAL,
          Cue.UNKNOWN,
          Cue.DEFINITION,
          Cue.QUESTION,
          Cue.RETRACTION,
          Cue.COUNTERFACTUAL,
          Cue.SELF_ANSWER);
}
