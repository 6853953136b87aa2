package coach.core.clarify;

import static coach.core.clarify.Words.INTERROGATIVES;
import static coach.core.clarify.Words.NARROWING;
import static coach.core.clarify.Words.SUBJECTS;
import static coach.core.clarify.Words.WH_WORDS;
import static coach.core.clarify.Words.withoutFillers;

import coach.core.coverage.LexiconCompiler;
import coach.core.coverage.PhraseIndex;
import coach.core.coverage.QuestionShapes;
import coach.core.coverage.TextAnalysis;
import coach.core.coverage.Token;
import coach.core.coverage.TypoRepair;
import coach.core.text.UserText;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a message into sentences and parts: cleans and caps it, splits it into sentences, repairs
 * typos against the lexicon's vocabulary, finds the cue phrases, has {@link TopicMatcher} read each
 * sentence's topics, and decides which sentences plainly ask and which may ask (a terse fragment,
 * an offered assumption) rather than state, give an opinion, set the scene or ask rhetorically.
 * Immutable once built; thread-safe.
 */
final class MessageReader {

  /** Only the first this-many characters of a message are read. */
  static final int MAX_CHARS = 4_000;

  /** Longest sentence without a question mark that still asks by naming a topic ("qps"). */
  private static final int FRAGMENT_TOKENS = 3;

  /** Longest statement before a question that may still ask rather than set the scene. */
  private static final int SCENE_TOKENS = 8;

  /** How near the start a question word makes a terse sentence without a question mark ask. */
  private static final int TERSE_WH_REACH = 4;

  /** A sentence closed as a statement: a full stop or an exclamation mark. */
  private static final java.util.regex.Pattern STATEMENT_END =
      java.util.regex.Pattern.compile("[.!]\\s*$");

  private final TextAnalysis analysis;
  private final Shorthand shorthand;
  private final TopicMatcher topicMatcher;
  private final PhraseIndex<CueKind> cueIndex = new PhraseIndex<>();
  private final TypoRepair typos;

  /**
   * Compiles the cue phrases with {@code compiler}, after {@code topicMatcher} has compiled the
   * topics, and builds the typo repair from everything the compiler has seen.
   */
  MessageReader(
      LexiconCompiler compiler,
      ClarifyLexicon.Cues cues,
      Shorthand shorthand,
      TextAnalysis analysis,
      TopicMatcher topicMatcher) {
    this.analysis = analysis;
    this.shorthand = shorthand;
    this.topicMatcher = topicMatcher;
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
    addCues(compiler, cues.correction(), CueKind.CORRECTION);
    this.typos = new TypoRepair(compiler.vocabulary(), compiler.prefixes());
  }

  private void addCues(LexiconCompiler compiler, List<String> texts, CueKind kind) {
    texts.forEach(text -> cueIndex.add(compiler.cue(text), kind));
  }

  /** Reads a message: its first {@link #MAX_CHARS} characters, cleaned, sentence by sentence. */
  Message read(String raw) {
    String text = UserText.clean(raw).text();
    if (text.length() > MAX_CHARS) {
      text = text.substring(0, MAX_CHARS);
    }
    text = shorthand.expand(text);
    List<Reading> sentences = new ArrayList<>();
    for (TextAnalysis.Sentence sentence : bracketsJoined(analysis.sentences(text))) {
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

  /**
   * The sentences, with a bracket that spans several of them read as one sentence ("how long after
   * do we find out (minutes? next day when the history syncs?)"): what is in the bracket spells out
   * the question it stands in.
   */
  private List<TextAnalysis.Sentence> bracketsJoined(List<TextAnalysis.Sentence> sentences) {
    List<TextAnalysis.Sentence> joined = new ArrayList<>();
    List<TextAnalysis.Sentence> pending = new ArrayList<>();
    for (TextAnalysis.Sentence sentence : sentences) {
      if (pending.isEmpty() && unclosed(sentence.text()) <= 0) {
        joined.add(sentence);
        continue;
      }
      pending.add(sentence);
      String text = String.join(" ", pending.stream().map(TextAnalysis.Sentence::text).toList());
      if (unclosed(text) <= 0) {
        joined.add(
            pending.size() == 1
                ? sentence
                : new TextAnalysis.Sentence(text, analysis.tokens(text)));
        pending.clear();
      }
    }
    // a bracket never closed joins nothing
    joined.addAll(pending);
    return joined;
  }

  /** Opening brackets not yet closed in the text. */
  private static int unclosed(CharSequence text) {
    int depth = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      }
    }
    return depth;
  }

