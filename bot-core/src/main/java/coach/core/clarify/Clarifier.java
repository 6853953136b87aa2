package coach.core.clarify;

import coach.core.coverage.LexiconCompiler;
import coach.core.coverage.TextAnalysis;
import coach.core.coverage.TypoRepair;
import coach.core.curriculum.Prompt;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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
 *
 * <p>A facade: {@link Shorthand} spells out abbreviations and acronyms, {@link MessageReader} reads
 * a message into sentences and decides which ask, {@link TopicMatcher} reads each sentence's
 * topics, {@link TopicChooser} picks the topics the message asks (after {@link Corrections} has
 * dropped what a self-correction replaces), and {@link FactAnswers} replies from the prompt's
 * facts.
 */
public final class Clarifier {

  private final MessageReader reader;
  private final FactAnswers facts;

  private Clarifier(ClarifyLexicon lexicon, FactAnswers facts) {
    this.facts = facts;
    TextAnalysis analysis = new TextAnalysis();
    // one compiler for topics and cues: the typo repair learns the vocabulary of both
    LexiconCompiler compiler = new LexiconCompiler(analysis);
    TopicMatcher topicMatcher = new TopicMatcher(compiler, lexicon, analysis);
    this.reader =
        new MessageReader(
            compiler, lexicon.cues(), new Shorthand(lexicon.shorthand()), analysis, topicMatcher);
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
    FactAnswers facts = FactAnswers.fromCurriculum();
    return new Clarifier(ClarifyLexicon.load(lexiconFile), facts);
  }

  /**
   * Whether the message is a clarifying question to the interviewer (asks for information or asks
   * to confirm an assumption, "300k listings?", "I'll assume 5M a day, ok?"), rather than an
   * answer, an opinion put as a question ("wouldn't GBDT be better?"), or a rhetorical one. A
   * message that mostly states things and asks along the way is an answer.
   */
  public boolean isClarifyingQuestion(String text) {
    return MessageReader.isClarifyingQuestion(reader.read(text));
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
    return TopicChooser.explain(reader.read(text));
  }

  /** The interviewer's reply on this prompt: one entry per topic asked, in order. */
  public List<Clarification> answer(Prompt prompt, String text) {
    return facts.answer(prompt, topics(text));
  }

  /** The topic's display name ("Scale and volume"). */
  public String topicName(String topicId) {
    return facts.topicName(topicId);
  }
}
