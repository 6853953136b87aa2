package coach.core.clarify;

import coach.core.coverage.LexiconCompiler;
import coach.core.coverage.Phrase;
import coach.core.coverage.PhraseIndex;
import coach.core.coverage.QuestionShapes;
import coach.core.coverage.TextAnalysis;
import coach.core.coverage.Token;
import coach.core.coverage.TypoRepair;
import coach.core.curriculum.ConceptKind;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.FactTopic;
import coach.core.curriculum.Prompt;
import coach.core.text.UserText;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Understands a candidate's clarifying questions to the interviewer: whether a message asks at all
 * (rather than answering, proposing something in question form, or asking rhetorically), which
 * topics of {@code docs/formats.md} it asks about, part by part, and the interviewer's reply from
 * the prompt's facts.
 *
 * <p>It reuses the coverage detector's language machinery: Lucene sentences, clauses, tokens and
 * stems ({@link TextAnalysis}), dictionary-gated typo repair ({@link TypoRepair}), and the lexicon
 * pattern language ({@link LexiconCompiler}). Each topic has families of paraphrase patterns in
 * {@code clarify/lexicon.yaml}; where the readings of two topics overlap on the same words, the
 * pattern with the higher priority wins ("how many analysts" is review capacity, not volume). A
 * topic the speaker sets aside ("I don't need the latency, just the volume"), or only states as a
 * premise ("given 20M a day, how fast ..."), is not asked. Thread-safe and deterministic.
 */
public final class Clarifier {

  /** Only the first this-many characters of a message are read. */
  static final int MAX_CHARS = 4_000;

  /** How many tokens before a topic a dismissal ("I don't need", "forget") reaches it. */
  private static final int DISMISS_BEFORE = 6;

  /** How many tokens after a topic a trailing dismissal ("... aside", "... I know") reaches. */
  private static final int DISMISS_AFTER = 3;

  /** How close (in tokens) an exclude must be to veto a topic's match. */
  private static final int EXCLUDE_REACH = 3;

  /** Longest sentence without a question mark that still asks by naming a topic ("qps"). */
  private static final int FRAGMENT_TOKENS = 3;

  /** Longest statement before a question that may still ask rather than set the scene. */
  private static final int SCENE_TOKENS = 8;

  /** How near the start a question word makes a terse sentence without a question mark ask. */
  private static final int TERSE_WH_REACH = 4;

  private static final Set<String> WH_WORDS =
      Set.of("how", "what", "what's", "whats", "which", "who", "whom", "whether", "where");

  /** Sentence openers that make a sentence without a question mark a statement. */
  private static final Set<String> SUBJECTS =
      Set.of(
          "i",
          "i'm",
          "im",
          "we",
          "we're",
          "it",
          "it's",
          "its",
          "this",
          "that",
          "that's",
          "they",
          "they're",
          "there",
          "there's",
          "honestly",
          "personally",
          "imo",
          "our",
          "my",
          "the",
          "these",
          "those",
          "you",
          "he",
          "she",
          "obviously",
          "clearly",
          "basically");

  /** Words that narrow a request once something is set aside ("..., just the volume"). */
  private static final Set<String> NARROWING =
      Set.of("just", "only", "rather", "instead", "but", "need", "want", "interested");

  /** A sentence closed as a statement: a full stop or an exclamation mark. */
  private static final java.util.regex.Pattern STATEMENT_END =
      java.util.regex.Pattern.compile("[.!]\\s*$");

  private static final String WEAK = "weak:";
  private static final String STRONG = "strong:";

  /**
   * Excludes always act near their words; the prefix is accepted for the coverage lexicon's sake.
   */
  private static final String NEAR = "near:";

  private static final String CLAUSE = "clause:";
  private static final int WHOLE_CLAUSE = -1;

  private static final Set<String> FILLERS =
      Set.of(
          "so",
          "and",
          "ok",
          "okay",
          "also",
          "hmm",
          "um",
          "uh",
          "then",
          "oh",
          "alright",
          "right",
          "well",
          "hey",
          "hi",
          "hello",
          "quick",
          "question",
          "first",
          "next",
          "another",
          "one",
          "more",
          "thing",
          "last",
          "lastly",
          "finally",
          "plus",
          "btw",
          "sorry",
          "but",
          "just",
          "actually",
          "cool",
          "great",
          "thanks",
          "got",
          "second",
          "third",
          "secondly",
          "q",
          "qs");

  private static final Set<String> INTERROGATIVES =
      Set.of(
          "what",
          "what's",
          "whats",
          "how",
          "how's",
          "hows",
          "why",
          "which",
          "who",
          "who's",
          "whom",
          "whose",
          "when",
          "where",
          "do",
          "does",
          "did",
          "is",
          "are",
          "was",
          "were",
          "can",
          "could",
          "should",
          "would",
          "will",
          "shall",
          "may",
          "might",
          "have",
          "has",
          "any",
          "roughly",
          "approx",
          "approximately",
          "wat",
          "wht",
          "hw");

