package coach.core.coverage;

import static coach.core.coverage.QuestionShapes.afterLeadIn;
import static coach.core.coverage.QuestionShapes.asksWhatWouldHaveHappened;
import static coach.core.coverage.QuestionShapes.asksWhichSense;
import static coach.core.coverage.QuestionShapes.isDefinitionQuestion;
import static coach.core.coverage.QuestionShapes.isInterrogative;
import static coach.core.coverage.QuestionShapes.isQuestion;
import static coach.core.coverage.QuestionShapes.proposes;
import static coach.core.coverage.QuestionShapes.startsLikeQuestion;

import coach.core.coverage.LexiconCompiler.Rule;
import coach.core.curriculum.Concept;
import coach.core.curriculum.ConceptKind;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Section;
import coach.core.text.UserText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
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
 */
public final class LexicalCoverageDetector implements CoverageDetector {

  /** The concept credited when the candidate asks the interviewer a clarifying question. */
  public static final String CHECK_IN = "assumptions.check_in";

  /**
   * An exclude written {@code "near: ..."} vetoes only matches within {@link #EXCLUDE_REACH} tokens
   * of its words; any other vetoes its concept for the whole sentence.
   */
  private static final String NEAR = "near:";

  private final BitSet nearExcludes = new BitSet();
  private final Map<String, ConceptKind> kinds = new HashMap<>();
  private final TextAnalysis analysis;
  private final TypoRepair typos;
  private final List<Rule> rules;
  private final PhraseIndex<int[]> ruleIndex = new PhraseIndex<>();
  private final PhraseIndex<Cue> cueIndex = new PhraseIndex<>();

  private LexicalCoverageDetector(Curriculum curriculum, Lexicon lexicon) {
    this.analysis = new TextAnalysis();
    LexiconCompiler compiler = new LexiconCompiler(analysis);
    for (Concept concept : curriculum.concepts()) {
      kinds.put(concept.id(), concept.kind());
    }
    List<Rule> compiled = new ArrayList<>();
    for (var entry : lexicon.concepts().entrySet()) {
      ConceptKind kind = kinds.get(entry.getKey());
      if (kind == null) {
        throw new IllegalStateException("lexicon: unknown concept " + entry.getKey());
      }
      for (String pattern : entry.getValue().patterns()) {
        compiled.addAll(compiler.compile(entry.getKey(), kind, pattern, false));
      }
      for (String pattern : entry.getValue().exclude()) {
        boolean near = pattern.startsWith(NEAR);
        List<Rule> excludes =
            compiler.compile(
                entry.getKey(), kind, near ? pattern.substring(NEAR.length()) : pattern, true);
        for (int i = 0; i < excludes.size(); i++) {
          if (near) {
            nearExcludes.set(compiled.size() + i);
          }
        }
        compiled.addAll(excludes);
      }
    }
    this.rules = List.copyOf(compiled);
    for (int r = 0; r < rules.size(); r++) {
      List<List<Phrase>> groups = rules.get(r).groups();
      for (int g = 0; g < groups.size(); g++) {
        for (Phrase phrase : groups.get(g)) {
          ruleIndex.add(phrase, new int[] {r, g});
        }
      }
    }
    Lexicon.Cues raw = lexicon.cues();
    addCues(compiler, raw.negation(), Cue.NEGATION);
    addCues(compiler, raw.postNegation(), Cue.POST_NEGATION);
    addCues(compiler, raw.dismissal(), Cue.DISMISSAL);
    addCues(compiler, raw.unknown(), Cue.UNKNOWN);
    addCues(compiler, raw.definition(), Cue.DEFINITION);
    addCues(compiler, raw.assumption(), Cue.ASSUMPTION);
    addCues(compiler, raw.question(), Cue.QUESTION);
    addCues(compiler, raw.retraction(), Cue.RETRACTION);
    addCues(compiler, raw.counterfactual(), Cue.COUNTERFACTUAL);
    addCues(compiler, raw.selfAnswer(), Cue.SELF_ANSWER);
    this.typos = new TypoRepair(compiler.vocabulary(), compiler.prefixes());
  }

