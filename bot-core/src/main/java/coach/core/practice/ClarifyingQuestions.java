package coach.core.practice;

import coach.core.chat.Reply;
import coach.core.chat.Turn;
import coach.core.clarify.Clarification;
import coach.core.clarify.Clarifier;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.coverage.CoverageStore.Outcome;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.text.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * The candidate's questions to the interviewer in a session: telling them from answers, answering
 * every part from the prompt's facts, and crediting each one as checking assumptions.
 */
final class ClarifyingQuestions {

  private static final String CHECK_IN = "assumptions.check_in";

  private final Clarifier clarifier;
  private final CoverageDetector detector;
  private final PracticeStore sessions;
  private final CoverageStore coverage;

  ClarifyingQuestions(
      Clarifier clarifier,
      CoverageDetector detector,
      PracticeStore sessions,
      CoverageStore coverage) {
    this.clarifier = clarifier;
    this.detector = detector;
    this.sessions = sessions;
    this.coverage = coverage;
  }

  /** Words that open a question typed without a question mark ("do we have labels"). */
  private static final Set<String> QUESTION_OPENERS =
      Set.of(
          "what", "what's", "whats", "how", "when", "who", "whom", "which", "where", "why", "is",
          "are", "do", "does", "did", "can", "could", "will", "would", "should", "any", "have",
          "has");

  /**
   * Whether a message in a session is a question to the interviewer. In a session a bare phrase
   * ("chargebacks as labels") is an answer, so beyond what the clarifier accepts the message must
   * carry a question mark or open like a question.
   */
  boolean asks(String text) {
    String stripped = text.strip().toLowerCase(Locale.ROOT);
    String first = stripped.split("[^\\p{L}']+", 2)[0];
    return (stripped.contains("?") || QUESTION_OPENERS.contains(first))
        && clarifier.isClarifyingQuestion(text);
  }

  /**
   * A clarifying question: every part is answered from the prompt's facts (or said to be open), and
   * asking it always counts as checking assumptions.
   */
  Reply clarify(
      Turn turn,
      PracticeSession session,
      Prompt prompt,
      Section section,
      UserText.Cleaned text,
      Reply.Builder reply) {
    SortedSet<String> credited =
        new TreeSet<>(
            detector.detect(text.text(), Optional.of(prompt.id()), Optional.of(section.id())));
    credited.add(CHECK_IN);
    Optional<Answer> stored =
        sessions.addAnswer(
            turn.handle(),
            session,
            section.id(),
            Answer.Kind.QUESTION,
            text.text(),
            turn.now(),
            turn.eventId(),
            credited);
    if (stored.isEmpty()) {
      return Reply.text("I already have that message.");
    }
    sessions.update(turn.handle(), session);
    coverage.record(
        turn.handle(),
        turn.user().id(),
        credited,
        Outcome.COVERED,
        session.id(),
        stored.get().id(),
        turn.now());
    List<String> parts = answers(prompt, text.text());
    if (parts.isEmpty()) {
      reply.paragraph(
          "Good question. The brief doesn't pin that down: state the assumption you'd make and"
              + " carry on.");
    } else {
      parts.forEach(reply::paragraph);
    }
    return reply
        .context(
            "Asking that counts as checking your assumptions. Now, back to "
                + section.title()
                + ".")
        .build();
  }

  /**
   * Reads {@code text} as {@link #asks} and {@link #answers} will, so that reading it again inside
   * the transaction finds the work done (the clarifier remembers its recent readings).
   */
  void prepare(String text) {
    if (asks(text) || text.contains("?")) {
      clarifier.topics(text);
    }
  }

  /** One paragraph per topic the text asks about, from the prompt's facts. */
  List<String> answers(Prompt prompt, String text) {
    List<String> parts = new ArrayList<>();
    for (Clarification part : clarifier.answer(prompt, text)) {
      parts.add(
          part.topicName()
              + ": "
              + part.fact()
                  .orElse("That's not pinned down in this scenario: state your assumption."));
    }
    return parts;
  }
}