  private enum CueKind {
    ASK,
    CONFIRM,
    OPINION,
    RHETORICAL,
    SELF_ANSWER,
    DISMISS,
    DISMISS_AFTER,
    PREMISE,
    LEAD_IN,
    HEDGE,
    STATEMENT,
    ELABORATION,
    ANECDOTE
  }

  /** A compiled topic pattern. */
  private record TopicRule(
      String topic,
      int priority,
      boolean exclude,
      int window,
      List<List<Phrase>> groups,
      String source) {}

  /** Where a topic pattern matched in a sentence. */
  private record Match(String topic, int priority, int start, int end, BitSet words, String why) {}

  /** One sentence, read: its tokens, where its cues sit, and its topic matches. */
  private record Reading(
      String text,
      List<Token> tokens,
      Map<CueKind, List<int[]>> cues,
      List<Match> matches,
      boolean question) {

    boolean has(CueKind kind) {
      return cues.containsKey(kind);
    }

    /** Whether a cue of this kind starts within the first {@code reach} tokens. */
    boolean opensWith(CueKind kind, int reach) {
      for (int[] at : cues.getOrDefault(kind, List.of())) {
        if (at[0] <= reach) {
          return true;
        }
      }
      return false;
    }

    /** Whether cues of this kind cover every token (a tag sentence: "ok?", "right?"). */
    boolean coveredBy(CueKind kind) {
      BitSet covered = new BitSet();
      for (int[] at : cues.getOrDefault(kind, List.of())) {
        covered.set(at[0], at[1] + 1);
      }
      for (int i = 0; i < tokens.size(); i++) {
        if (!covered.get(i) && !FILLERS.contains(tokens.get(i).raw())) {
          return false;
        }
      }
      return !tokens.isEmpty();
    }
  }

  /**
   * A whole message, read: its sentences, which of them plainly ask (a question mark, a question
   * word, "tell me ..."), and which may ask (anything but a plain statement, an opinion or a
   * rhetorical question: terse writers drop question marks, "dau + candidate pool size per day").
   */
  private record Message(List<Reading> sentences, List<Boolean> asking, List<Boolean> inquiring) {}

  private final TextAnalysis analysis = new TextAnalysis();
  private final TypoRepair typos;
  private final List<TopicRule> rules = new ArrayList<>();
  private final PhraseIndex<int[]> ruleIndex = new PhraseIndex<>();
  private final PhraseIndex<CueKind> cueIndex = new PhraseIndex<>();
  private final Map<String, String> names;

  private Clarifier(ClarifyLexicon lexicon, Map<String, String> names) {
    this.names = Map.copyOf(names);
    LexiconCompiler compiler = new LexiconCompiler(analysis);
    for (var entry : lexicon.topics().entrySet()) {
      for (String pattern : entry.getValue().patterns()) {
        addRule(compiler, entry.getKey(), pattern, false);
      }
      for (String pattern : entry.getValue().exclude()) {
        addRule(compiler, entry.getKey(), pattern, true);
      }
    }
    for (int r = 0; r < rules.size(); r++) {
      List<List<Phrase>> groups = rules.get(r).groups();
      for (int g = 0; g < groups.size(); g++) {
        for (Phrase phrase : groups.get(g)) {
          ruleIndex.add(phrase, new int[] {r, g});
        }
      }
    }
    ClarifyLexicon.Cues cues = lexicon.cues();
    addCues(compiler, cues.ask(), CueKind.ASK);
    addCues(compiler, cues.confirm(), CueKind.CONFIRM);
    addCues(compiler, cues.opinion(), CueKind.OPINION);
    addCues(compiler, cues.rhetorical(), CueKind.RHETORICAL);
    addCues(compiler, cues.selfAnswer(), CueKind.SELF_ANSWER);
    addCues(compiler, cues.dismiss(), CueKind.DISMISS);
    addCues(compiler, cues.dismissAfter(), CueKind.DISMISS_AFTER);
    addCues(compiler, cues.premise(), CueKind.PREMISE);
    addCues(compiler, cues.leadIn(), CueKind.LEAD_IN);
    addCues(compiler, cues.hedge(), CueKind.HEDGE);
    addCues(compiler, cues.statement(), CueKind.STATEMENT);
    addCues(compiler, cues.elaboration(), CueKind.ELABORATION);
    addCues(compiler, cues.anecdote(), CueKind.ANECDOTE);
    this.typos = new TypoRepair(compiler.vocabulary(), compiler.prefixes());
  }

