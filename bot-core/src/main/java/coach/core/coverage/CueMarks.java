package coach.core.coverage;

import coach.core.curriculum.ConceptKind;
import java.util.BitSet;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Where the cue phrases (negations, dismissals, not knowing, retractions, questions ...) sit in one
 * sentence of an answer, and whether a concept matched between two positions survives them, which
 * depends on the concept's kind: a practice is undone by a nearby negation or dismissal, a risk
 * named in order to avoid it is not.
 */
final class CueMarks {

  /** How many tokens before a match, in its clause, a negation or dismissal reaches it. */
  private static final int NEGATION_BEFORE = 4;

  /** After "we don't know": a delay, not ignorance ("we don't know until 30 days later"). */
  private static final Set<String> WAITING_WORDS = Set.of("until", "till", "yet", "for");

  /** Words that make "not" a limit rather than a negation ("not more than 100 ms"). */
  private static final Set<String> LIMIT_WORDS =
      Set.of(
          "only",
          "more",
          "less",
          "fewer",
          "later",
          "longer",
          "slower",
          "over",
          "above",
          "under",
          "below",
          "exceed",
          "exceeding",
          "beyond",
          "worse",
          "much",
          "many",
          "just");

  /** How many tokens after a match a trailing negation or dismissal reaches it ("... not yet"). */
  private static final int NEGATION_AFTER = 4;

  /** Words joining list items a negation before the first item also reaches. */
  private static final Set<String> COORDINATORS = Set.of("or", "nor");

  /** How far before a negation an "if" makes it a condition ("if a learned ranker can't beat"). */
  private static final int CONDITION_REACH = 5;

  /** Words after a dismissal that make it a condition ("not a problem provided ..."). */
  private static final Set<String> CONDITION_OPENERS = Set.of("provided", "providing");

  /** How a clause spelling out what is not known opens ("..., like whether we block them"). */
  private static final Set<String> UNKNOWN_CONTINUATIONS =
      Set.of("whether", "if", "what", "which", "how", "who", "when", "where");

  private static final Set<String> TRAILING_NO_LEADS = Set.of("so", "but", "honestly", "then");

  /**
   * Words that make a following negation a condition or a threat: "if it can't beat", "beat it on
   * top-3 accuracy or it's not worth it".
   */
  private static final Set<String> CONDITIONS = Set.of("if", "unless", "whether", "or", "else");

  private static final Set<String> LIMIT_VERBS =
      Set.of("go", "be", "get", "take", "run", "grow", "add", "use", "cost", "need");

  private static final Set<String> GUARDED_CHANGES =
      Set.of("regression", "regressions", "degradation", "increase", "drop", "hit", "impact");

  private static final Set<String> NO_WORDS = Set.of("no", "nope", "nah", "not");

  private static final Set<String> CONTRASTS = Set.of("but", "however", "though", "although");

  /** How many tokens before a retraction ("I'd skip it") the retracted words may end. */
  private static final int RETRACTION_REACH = 14;

  private static final Set<String> SOMETHING_ELSE = Set.of("what", "which", "it's", "its");

  private final List<Token> tokens;
  private final BitSet negationEnds = new BitSet();
  private final BitSet postNegationStarts = new BitSet();
  private final BitSet dismissalEnds = new BitSet();
  private final BitSet dismissalStarts = new BitSet();
  private final Set<Integer> unknownClauses = new HashSet<>();
  private final BitSet retractions = new BitSet();
  private final BitSet denials = new BitSet();
  private int counterfactualAt = -1;
  private int selfAnswerAt = -1;
  private int firstUnknownAt = -1;
  private int firstUnknownEnd = -1;
  private final java.util.EnumSet<Cue> present = java.util.EnumSet.noneOf(Cue.class);