  /**
   * Whether the read message is a clarifying question to the interviewer (asks for information or
   * asks to confirm an assumption, "300k listings?", "I'll assume 5M a day, ok?"), rather than an
   * answer, an opinion put as a question ("wouldn't GBDT be better?"), or a rhetorical one. A
   * message that mostly states things and asks along the way is an answer.
   */
  static boolean isClarifyingQuestion(Message message) {
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

  /** Whether sentence {@code s} asks the interviewer something. */
  private static boolean asks(List<Reading> sentences, int s) {
    Reading sentence = sentences.get(s);
    Reading next = s + 1 < sentences.size() ? sentences.get(s + 1) : null;
    List<Token> body = afterCorrection(sentence);
    if (body.isEmpty()) {
      return sentence.question();
    }
    int opening = sentence.tokens().size() - body.size();
    if (sentence.opensWith(CueKind.OPINION, opening + 1) || sentence.has(CueKind.RHETORICAL)) {
      return false;
    }
    // "How many users do we have? Doesn't matter." asks nobody
    if (sentence.question() && next != null && selfAnswers(next)) {
      return false;
    }
    if (sentence.question() || sentence.hasOutside(CueKind.ASK, CueKind.STATEMENT)) {
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

  /** "No.", "Doesn't matter." after a question answer it; "No wait, I mean ..." corrects it. */
  private static boolean selfAnswers(Reading next) {
    return next.opensWith(CueKind.SELF_ANSWER, 0) && !next.opensWith(CueKind.CORRECTION, 0);
  }

  /**
   * The sentence's words after its opening fillers and an opening self-correction ("Sorry, I mean,
   * which team owns it" reads "which team owns it").
   */
  private static List<Token> afterCorrection(Reading sentence) {
    List<Token> body = withoutFillers(sentence.tokens());
    int opening = sentence.tokens().size() - body.size();
    for (int[] at : sentence.cues().getOrDefault(CueKind.CORRECTION, List.of())) {
      if (at[0] == opening) {
        return withoutFillers(sentence.tokens().subList(at[1] + 1, sentence.tokens().size()));
      }
    }
    return body;
  }

  /**
   * Whether a sentence that does not plainly ask may still ask: an offered assumption ("probably 5M
   * a day") or a terse fragment ("cs headcount + calls per day"), but not a plain statement ("I'd
   * start with a GBDT"), an opinion or a rhetorical question.
   */
  private static boolean mayAsk(List<Reading> sentences, int s) {
    Reading sentence = sentences.get(s);
    Reading next = s + 1 < sentences.size() ? sentences.get(s + 1) : null;
    List<Token> body = afterCorrection(sentence);
    if (body.isEmpty()) {
      return false;
    }
    int opening = sentence.tokens().size() - body.size();
    if (sentence.opensWith(CueKind.OPINION, opening + 1)
        || sentence.has(CueKind.RHETORICAL)
        || (sentence.question() && next != null && selfAnswers(next))) {
      return false;
    }
    // "Back when I worked at a store we ran out of bananas by noon.": a story, not a question
    if (sentence.has(CueKind.ANECDOTE)) {
      return false;
    }
    // an assumption offered alongside a question asks to confirm it ("How much time do we get?
    // I will assume under 100ms."); offered alone, it answers
    if (sentence.has(CueKind.HEDGE)) {
      // "I guess first step is to look at the data." plans; it assumes nothing the topics read;
      // "ballpark how many accounts ..." asks with a hedge in front of its question word
      return sentences.stream().anyMatch(Reading::question)
          || WH_WORDS.contains(body.get(Math.min(1, body.size() - 1)).raw())
          || (assumes(sentence) && sentence.matches().stream().anyMatch(m -> m.priority() > 0));
    }
    // "What's the latency budget? Sorry, I mean the compute budget.": the question, corrected
    if (s > 0
        && sentences.get(s - 1).question()
        && body.size() < withoutFillers(sentence.tokens()).size()) {
      return true;
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
    List<Match> matches = topicMatcher.matches(sentence.text(), tokens, cues);
    return new Reading(
        sentence.text(), tokens, cues, matches, QuestionShapes.isQuestion(sentence.text()));
  }

  private List<Token> repaired(List<Token> tokens) {
    return typos.repaired(tokens, analysis);
  }
}