  private void addRule(LexiconCompiler compiler, String topic, String pattern, boolean exclude) {
    String text = pattern.strip();
    int priority = 1;
    if (text.startsWith(WEAK)) {
      priority = 0;
      text = text.substring(WEAK.length());
    } else if (text.startsWith(STRONG)) {
      priority = 2;
      text = text.substring(STRONG.length());
    }
    if (text.startsWith(NEAR)) {
      text = text.substring(NEAR.length());
    } else if (exclude && text.startsWith(CLAUSE)) {
      // an exclude that vetoes its topic anywhere in its clause
      priority = WHOLE_CLAUSE;
      text = text.substring(CLAUSE.length());
    }
    for (LexiconCompiler.Rule rule : compiler.compile(topic, ConceptKind.PRACTICE, text, false)) {
      rules.add(
          new TopicRule(topic, priority, exclude, rule.window(), rule.groups(), pattern.strip()));
    }
  }

  private void addCues(LexiconCompiler compiler, List<String> texts, CueKind kind) {
    texts.forEach(text -> cueIndex.add(compiler.cue(text), kind));
  }

  /** The clarifier with the shipped lexicon. */
  public static Clarifier create() {
    return create(null);
  }

  /**
   * The clarifier with the lexicon in {@code lexiconFile} (for tuning without a rebuild), or the
   * shipped one when it is null.
   */
  public static Clarifier create(Path lexiconFile) {
    Map<String, String> names = new HashMap<>();
    for (FactTopic topic : CurriculumLoader.loadDefault().factTopics()) {
      names.put(topic.id(), topic.name());
    }
    return new Clarifier(ClarifyLexicon.load(lexiconFile), names);
  }

  /**
   * Whether the message is a clarifying question to the interviewer (asks for information or asks
   * to confirm an assumption, "300k listings?", "I'll assume 5M a day, ok?"), rather than an
   * answer, an opinion put as a question ("wouldn't GBDT be better?"), or a rhetorical one. A
   * message that mostly states things and asks along the way is an answer.
   */
  public boolean isClarifyingQuestion(String text) {
    Message message = read(text);
    boolean asks = false;
    for (int s = 0; s < message.sentences().size(); s++) {
      Reading sentence = message.sentences().get(s);
      // terse: "cs headcount + how many accts can they reach per day"
      List<Token> tokens = sentence.tokens();
      boolean terseQuestion =
          message.inquiring().get(s)
              && !sentence.matches().isEmpty()
              && tokens.subList(0, Math.min(TERSE_WH_REACH, tokens.size())).stream()
                  .anyMatch(t -> WH_WORDS.contains(t.raw()));
      if (message.asking().get(s) || terseQuestion) {
        asks = true;
      } else if (!isLeadIn(sentence)) {
        // a statement: the message answers (it may ask along the way)
        return false;
      }
    }
    return asks;
  }

  /** A short opener before the question ("Quick question.", "Before I start:"). */
  private static boolean isLeadIn(Reading sentence) {
    if (sentence.tokens().size() > 8) {
      return false;
    }
    return sentence.opensWith(CueKind.LEAD_IN, 2)
        || sentence.text().endsWith(":")
        || sentence.coveredBy(CueKind.CONFIRM);
  }

  /** Every topic id the text asks about, in the order asked, no duplicates (empty when none). */
  public List<String> topics(String text) {
    return new ArrayList<>(explain(text).keySet());
  }

  /**
   * The topics the text asks about, in order, each with the pattern and sentence that found it (for
   * tuning the lexicon).
   */
  Map<String, String> explain(String text) {
    Message message = read(text);
    List<Match> asked = new ArrayList<>();
    List<Match> premises = new ArrayList<>();
    // the topics a sentence asked with confidence, for a list of options that follows it
    Set<String> confident = Set.of();
    for (int s = 0; s < message.sentences().size(); s++) {
      if (!message.inquiring().get(s)) {
        confident = Set.of();
        continue;
      }
      Reading sentence = message.sentences().get(s);
      // "tell me the success metric. retained MRR, churn rate vs a holdout, or just usage?": a
      // list of options after a confident question spells out what it asked
      boolean options = !confident.isEmpty() && isOptionList(sentence);
      Set<String> asks = confident;
      confident =
          sentence.matches().stream()
              .filter(m -> m.priority() == 2)
              .map(Match::topic)
              .collect(java.util.stream.Collectors.toSet());
      Set<Integer> premiseClauses = premiseClauses(sentence);
      Set<Integer> storyClauses = clausesWith(sentence, CueKind.ANECDOTE);
      // "given we need it by 8am?" alone asks about its premise; "given the latency, I'd use
      // GBDT." does not
      boolean premiseAsks = sentence.question() && !sentence.has(CueKind.STATEMENT);
      for (Match match : sentence.matches()) {
        int clause = sentence.tokens().get(match.start()).clause();
        if (options && !asks.contains(match.topic())) {
          continue;
        }
        if (storyClauses.contains(clause)) {
          // "At my old job the desk got swamped after Christmas, so does ...": context
          continue;
        }
        if (premiseClauses.contains(clause)) {
          if (premiseAsks) {
            premises.add(match);
          }
        } else {
          asked.add(match);
        }
      }
    }
    // "given we need it by 8am?" alone: the premise is what is asked
    if (asked.isEmpty()) {
      asked = premises;
    }
    // a weak reading ("how many?") counts only when nothing else in the message was read
    if (asked.stream().anyMatch(m -> m.priority() > 0)) {
      asked = asked.stream().filter(m -> m.priority() > 0).toList();
    }
    Map<String, String> topics = new LinkedHashMap<>();
    for (Match match : asked) {
      topics.putIfAbsent(match.topic(), match.why());
    }
    return topics;
  }