  CueMarks(PhraseIndex<Cue> cueIndex, List<Token> tokens) {
    this.tokens = tokens;
    for (int i = 0; i < tokens.size(); i++) {
      int start = i;
      cueIndex.forEachMatch(
          tokens,
          i,
          (cue, length) -> {
            int last = start + length - 1;
            present.add(cue);
            if (cue == Cue.NEGATION || cue == Cue.DISMISSAL || cue == Cue.RETRACTION) {
              denials.set(start);
            }
            if ((cue == Cue.NEGATION || cue == Cue.POST_NEGATION) && isLimitOrAlternative(start)) {
              return;
            }
            switch (cue) {
              case NEGATION -> negationEnds.set(last);
              case POST_NEGATION -> postNegationStarts.set(start);
              case DISMISSAL -> {
                // "leakage isn't a problem as long as we only use ...": a condition
                if (!conditionFollows(last + 1)) {
                  dismissalEnds.set(last);
                  dismissalStarts.set(start);
                }
              }
              case RETRACTION -> retractions.set(start);
              case COUNTERFACTUAL -> {
                if (counterfactualAt < 0) {
                  counterfactualAt = start;
                }
              }
              case SELF_ANSWER -> {
                if (selfAnswerAt < 0) {
                  selfAnswerAt = start;
                }
              }
              case UNKNOWN -> {
                if (firstUnknownAt < 0) {
                  firstUnknownAt = start;
                  firstUnknownEnd = last;
                }
                // "we don't know until 30 days later" states a delay, not ignorance
                boolean waiting =
                    last + 1 < tokens.size() && WAITING_WORDS.contains(tokens.get(last + 1).raw());
                if (!waiting) {
                  unknownClauses.add(tokens.get(start).clause());
                }
              }
              default -> {}
            }
          });
    }
    markTrailingNo();
    extendUnknownToQuestionClause();
  }

  /** "... isn't a problem as long as / provided / only if ...". */
  private boolean conditionFollows(int at) {
    if (at >= tokens.size()) {
      return false;
    }
    String first = tokens.get(at).raw();
    String second = at + 1 < tokens.size() ? tokens.get(at + 1).raw() : "";
    String third = at + 2 < tokens.size() ? tokens.get(at + 2).raw() : "";
    return CONDITION_OPENERS.contains(first)
        || ((first.equals("as") || first.equals("so"))
            && second.equals("long")
            && third.equals("as"))
        || (first.equals("only") && (second.equals("if") || second.equals("when")));
  }

  /**
   * "I'm not sure what we'd do, like whether we block them or not": the clause after an unknowing
   * one that only spells out what is not known is not known either.
   */
  private void extendUnknownToQuestionClause() {
    Set<Integer> more = new HashSet<>();
    for (int clause : unknownClauses) {
      int first = -1;
      for (int i = 0; i < tokens.size(); i++) {
        if (tokens.get(i).clause() == clause + 1) {
          first = i;
          break;
        }
      }
      if (first < 0) {
        continue;
      }
      if (tokens.get(first).raw().equals("like") && first + 1 < tokens.size()) {
        first++;
      }
      if (UNKNOWN_CONTINUATIONS.contains(tokens.get(first).raw())) {
        more.add(clause + 1);
      }
    }
    unknownClauses.addAll(more);
  }

  /** "... I'd like NDCG but we can't get judgments, so no.": a bare "no" ending the sentence. */
  private void markTrailingNo() {
    int n = tokens.size();
    if (n >= 3
        && tokens.get(n - 1).raw().equals("no")
        && TRAILING_NO_LEADS.contains(tokens.get(n - 2).raw())) {
      retractions.set(n - 2);
      present.add(Cue.RETRACTION);
    }
  }

  /** The sentence's tokens, typos repaired. */
  List<Token> tokens() {
    return tokens;
  }

  /** Whether any of {@code cues} occurs in the sentence. */
  boolean hasAny(Set<Cue> cues) {
    for (Cue cue : cues) {
      if (present.contains(cue)) {
        return true;
      }
    }
    return false;
  }

  /** Whether a negation cue ends at {@code position}. */
  boolean negationEndsAt(int position) {
    return negationEnds.get(position);
  }

  boolean has(Cue cue) {
    return present.contains(cue);
  }

  /** The sentence opens by retracting the one before ("no wait, ...", "scratch that"). */
  boolean takesBack() {
    return retractions.get(0);
  }

  /**
   * An unknowing or taking-back reply to the question before ("Actually no, I don't know",
   * "Probably not").
   */
  boolean answersNo() {
    // "I'm not sure what decision exactly" is unsure of something else, not of the question
    if (firstUnknownAt >= 0 && firstUnknownAt <= 5 && !namesWhatIsUnknown()) {
      return true;
    }
    return selfAnswerAt == 0
        && tokens.size() > 1
        && NO_WORDS.contains(tokens.get(1).raw())
        && !tokens.get(0).raw().equals("no");
  }

