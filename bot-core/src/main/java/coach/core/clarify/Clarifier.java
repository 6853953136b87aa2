package coach.core.clarify;

import coach.core.coverage.LexiconCompiler;
import coach.core.coverage.TextAnalysis;
import coach.core.coverage.TypoRepair;
import coach.core.curriculum.Prompt;
import coach.core.text.RecentResults;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
 *
 * <p>A facade: {@link Shorthand} spells out abbreviations and acronyms, {@link MessageReader} reads
 * a message into sentences and decides which ask, {@link TopicMatcher} reads each sentence's
 * topics, {@link TopicChooser} picks the topics the message asks (after {@link Corrections} has
 * dropped what a self-correction replaces), {@link TopicModel} (learned from many authors' labelled
 * questions) keeps, drops or adds to those topics, and {@link FactAnswers} replies from the
 * prompt's facts.
 */
public final class Clarifier {

  private final MessageReader reader;
  private final FactAnswers facts;

  /** The learned second reading, or null to read by the lexicon alone. */
  private final TopicModel model;

  /**
   * The last readings, so a message read ahead of its transaction is not read again inside it.
   * About two per event handler in flight.
   */
  private final RecentResults<String, Boolean> recentAsks = new RecentResults<>(RECENT);

  private final RecentResults<String, List<String>> recentTopics = new RecentResults<>(RECENT);

  private static final int RECENT = 256;

  private Clarifier(MessageReader reader, FactAnswers facts, TopicModel model) {
    this.reader = reader;
    this.facts = facts;
    this.model = model;
  }

  private Clarifier(ClarifyLexicon lexicon, FactAnswers facts, TopicModel model) {
    this.facts = facts;
    this.model = model;
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
    return create(lexiconFile, TopicModel.shipped());
  }

  /**
   * The clarifier with the lexicon in {@code lexiconFile} (the shipped one when null) and the
   * learned reader {@code model} (none, reading by the lexicon alone, when null).
   */
  public static Clarifier create(Path lexiconFile, TopicModel model) {
    return new Clarifier(ClarifyLexicon.load(lexiconFile), FactAnswers.fromCurriculum(), model);
  }

  /**
   * Whether the message is a clarifying question to the interviewer (asks for information or asks
   * to confirm an assumption, "300k listings?", "I'll assume 5M a day, ok?"), rather than an
   * answer, an opinion put as a question ("wouldn't GBDT be better?"), or a rhetorical one. A
   * message that mostly states things and asks along the way is an answer.
   */
  public boolean isClarifyingQuestion(String text) {
    return recentAsks.get(text, t -> MessageReader.isClarifyingQuestion(reader.read(t)));
  }

  /** Every topic id the text asks about, in the order asked, no duplicates (empty when none). */
  public List<String> topics(String text) {
    return new ArrayList<>(recentTopics.get(text, t -> List.copyOf(explain(t).keySet())));
  }

  /**
   * The topics the text asks about, in order, each with the pattern and sentence that found it (for
   * tuning the lexicon).
   */
  Map<String, String> explain(String text) {
    Message message = reader.read(text);
    Map<String, String> lexical = TopicChooser.explain(message);
    if (model == null) {
      return lexical;
    }
    List<String> found = List.copyOf(lexical.keySet());
    // a topic the speaker took back ("how many analysts - sorry, I mean ...") is never added back
    Set<String> withdrawn = new HashSet<>();
    Corrections.replaced(message).forEach(match -> withdrawn.add(match.topic()));
    Map<String, String> why = new LinkedHashMap<>();
    for (String topic : model.topics(TopicFeatures.of(message, found), found)) {
      if (lexical.containsKey(topic) || !withdrawn.contains(topic)) {
        why.put(topic, lexical.getOrDefault(topic, "the learned reader (no lexical match)"));
      }
    }
    return why;
  }

  /**
   * Trains the learned reader on labelled sets (by file name, in order) as this clarifier's lexicon
   * reads them; deterministic.
   */
  public TopicModel train(Map<String, List<LabelledQuestion>> sets) {
    List<TopicModel.Example> examples = new ArrayList<>();
    for (List<LabelledQuestion> set : sets.values()) {
      for (LabelledQuestion question : set) {
        Message message = reader.read(question.question());
        List<String> found = List.copyOf(TopicChooser.explain(message).keySet());
        examples.add(new TopicModel.Example(TopicFeatures.of(message, found), question.topics()));
      }
    }
    return TopicModel.train(examples, TopicModel.SETTINGS, List.copyOf(sets.keySet()));
  }

  /** This clarifier's lexicon with another learned reader (none when null). */
  public Clarifier withModel(TopicModel other) {
    return new Clarifier(reader, facts, other);
  }

  /** The message read into sentences, cues and matches. */
  Message read(String text) {
    return reader.read(text);
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