  /**
   * Whether the sentence only lists options ("spreadsheet, gut feel, some health score in the
   * CRM?"): it does not open with a question word or a verb asking on, and it names several things
   * (a comma, "or", "vs").
   */
  private static boolean isOptionList(Reading sentence) {
    List<Token> body = withoutFillers(sentence.tokens());
    if (body.isEmpty()
        || INTERROGATIVES.contains(body.get(0).raw())
        || sentence.has(CueKind.ASK)
        || sentence.has(CueKind.HEDGE)
        || SUBJECTS.contains(body.get(0).raw())) {
      return false;
    }
    boolean or = body.stream().anyMatch(t -> OPTION_WORDS.contains(t.raw()));
    int commas = 0;
    for (int i = 1; i < body.size(); i++) {
      if (body.get(i).clause() != body.get(i - 1).clause()) {
        if (asksOn(body, i)) {
          // "..., so do we have ...": it asks on
          return false;
        }
        commas++;
      }
    }
    return commas >= 2 || (commas == 1 && or);
  }

  /** The interviewer's reply on this prompt: one entry per topic asked, in order. */
  public List<Clarification> answer(Prompt prompt, String text) {
    List<Clarification> replies = new ArrayList<>();
    for (String topic : topics(text)) {
      replies.add(
          new Clarification(
              topic,
              names.getOrDefault(topic, topic),
              prompt.fact(topic).map(fact -> fact.answer().strip())));
    }
    return replies;
  }

  /** The topic's display name ("Scale and volume"). */
  public String topicName(String topicId) {
    return names.getOrDefault(topicId, topicId);
  }

  // ---------------------------------------------------------------------------------------------