  /**
   * "I'm not sure what decision exactly", "not sure it's good enough": unsure of something named
   * next.
   */
  private boolean namesWhatIsUnknown() {
    int next = firstUnknownEnd + 1;
    return next < tokens.size()
        && tokens.get(next).clause() == tokens.get(firstUnknownEnd).clause()
        && SOMETHING_ELSE.contains(tokens.get(next).raw());
  }

  /** "No, ...", "Doesn't matter.", "Honestly I don't know": a reply to the question before. */
  boolean answersItself() {
    return selfAnswerAt == 0 || (firstUnknownAt >= 0 && firstUnknownAt <= 3);
  }

  /**
   * "If we had a feature store we could score in real time, but we don't": the whole sentence is
   * hypothetical.
   */
  boolean deniedCounterfactual() {
    if (counterfactualAt < 0) {
      return false;
    }
    int contrast = -1;
    for (int i = counterfactualAt + 1; i < tokens.size() && contrast < 0; i++) {
      if (CONTRASTS.contains(tokens.get(i).raw())) {
        contrast = i;
      }
    }
    return contrast > 0 && denials.nextSetBit(contrast + 1) >= 0;
  }

  /**
   * Not negations: "or not", "not only", "not more than 10 ms", "no later than 8am", and conditions
   * ("if it can't beat the rules we don't ship").
   */
  private boolean isLimitOrAlternative(int position) {
    for (int i = Math.max(0, position - CONDITION_REACH); i < position; i++) {
      if (tokens.get(i).clause() != tokens.get(position).clause()) {
        continue;
      }
      String before = tokens.get(i).raw();
      if (CONDITIONS.contains(before)) {
        return true;
      }
    }
    // "p95 latency can't go over 150ms" states a limit
    if (position + 2 < tokens.size()
        && LIMIT_VERBS.contains(tokens.get(position + 1).raw())
        && LIMIT_WORDS.contains(tokens.get(position + 2).raw())) {
      return true;
    }
    String word = tokens.get(position).raw();
    if (!word.equals("not") && !word.equals("no")) {
      return false;
    }
    if (position > 0 && tokens.get(position - 1).raw().equals("or")) {
      return true;
    }
    // "no battery regression", "no latency increase": a guardrail, not a negation
    if (word.equals("no")
        && position + 2 < tokens.size()
        && GUARDED_CHANGES.contains(tokens.get(position + 2).raw())) {
      return true;
    }
    if (position + 1 < tokens.size()) {
      String next = tokens.get(position + 1).raw();
      return LIMIT_WORDS.contains(next);
    }
    return false;
  }

  /**
   * Whether a match from token {@code start} to {@code end} is affirmative. Cue words that are part
   * of the matched words themselves ({@code matched}) don't count.
   */
  boolean survives(ConceptKind kind, int start, int end, BitSet matched) {
    int clause = tokens.get(start).clause();
    if (unknownClauses.contains(clause) || unknownClauses.contains(tokens.get(end).clause())) {
      return false;
    }
    boolean practice = kind == ConceptKind.PRACTICE;
    // before the match, within the same clause; "won't look at calibration or thresholds":
    // a negation reaches the second item of an "or" list too
    int reach = NEGATION_BEFORE;
    if (start > 0 && COORDINATORS.contains(tokens.get(start - 1).raw())) {
      reach += NEGATION_BEFORE;
    }
    for (int i = start - 1; i >= Math.max(0, start - reach); i--) {
      if (tokens.get(i).clause() != clause) {
        break;
      }
      if (dismissalEnds.get(i) || retractions.get(i) || (practice && negationEnds.get(i))) {
        return false;
      }
    }
    // inside the match, between its words: only a dismissal ("X, ignore Y") undoes it
    for (int i = start + 1; i < end; i++) {
      if (!matched.get(i)
          && (dismissalEnds.get(i) || (practice && negationEnds.get(i) && matched.get(i + 1)))) {
        return false;
      }
    }
    // "Moving averages are too simple for us, I'd skip them."
    int retraction = retractions.nextSetBit(start + 1);
    if (retraction >= 0 && retraction - end <= RETRACTION_REACH) {
      return false;
    }
    int endClause = tokens.get(end).clause();
    for (int i = end + 1; i <= Math.min(tokens.size() - 1, end + NEGATION_AFTER); i++) {
      if (tokens.get(i).clause() != endClause) {
        break;
      }
      if (dismissalStarts.get(i) || (practice && postNegationStarts.get(i))) {
        return false;
      }
    }
    return true;
  }
}