  private void addCues(LexiconCompiler compiler, List<String> texts, Cue cue) {
    if (texts != null) {
      texts.forEach(text -> cueIndex.add(compiler.cue(text), cue));
    }
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
    String text = UserText.clean(answer).text();
    if (text.length() > MAX_GRADED_CHARS) {
      text = text.substring(0, MAX_GRADED_CHARS);
    }
    SortedSet<String> covered = new TreeSet<>();
    List<TextAnalysis.Sentence> sentences = analysis.sentences(text);
    boolean afterDefinition = false;
    CueMarks next = null;
    for (int s = 0; s < sentences.size(); s++) {
      TextAnalysis.Sentence sentence = sentences.get(s);
      CueMarks marks = next != null ? next : new CueMarks(cueIndex, repaired(sentence.tokens()));
      List<Token> tokens = marks.tokens();
      next =
          s + 1 < sentences.size()
              ? new CueMarks(cueIndex, repaired(sentences.get(s + 1).tokens()))
              : null;
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
              touch(explained, conceptsIn(tokens, IGNORE_CUES, sectionId, null, null), sentence);
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
      Set<String> found = conceptsIn(tokens, marks, sectionId, why, sentence.text());
      covered.addAll(found);
      if (explained != null) {
        for (String id : found) {
          explained.evidence.putIfAbsent(id, sentence.text());
        }
        if (!question && !marks.has(Cue.UNKNOWN) && marks.hasAny(DENIAL_CUES)) {
          explained.dismissed.addAll(dismissedIn(tokens, marks, sectionId, found));
          explained.dismissedSections.addAll(SectionNames.named(tokens, found));
        } else if (marks.has(Cue.UNKNOWN)) {
          Set<String> unsure =
              new HashSet<>(conceptsIn(tokens, IGNORE_CUES, sectionId, null, null));
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
    String text = UserText.clean(answer).text();
    if (text.length() > MAX_GRADED_CHARS) {
      text = text.substring(0, MAX_GRADED_CHARS);
    }
    List<TextAnalysis.Sentence> sentences = analysis.sentences(text);
    List<String> plain = new ArrayList<>();
    CueMarks next = null;
    for (int s = 0; s < sentences.size(); s++) {
      TextAnalysis.Sentence sentence = sentences.get(s);
      CueMarks marks = next != null ? next : new CueMarks(cueIndex, repaired(sentence.tokens()));
      next =
          s + 1 < sentences.size()
              ? new CueMarks(cueIndex, repaired(sentences.get(s + 1).tokens()))
              : null;
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
      Explained explained, Set<String> concepts, TextAnalysis.Sentence sentence) {
    concepts.forEach(id -> explained.touched.putIfAbsent(id, sentence.text()));
  }

  /** Cues that wave away what a sentence names. */
  private static final Set<Cue> DENIAL_CUES =
      java.util.EnumSet.of(Cue.NEGATION, Cue.POST_NEGATION, Cue.DISMISSAL, Cue.RETRACTION);

  /**
   * Concepts a denying sentence names without covering them: their patterns match once the cues are
   * ignored. A risk concept counts only when dismissed ("leakage isn't a concern"), since a negated
   * risk ("no leakage: ...") is covered.
   */
  private Set<String> dismissedIn(
      List<Token> tokens, CueMarks marks, Optional<String> sectionId, Set<String> found) {
    Set<String> all = conceptsIn(tokens, null, sectionId, null, null);
    Set<String> dismissed = new HashSet<>();
    for (String id : all) {
      if (found.contains(id)) {
        continue;
      }
      ConceptKind kind = kinds.get(id);
      if (kind == ConceptKind.PRACTICE || marks.has(Cue.DISMISSAL) || marks.has(Cue.RETRACTION)) {
        dismissed.add(id);
      }
    }
    return dismissed;
  }

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

  private Set<String> conceptsIn(
      List<Token> tokens,
      CueMarks marks,
      Optional<String> sectionId,
      Map<String, String> why,
      String sentence) {
    // spans[rule][group]: where each group of each rule matched; touched: the rules that did
    @SuppressWarnings("unchecked")
    List<int[]>[][] spans = new List[rules.size()][];
    int[] touched = new int[8];
    int[] touchedCount = {0};
    for (int position = 0; position < tokens.size(); position++) {
      int start = position;
      int[][] grow = {touched};
      ruleIndex.forEachMatch(
          tokens,
          position,
          (ref, length) -> {
            List<int[]>[] byGroup = spans[ref[0]];
            if (byGroup == null) {
              @SuppressWarnings("unchecked")
              List<int[]>[] fresh = new List[rules.get(ref[0]).groups().size()];
              byGroup = spans[ref[0]] = fresh;
              if (touchedCount[0] == grow[0].length) {
                grow[0] = Arrays.copyOf(grow[0], grow[0].length * 2);
              }
              grow[0][touchedCount[0]++] = ref[0];
            }
            if (byGroup[ref[1]] == null) {
              byGroup[ref[1]] = new ArrayList<>(2);
            }
            byGroup[ref[1]].add(new int[] {start, start + length - 1});
          });
      touched = grow[0];
    }
    if (touchedCount[0] == 0) {
      return Set.of();
    }
    int[] matchedRules = Arrays.copyOf(touched, touchedCount[0]);
    Arrays.sort(matchedRules);
    Set<String> found = new HashSet<>();
    // where each concept's excludes matched; a sentence-wide veto is the whole sentence
    Map<String, List<int[]>> vetoes = new HashMap<>();
    int[] wholeSentence = {-tokens.size() - EXCLUDE_REACH, 2 * tokens.size() + EXCLUDE_REACH};
    Map<String, String> sources = why == null ? null : new HashMap<>();
    for (int r : matchedRules) {
      Rule rule = rules.get(r);
      if (rule.exclude() && appliesTo(rule, sectionId)) {
        List<int[]> at = new ArrayList<>();
        matchesAnyCombination(
            rule, marks == null ? spans[r] : unnegated(spans[r], marks), null, at);
        if (!at.isEmpty()) {
          vetoes
              .computeIfAbsent(rule.conceptId(), k -> new ArrayList<>())
              .addAll(nearExcludes.get(r) ? at : List.of(wholeSentence));
        }
      }
    }
    for (int r : matchedRules) {
      Rule rule = rules.get(r);
      if (rule.exclude() || !appliesTo(rule, sectionId) || found.contains(rule.conceptId())) {
        continue;
      }
      boolean matched =
          marks == null
              ? matchesIgnoringCues(
                  rule, spans[r], vetoes.getOrDefault(rule.conceptId(), List.of()))
              : matchesAnyCombination(
                  rule, spans[r], marks, vetoes.getOrDefault(rule.conceptId(), List.of()));
      if (matched) {
        found.add(rule.conceptId());
        if (why != null) {
          sources.put(rule.conceptId(), rule.source() + " | " + sentence);
        }
      }
    }
    if (why != null) {
      found.forEach(id -> why.putIfAbsent(id, sources.get(id)));
    }
    return found;
  }

  /**
   * The spans of an exclude that are not negated: "the goal is retention, not accuracy" does not
   * veto the goal for "accuracy".
   */
  private static List<int[]>[] unnegated(List<int[]>[] byGroup, CueMarks marks) {
    @SuppressWarnings("unchecked")
    List<int[]>[] kept = new List[byGroup.length];
    for (int g = 0; g < byGroup.length; g++) {
      if (byGroup[g] == null) {
        continue;
      }
      kept[g] = new ArrayList<>(byGroup[g].size());
      for (int[] span : byGroup[g]) {
        if (span[0] == 0
            || !marks.negationEndsAt(span[0] - 1)
            || !isPlainNegator(marks.tokens().get(span[0] - 1).raw())) {
          kept[g].add(span);
        }
      }
      if (kept[g].isEmpty()) {
        kept[g] = null;
      }
    }
    return kept;
  }

  /** "not", "no", "never", "isn't", "cannot": a negation word (not a verb such as "skip"). */
  private static boolean isPlainNegator(String word) {
    return word.equals("not")
        || word.equals("no")
        || word.equals("never")
        || word.equals("cannot")
        || word.endsWith("n't")
        || word.endsWith("n’t");
  }

  private static boolean appliesTo(Rule rule, Optional<String> sectionId) {
    return rule.sections().isEmpty()
        || (sectionId.isPresent() && rule.sections().contains(sectionId.get()));
  }

  /**
   * How many tokens from a {@code near:} exclude's words a match may end and still stand ("500 QPS,
   * catalogue 2M products, p99 under 120 ms": the milliseconds veto a scale reading of "120 ms",
   * not of "500 QPS").
   */
  private static final int EXCLUDE_REACH = 3;

  /**
   * Tries every choice of one span per group. With {@code marks}: true when one fits the window,
   * survives, and keeps clear of the {@code vetoes} (exclude spans). Without: an exclude, whose
   * matching spans are all added to {@code vetoes}.
   */
  private boolean matchesAnyCombination(
      Rule rule, List<int[]>[] byGroup, CueMarks marks, List<int[]> vetoes) {
    for (List<int[]> group : byGroup) {
      if (group == null) {
        return false;
      }
    }
    return search(rule, byGroup, 0, Integer.MAX_VALUE, -1, new BitSet(), marks, vetoes);
  }

  /** Whether some choice of spans fits the window and keeps clear of the vetoes, cues aside. */
  private boolean matchesIgnoringCues(Rule rule, List<int[]>[] byGroup, List<int[]> vetoes) {
    for (List<int[]> group : byGroup) {
      if (group == null) {
        return false;
      }
    }
    return search(rule, byGroup, 0, Integer.MAX_VALUE, -1, new BitSet(), IGNORE_CUES, vetoes);
  }

  /** Passed as the marks of {@link #search} to accept any match that fits, whatever its cues. */
  private static final CueMarks IGNORE_CUES = new CueMarks(new PhraseIndex<>(), List.of());

  private static boolean clearOf(int start, int end, List<int[]> vetoes) {
    for (int[] veto : vetoes) {
      if (start - veto[1] <= EXCLUDE_REACH && veto[0] - end <= EXCLUDE_REACH) {
        return false;
      }
    }
    return true;
  }

  private boolean search(
      Rule rule,
      List<int[]>[] byGroup,
      int group,
      int start,
      int end,
      BitSet used,
      CueMarks marks,
      List<int[]> vetoes) {
    if (group == byGroup.length) {
      if (marks == null) {
        vetoes.add(new int[] {start, end});
        return false;
      }
      return clearOf(start, end, vetoes)
          && (marks == IGNORE_CUES || marks.survives(rule.kind(), start, end, used));
    }
    for (int[] span : byGroup[group]) {
      if (used.get(span[0], span[1] + 1).cardinality() > 0) {
        continue;
      }
      int newStart = Math.min(start, span[0]);
      int newEnd = Math.max(end, span[1]);
      if (newEnd - newStart > rule.window()) {
        continue;
      }
      used.set(span[0], span[1] + 1);
      boolean ok = search(rule, byGroup, group + 1, newStart, newEnd, used, marks, vetoes);
      used.clear(span[0], span[1] + 1);
      if (ok) {
        return true;
      }
    }
    return false;
  }

  private List<Token> repaired(List<Token> tokens) {
    return typos.repaired(tokens, analysis);
  }
}