  private Message read(String raw) {
    String text = UserText.clean(raw).text();
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS);
    }
    List<Reading> sentences = new ArrayList<>();
    for (TextAnalysis.Sentence sentence : analysis.sentences(text)) {
      sentences.add(readSentence(sentence));
    }
    List<Boolean> asking = new ArrayList<>();
    List<Boolean> inquiring = new ArrayList<>();
    for (int s = 0; s < sentences.size(); s++) {
      boolean asks = asks(sentences, s);
      asking.add(asks);
      // a long statement leading up to a question sets the scene ("In our care program nurses
      // could call 30 members a day. Is there a similar cap here?"), unless it offers an
      // assumption; a part closed by a semicolon lists one more ask ("budget for GPU inference if
      // we want a cross-encoder; and headcount?")
      boolean sceneSetting =
          sentences.get(s).tokens().size() > SCENE_TOKENS
              && !sentences.get(s).text().strip().endsWith(";")
              && sentences.subList(s + 1, sentences.size()).stream().anyMatch(Reading::question)
              && !sentences.get(s).has(CueKind.HEDGE)
              && sentences.get(s).tokens().stream().noneMatch(t -> WH_WORDS.contains(t.raw()));
      // a long statement closed by a full stop after a question comments on it ("What's the GPU
      // budget? A two-tower retriever isn't cheap at this QPS."), unless it offers an assumption;
      // terse writers ask on without a question mark ("... allowed to use them under current tos")
      boolean afterthought =
          sentences.get(s).tokens().size() > SCENE_TOKENS
              && STATEMENT_END.matcher(sentences.get(s).text()).find()
              && sentences.subList(0, s).stream().anyMatch(Reading::question)
              && !sentences.get(s).has(CueKind.HEDGE);
      inquiring.add(asks || (mayAsk(sentences, s) && !sceneSetting && !afterthought));
    }
    return new Message(List.copyOf(sentences), List.copyOf(asking), List.copyOf(inquiring));
  }

  /** Whether sentence {@code s} asks the interviewer something. */
  private static boolean asks(List<Reading> sentences, int s) {
    Reading sentence = sentences.get(s);
    Reading next = s + 1 < sentences.size() ? sentences.get(s + 1) : null;
    List<Token> body = withoutFillers(sentence.tokens());
    if (body.isEmpty()) {
      return sentence.question();
    }
    int opening = sentence.tokens().size() - body.size();
    if (sentence.opensWith(CueKind.OPINION, opening + 1) || sentence.has(CueKind.RHETORICAL)) {
      return false;
    }
    // "How many users do we have? Doesn't matter." asks nobody
    if (sentence.question() && next != null && next.opensWith(CueKind.SELF_ANSWER, 0)) {
      return false;
    }
    if (sentence.question() || sentence.has(CueKind.ASK)) {
      return true;
    }
    // "I don't need the latency, just the volume": narrowing what is asked
    if (sentence.opensWith(CueKind.DISMISS, opening + 2)
        && !sentence.matches().isEmpty()
        && sentence.tokens().stream().anyMatch(t -> NARROWING.contains(t.raw()))) {
      return true;
    }
    // "I'll assume 5M a day. OK?": a statement confirmed by a tag that follows
    if (next != null && next.question() && next.coveredBy(CueKind.CONFIRM)) {
      return true;
    }
    if (INTERROGATIVES.contains(body.get(0).raw())) {
      return true;
    }
    // a bare topic with no question mark: "label delay", "qps"
    return body.size() <= FRAGMENT_TOKENS
        && body.stream().noneMatch(Token::isNumber)
        && !sentence.matches().isEmpty()
        && sentences.size() == 1;
  }

  /**
   * Whether a sentence that does not plainly ask may still ask: an offered assumption ("probably 5M
   * a day") or a terse fragment ("cs headcount + calls per day"), but not a plain statement ("I'd
   * start with a GBDT"), an opinion or a rhetorical question.
   */
  private static boolean mayAsk(List<Reading> sentences, int s) {
    Reading sentence = sentences.get(s);
    Reading next = s + 1 < sentences.size() ? sentences.get(s + 1) : null;
    List<Token> body = withoutFillers(sentence.tokens());
    if (body.isEmpty()) {
      return false;
    }
    int opening = sentence.tokens().size() - body.size();
    if (sentence.opensWith(CueKind.OPINION, opening + 1)
        || sentence.has(CueKind.RHETORICAL)
        || (sentence.question() && next != null && next.opensWith(CueKind.SELF_ANSWER, 0))) {
      return false;
    }
    // "Back when I worked at a store we ran out of bananas by noon.": a story, not a question
    if (sentence.has(CueKind.ANECDOTE)) {
      return false;
    }
    // an assumption offered alongside a question asks to confirm it ("How much time do we get?
    // I will assume under 100ms."); offered alone, it answers
    if (sentence.has(CueKind.HEDGE)) {
      return sentences.stream().anyMatch(Reading::question) || assumes(sentence);
    }
    // "The list is daily anyway.", "We could score nightly.": a plain statement
    return !sentence.opensWith(CueKind.STATEMENT, opening + 1)
        && !SUBJECTS.contains(body.get(0).raw());
  }

  /** Whether the sentence explicitly assumes ("..., i assume", "I'm guessing ..."). */
  private static boolean assumes(Reading sentence) {
    for (int[] at : sentence.cues().getOrDefault(CueKind.HEDGE, List.of())) {
      for (int i = at[0]; i <= at[1]; i++) {
        String word = sentence.tokens().get(i).raw();
        if (word.startsWith("assum") || word.startsWith("guess")) {
          return true;
        }
      }
    }
    return false;
  }

  private static List<Token> withoutFillers(List<Token> tokens) {
    int i = 0;
    while (i < tokens.size() && i < 4 && FILLERS.contains(tokens.get(i).raw())) {
      i++;
    }
    return tokens.subList(i, tokens.size());
  }

  /** The clauses a cue of this kind sits in. */
  private static Set<Integer> clausesWith(Reading sentence, CueKind kind) {
    Set<Integer> clauses = new java.util.HashSet<>();
    for (int[] at : sentence.cues().getOrDefault(kind, List.of())) {
      clauses.add(sentence.tokens().get(at[0]).clause());
    }
    return clauses;
  }

  /** Clauses opening with a premise ("given ...", "since ...", "you said ..."). */
  private static Set<Integer> premiseClauses(Reading sentence) {
    return premiseClauses(sentence.tokens(), sentence.cues());
  }

  private static Set<Integer> premiseClauses(List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    Set<Integer> clauses = new java.util.HashSet<>();
    for (int[] at : cues.getOrDefault(CueKind.PREMISE, List.of())) {
      // "..., with what RAM ceiling?" asks
      if (at[1] + 1 < tokens.size() && WH_OPENERS.contains(tokens.get(at[1] + 1).raw())) {
        continue;
      }
      int clause = tokens.get(at[0]).clause();
      int first = at[0];
      while (first > 0
          && tokens.get(first - 1).clause() == clause
          && FILLERS.contains(tokens.get(first - 1).raw())) {
        first--;
      }
      if (first == 0 || tokens.get(first - 1).clause() != clause) {
        clauses.add(clause);
      }
    }
    return clauses;
  }

  private Reading readSentence(TextAnalysis.Sentence sentence) {
    List<Token> tokens = repaired(sentence.tokens());
    Map<CueKind, List<int[]>> cues = new EnumMap<>(CueKind.class);
    for (int i = 0; i < tokens.size(); i++) {
      int start = i;
      cueIndex.forEachMatch(
          tokens,
          i,
          (kind, length) ->
              cues.computeIfAbsent(kind, k -> new ArrayList<>())
                  .add(new int[] {start, start + length - 1}));
    }
    List<Match> matches = topicMatches(tokens, cues, elaboration(sentence.text(), tokens, cues));
    return new Reading(
        sentence.text(), tokens, cues, matches, QuestionShapes.isQuestion(sentence.text()));
  }

  private List<Token> repaired(List<Token> tokens) {
    List<Token> out = null;
    for (int i = 0; i < tokens.size(); i++) {
      Token token = tokens.get(i);
      String fixed = typos.repair(token.raw());
      if (!fixed.equals(token.raw())) {
        if (out == null) {
          out = new ArrayList<>(tokens);
        }
        out.set(i, new Token(fixed, analysis.stem(fixed), token.clause()));
      }
    }
    return out == null ? tokens : out;
  }

  /** The topic matches of one sentence that survive excludes, overlaps and dismissals. */
  private List<Match> topicMatches(
      List<Token> tokens, Map<CueKind, List<int[]>> cues, int[] elaboration) {
    Map<Integer, List<int[]>[]> spans = new LinkedHashMap<>();
    for (int position = 0; position < tokens.size(); position++) {
      int start = position;
      ruleIndex.forEachMatch(
          tokens,
          position,
          (ref, length) -> {
            @SuppressWarnings("unchecked")
            List<int[]>[] byGroup =
                spans.computeIfAbsent(
                    ref[0], r -> (List<int[]>[]) new List[rules.get(r).groups().size()]);
            if (byGroup[ref[1]] == null) {
              byGroup[ref[1]] = new ArrayList<>(2);
            }
            byGroup[ref[1]].add(new int[] {start, start + length - 1});
          });
    }
    List<Match> found = new ArrayList<>();
    List<Match> excludes = new ArrayList<>();
    for (var entry : spans.entrySet()) {
      TopicRule rule = rules.get(entry.getKey());
      List<int[]>[] byGroup = entry.getValue();
      boolean complete = true;
      for (List<int[]> group : byGroup) {
        complete &= group != null;
      }
      if (!complete) {
        continue;
      }
      List<Match> into = rule.exclude() ? excludes : found;
      combine(rule, byGroup, 0, new int[byGroup.length][], into, tokens);
    }
    // a reading may not reach across into the next part of a multi-part question when that part
    // has a reading of its own ("who reads the urgent flags, and what's the cost if an urgent one
    // sits?" does not ask what is urgent); "..., and how long do those take?" leans on the first
    List<Match> straddling = new ArrayList<>();
    for (Match m : found) {
      int part = nextPart(tokens, m);
      if (part > 0
          && found.stream()
              .anyMatch(
                  n ->
                      !n.topic().equals(m.topic())
                          && n.start() >= part
                          && nextPart(tokens, n) < 0)) {
        straddling.add(m);
      }
    }
    found.removeAll(straddling);
    // nor across into a premise ("reliable as ground truth, given agents reroute after first
    // touch?" does not ask how long after)
    Set<Integer> premises = premiseClauses(tokens, cues);
    found.removeIf(
        m -> {
          boolean premise = false;
          boolean asked = false;
          for (int i = m.start(); i <= m.end(); i++) {
            if (m.words().get(i)) {
              boolean inPremise = premises.contains(tokens.get(i).clause());
              premise |= inPremise;
              asked |= !inPremise;
            }
          }
          return premise && asked;
        });
    // an exclude near a match vetoes it ("how many & analysts" is not volume)
    found.removeIf(
        m ->
            excludes.stream()
                .anyMatch(
                    x ->
                        x.topic().equals(m.topic())
                            && (x.priority() == WHOLE_CLAUSE
                                ? tokens.get(x.start()).clause() == tokens.get(m.start()).clause()
                                    || tokens.get(x.end()).clause() == tokens.get(m.end()).clause()
                                : x.start() <= m.end() + EXCLUDE_REACH
                                    && m.start() <= x.end() + EXCLUDE_REACH
                                    && sharesClause(tokens, x, m))));
    // where two topics read the same words, the higher priority wins
    List<Match> kept = new ArrayList<>();
    for (Match m : found) {
      boolean beaten =
          found.stream()
              .anyMatch(
                  n ->
                      !n.topic().equals(m.topic())
                          && n.priority() > m.priority()
                          && n.words().intersects(m.words()));
      if (!beaten && !dismissed(m, tokens, cues)) {
        kept.add(m);
      }
    }
    // a weak reading counts only when nothing else in the sentence was read
    if (kept.stream().anyMatch(m -> m.priority() > 0)) {
      kept.removeIf(m -> m.priority() == 0);
    }
    // "What is the goal: conversion, revenue, or retention?": the examples after a colon, a dash
    // or "like" spell out what was asked before them, they are not asked themselves
    // ("... (feature store, Spark) and which team owns it?" asks on after the examples)
    if (elaboration[0] > 0
        && kept.stream().anyMatch(m -> m.priority() > 0 && m.end() < elaboration[0])) {
      kept.removeIf(m -> m.end() >= elaboration[0] && m.start() < elaboration[1]);
    }
    // "What are we trying to improve, nights booked or host earnings?": a list of options in a
    // later clause spells out what the first clause asked
    int options = optionsClauseStart(tokens);
    int confidentEnd =
        kept.stream()
            .filter(m -> m.priority() == 2 && m.end() < Math.max(options, 0))
            .mapToInt(Match::end)
            .min()
            .orElse(-1);
    if (options > 0 && confidentEnd >= 0) {
      // the list ends where a clause asks on ("..., and do we have ...")
      int listEnd = tokens.size();
      for (int i = options + 1; i < tokens.size() && listEnd == tokens.size(); i++) {
        if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
          listEnd = i;
        }
      }
      int end = listEnd;
      kept.removeIf(
          m ->
              m.priority() < 2
                  && m.start() > confidentEnd
                  && m.end() >= options
                  && m.start() < end);
    }
    kept.sort(
        (a, b) -> a.start() != b.start() ? a.start() - b.start() : b.priority() - a.priority());
    return List.copyOf(kept);
  }

  private static final java.util.regex.Pattern EXAMPLES_MARK =
      java.util.regex.Pattern.compile(":|\\s[-–—]+\\s|—|\\(");

  /**
   * Where examples run, as {first token, token after the last}: from "like", "such as", or after a
   * colon, a dash or a bracket (unless a new question starts there: "... volume - and how fast?")
   * up to a closing bracket or a later clause that asks on (", and which team ..."); {-1, -1} when
   * nowhere.
   */
  private int[] elaboration(String text, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    int start = elaborationStart(text, tokens, cues);
    if (start < 0) {
      return new int[] {-1, -1};
    }
    int end = tokens.size();
    int open = text.indexOf('(');
    int close = open < 0 ? -1 : text.indexOf(')', open);
    if (close > 0 && analysis.tokens(text.substring(0, open)).size() == start) {
      end = analysis.tokens(text.substring(0, close)).size();
    }
    for (int i = start + 1; i < end; i++) {
      if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
        end = i;
      }
    }
    return new int[] {start, end};
  }

  /**
   * Whether the clause starting at token {@code i} asks something new: it opens with a question
   * word, or with "and", "also", "plus", "but" or "so" before one (", and how many ...").
   */
  private static boolean asksOn(List<Token> tokens, int i) {
    String first = tokens.get(i).raw();
    if (WH_OPENERS.contains(first)) {
      return true;
    }
    // "..., with what RAM ceiling?"
    if (ASKING_PREPOSITIONS.contains(first)
        && i + 1 < tokens.size()
        && WH_OPENERS.contains(tokens.get(i + 1).raw())) {
      return true;
    }
    return CONTINUERS.contains(first)
        && i + 1 < tokens.size()
        && INTERROGATIVES.contains(tokens.get(i + 1).raw())
        && !tokens.get(i + 1).raw().equals("any");
  }

  private static final Set<String> WH_OPENERS =
      Set.of(
          "what", "what's", "whats", "how", "how's", "hows", "why", "which", "who", "who's", "whom",
          "whose", "when", "where");

  private static final Set<String> ASKING_PREPOSITIONS =
      Set.of("with", "in", "at", "on", "by", "for", "to", "from", "under", "within", "of");

  private static final Set<String> CONTINUERS = Set.of("and", "also", "plus", "but", "so");

  private int elaborationStart(String text, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    int start = -1;
    for (int[] at : cues.getOrDefault(CueKind.ELABORATION, List.of())) {
      // "and like how many leave?" goes on asking; "like 10 MB?" gives an example
      boolean goesOn =
          (at[1] + 1 < tokens.size() && opensPart(tokens.get(at[1] + 1).raw()))
              || (at[0] > 0 && NEW_PART.contains(tokens.get(at[0] - 1).raw()));
      if (at[0] > 0 && !goesOn && (start < 0 || at[0] < start)) {
        start = at[0];
      }
    }
    java.util.regex.Matcher mark = EXAMPLES_MARK.matcher(text);
    if (mark.find()) {
      int before = analysis.tokens(text.substring(0, mark.start())).size();
      List<Token> after = analysis.tokens(text.substring(mark.end()));
      boolean newPart = !after.isEmpty() && opensPart(after.get(0).raw());
      if (before > 0 && !newPart && (start < 0 || before < start)) {
        start = before;
      }
    }
    return start;
  }

  private static boolean opensPart(String word) {
    return INTERROGATIVES.contains(word) || NEW_PART.contains(word);
  }

  private static final Set<String> NEW_PART =
      Set.of(
          "and", "also", "plus", "then", "but", "or", "i", "we", "so", "if", "does", "do", "um",
          "uh", "you", "they");

  private static final Set<String> OPTION_WORDS = Set.of("or", "vs", "versus");

  /**
   * The first token of the first later clause that lists options ("..., X or Y") and does not open
   * a new part ("..., or is it ...", "..., and how many ..."); -1 when none.
   */
  private static int optionsClauseStart(List<Token> tokens) {
    for (int i = 1; i < tokens.size(); i++) {
      if (tokens.get(i).clause() == tokens.get(i - 1).clause()) {
        continue;
      }
      // "..., cut stockouts, or overall margin?" ends a list; "..., or is it ..." asks on
      if (OPTION_WORDS.contains(tokens.get(i).raw())
          && i + 1 < tokens.size()
          && tokens.get(i + 1).clause() == tokens.get(i).clause()
          && !opensPart(tokens.get(i + 1).raw())) {
        return i;
      }
      if (opensPart(tokens.get(i).raw())) {
        continue;
      }
      int clause = tokens.get(i).clause();
      for (int j = i; j < tokens.size() && tokens.get(j).clause() == clause; j++) {
        if (OPTION_WORDS.contains(tokens.get(j).raw()) && j > i) {
          return i;
        }
      }
    }
    return -1;
  }

  /** The first token of a clause that asks on inside the match's words; -1 when none. */
  private static int nextPart(List<Token> tokens, Match m) {
    for (int i = m.start() + 1; i <= m.end(); i++) {
      if (tokens.get(i).clause() != tokens.get(i - 1).clause() && asksOn(tokens, i)) {
        return i;
      }
    }
    return -1;
  }

  /** Whether two matches have a clause in common. */
  private static boolean sharesClause(List<Token> tokens, Match a, Match b) {
    int aFirst = tokens.get(a.start()).clause();
    int aLast = tokens.get(a.end()).clause();
    int bFirst = tokens.get(b.start()).clause();
    int bLast = tokens.get(b.end()).clause();
    return aFirst <= bLast && bFirst <= aLast;
  }

  /** Every way the rule's groups match within its window (a handful at most). */
  private void combine(
      TopicRule rule,
      List<int[]>[] byGroup,
      int group,
      int[][] chosen,
      List<Match> into,
      List<Token> tokens) {
    if (into.size() > 64) {
      return;
    }
    if (group == byGroup.length) {
      int start = Integer.MAX_VALUE;
      int end = -1;
      BitSet words = new BitSet();
      for (int[] at : chosen) {
        start = Math.min(start, at[0]);
        end = Math.max(end, at[1]);
        words.set(at[0], at[1] + 1);
      }
      if (end - start + 1 <= rule.window() + 1) {
        StringBuilder why = new StringBuilder(rule.topic()).append(rule.priority()).append(':');
        words.stream().forEach(i -> why.append(' ').append(tokens.get(i).raw()));
        into.add(new Match(rule.topic(), rule.priority(), start, end, words, why.toString()));
      }
      return;
    }
    for (int[] at : byGroup[group]) {
      boolean overlaps = false;
      for (int g = 0; g < group; g++) {
        overlaps |= chosen[g][0] <= at[1] && at[0] <= chosen[g][1];
      }
      if (overlaps) {
        continue;
      }
      chosen[group] = at;
      combine(rule, byGroup, group + 1, chosen, into, tokens);
    }
  }

  /** "I don't need the latency", "forget volume", "latency aside", "latency I know". */
  private static boolean dismissed(Match m, List<Token> tokens, Map<CueKind, List<int[]>> cues) {
    int clause = tokens.get(m.start()).clause();
    for (int[] at : cues.getOrDefault(CueKind.DISMISS, List.of())) {
      if (at[1] < m.start()
          && m.start() - at[1] <= DISMISS_BEFORE
          && tokens.get(at[1]).clause() == clause) {
        return true;
      }
    }
    int endClause = tokens.get(m.end()).clause();
    for (int[] at : cues.getOrDefault(CueKind.DISMISS_AFTER, List.of())) {
      if (at[0] > m.end()
          && at[0] - m.end() <= DISMISS_AFTER
          && tokens.get(at[0]).clause() == endClause) {
        return true;
      }
    }
    return false;
  }
}
