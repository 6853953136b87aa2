package coach.core.clarify;

import static coach.core.clarify.Words.INTERROGATIVES;
import static coach.core.clarify.Words.OPTION_WORDS;
import static coach.core.clarify.Words.SUBJECTS;
import static coach.core.clarify.Words.WH_OPENERS;
import static coach.core.clarify.Words.asksOn;
import static coach.core.clarify.Words.withoutFillers;

import coach.core.coverage.Token;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Chooses, across a read message's sentences, which of their topic matches are asked: only in
 * sentences that may ask, not in an anecdote's clauses, a premise only when nothing else is asked,
 * a list of options after a confident question only for what that question asked, and a weak
 * reading only when nothing else in the message was read. Stateless.
 */
final class TopicChooser {

  /** Longest noun phrase put as a question whose weak readings count ("training corpus?"). */
  private static final int NOUN_PHRASE_TOKENS = 3;

  private TopicChooser() {}

  /**
   * The topics the read message asks about, in order, each with the pattern and sentence that found
   * it (for tuning the lexicon).
   */
  static Map<String, String> explain(Message message) {
    List<Match> asked = new ArrayList<>();
    List<Match> premises = new ArrayList<>();
    // the topics a sentence asked with confidence, for a list of options that follows it
    Set<String> confident = Set.of();
    Set<Match> corrected = Corrections.replaced(message);
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
      Set<Integer> premiseClauses = Words.premiseClauses(sentence.tokens(), sentence.cues());
      Set<Integer> storyClauses = clausesWith(sentence, CueKind.ANECDOTE);
      // "given we need it by 8am?" alone asks about its premise; "given the latency, I'd use
      // GBDT." does not
      boolean premiseAsks = sentence.question() && !sentence.has(CueKind.STATEMENT);
      // "who sets those? merch team?" guesses the answer; "training corpus? ..." asks
      boolean nounPhrase =
          isNounPhraseQuestion(sentence)
              && (s == 0 || !isWhQuestion(message.sentences().get(s - 1)));
      for (Match match : sentence.matches()) {
        if (corrected.contains(match)) {
          // "How many analysts - sorry, I mean how many transactions?"
          continue;
        }
        if (nounPhrase && match.priority() == 0) {
          // "training corpus?": the words the question is made of are what it asks
          match =
              new Match(match.topic(), 1, match.start(), match.end(), match.words(), match.why());
        }
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
   * Whether the sentence is a question made of a short noun phrase and nothing else ("training
   * corpus?", "data retention?"), no question word, no verb of its own.
   */
  private static boolean isNounPhraseQuestion(Reading sentence) {
    List<Token> body = withoutFillers(sentence.tokens());
    return sentence.question()
        && !body.isEmpty()
        && body.size() <= NOUN_PHRASE_TOKENS
        && body.stream().noneMatch(t -> INTERROGATIVES.contains(t.raw()))
        && body.stream().map(Token::clause).distinct().count() == 1;
  }

  private static boolean isWhQuestion(Reading sentence) {
    return sentence.question()
        && sentence.tokens().stream().anyMatch(t -> WH_OPENERS.contains(t.raw()));
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

  /** The clauses a cue of this kind sits in. */
  private static Set<Integer> clausesWith(Reading sentence, CueKind kind) {
    Set<Integer> clauses = new java.util.HashSet<>();
    for (int[] at : sentence.cues().getOrDefault(kind, List.of())) {
      clauses.add(sentence.tokens().get(at[0]).clause());
    }
    return clauses;
  }
}
