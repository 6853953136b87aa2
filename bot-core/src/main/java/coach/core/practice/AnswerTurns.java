package coach.core.practice;

import coach.core.chat.Reply;
import coach.core.chat.Turn;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.coverage.CoverageStore.Outcome;
import coach.core.coverage.Detection;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.text.UserText;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A message in a session that is not a command: a clarifying question goes to {@link
 * ClarifyingQuestions}; an answer is graded and stored, its credits shown with the words that
 * earned them, a dismissal pushed back on, and the section goes on ({@link SessionFlow}).
 */
final class AnswerTurns {

  private final Curriculum curriculum;
  private final CoverageDetector detector;
  private final PracticeStore sessions;
  private final CoverageStore coverage;
  private final FollowupPlanner planner;
  private final SessionFlow flow;
  private final ClarifyingQuestions questions;

  AnswerTurns(
      Curriculum curriculum,
      CoverageDetector detector,
      PracticeStore sessions,
      CoverageStore coverage,
      FollowupPlanner planner,
      SessionFlow flow,
      ClarifyingQuestions questions) {
    this.curriculum = curriculum;
    this.detector = detector;
    this.sessions = sessions;
    this.coverage = coverage;
    this.planner = planner;
    this.flow = flow;
    this.questions = questions;
  }

  /**
   * Grades {@code text} as {@link #answer} will, ahead of the event's transaction, reading the
   * session on {@code reader}; changes nothing. With a remembering detector ({@link
   * coach.core.coverage.RecentDetections}) the transaction then finds the grading done.
   */
  void prepare(org.jdbi.v3.core.Handle reader, coach.core.chat.UserId user, UserText.Cleaned text) {
    Optional<PracticeSession> open = sessions.findOpen(reader, user);
    if (open.isEmpty()) {
      return;
    }
    // whether it asks the interviewer, and what, read ahead too
    questions.prepare(text.text());
    // a clarifying question is graded too (what it states may count), with the same arguments
    detector.analyse(
        text.text(),
        Optional.of(flow.promptOf(open.get()).id()),
        Optional.of(flow.sectionOf(open.get()).id()));
  }

  /**
   * Plain text: a clarifying question is answered from the prompt's facts; anything else is an
   * answer to the current question (resuming a paused session), graded and stored.
   */
  Reply answer(Turn turn, UserText.Cleaned text) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return Reply.builder()
          .paragraph(
              "There's no practice session running, so I haven't saved that. Say `practice` to"
                  + " start one (I'll pick a prompt), or `prompts` to choose a scenario.")
          .build();
    }
    PracticeSession session = open.get();
    Reply.Builder reply = Reply.builder();
    if (session.state() == SessionState.PAUSED) {
      session = session.withState(SessionState.ACTIVE, turn.now());
      reply.context("Welcome back: your session is running again.");
    }
    Prompt prompt = flow.promptOf(session);
    Section section = flow.sectionOf(session);
    if (questions.asks(text.text())) {
      return questions.clarify(turn, session, prompt, section, text, reply);
    }
    Detection read =
        detector.analyse(text.text(), Optional.of(prompt.id()), Optional.of(section.id()));
    boolean replyingToQuestion =
        session.followupConcept().isPresent()
            || session.pushback().isPresent()
            || session.depthAsked();
    Optional<Answer> stored =
        sessions.addAnswer(
            turn.handle(),
            session,
            section.id(),
            replyingToQuestion ? Answer.Kind.FOLLOWUP : Answer.Kind.ANSWER,
            text.text(),
            turn.now(),
            turn.eventId(),
            read.covered());
    if (stored.isEmpty()) {
      return Reply.text("I already have that message.");
    }
    coverage.record(
        turn.handle(),
        turn.user().id(),
        read.covered(),
        Outcome.COVERED,
        session.id(),
        stored.get().id(),
        turn.now());
    Optional<String> pending = session.followupConcept().or(session::pushback);
    if (pending.isPresent() && !read.covered().contains(pending.get())) {
      coverage.record(
          turn.handle(),
          turn.user().id(),
          Set.of(pending.get()),
          Outcome.MISSED,
          session.id(),
          stored.get().id(),
          turn.now());
    }
    session = session.followupAnswered(turn.now());
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    SessionCoverage covered = flow.coverageOf(turn, session, answers);
    Optional<Dismissal> dismissal = dismissal(prompt, read, covered);
    if (!read.covered().isEmpty() || dismissal.isEmpty()) {
      reply.append(coveredReply(read));
    }
    if (text.truncated()) {
      reply.paragraph(
          "That message was very long: I kept the first "
              + String.format("%,d", UserText.MAX_CHARS)
              + " characters and dropped the rest.");
    }
    if (text.text().length() > CoverageDetector.MAX_GRADED_CHARS) {
      reply.paragraph(
          "I graded the first "
              + String.format("%,d", CoverageDetector.MAX_GRADED_CHARS)
              + " characters of that; the whole answer is saved.");
    }
    if (dismissal.isPresent()) {
      Concept concept = dismissal.get().concept();
      if (!session.followedUp().contains(concept.id())) {
        session = session.pushingBack(concept.id(), turn.now());
        sessions.update(turn.handle(), session);
        return reply
            .paragraph(
                "Red flag: that waves away "
                    + dismissal.get().what()
                    + ". "
                    + dismissal.get().why())
            .paragraph("Push-back: " + prompt.followup(concept))
            .context(
                "Make the case, or say `next` if you'd really leave it out (it will count as"
                    + " missed).")
            .choices(PracticeReplies.withClaim(concept))
            .build();
      }
      if (!pending.equals(Optional.of(concept.id()))) {
        // Waved away again in answer to its own push-back, it was counted as missed above.
        coverage.record(
            turn.handle(),
            turn.user().id(),
            Set.of(concept.id()),
            Outcome.MISSED,
            session.id(),
            stored.get().id(),
            turn.now());
      }
      reply.context(
          "Noted: you'd leave out " + concept.name() + ". It counts as missed for this session.");
    }
    if (text.text().contains("?")) {
      questions.answers(prompt, text.text()).forEach(reply::paragraph);
    }
    return flow.continueSection(
        turn, session, prompt, section, covered, answers, read.touched(), reply);
  }

  /** A concept the answer waved away, which the session has not covered. */
  private record Dismissal(Concept concept, String what, String why) {}

  private Optional<Dismissal> dismissal(Prompt prompt, Detection read, SessionCoverage covered) {
    for (Concept concept : curriculum.conceptsFor(prompt)) {
      if (read.dismissed().contains(concept.id()) && !covered.covers(concept.id())) {
        return Optional.of(new Dismissal(concept, lowerFirst(concept.name()), concept.why()));
      }
    }
    for (Section section : curriculum.sections()) {
      if (read.dismissedSections().contains(section.id())) {
        Optional<Concept> top =
            planner.missing(prompt, section, covered, Set.of()).stream().findFirst();
        if (top.isPresent()) {
          return Optional.of(
              new Dismissal(
                  top.get(),
                  lowerFirst(section.title()) + " as a whole",
                  "Take just " + lowerFirst(top.get().name()) + ": " + top.get().why()));
        }
      }
    }
    return Optional.empty();
  }

  /** "Covered:" with the words that earned each credit, or that nothing was spotted. */
  private Reply coveredReply(Detection read) {
    Reply.Builder reply = Reply.builder();
    if (read.covered().isEmpty()) {
      return reply
          .paragraph("Noted. I didn't spot any of the outline's concepts in that yet.")
          .build();
    }
    List<String> items = new ArrayList<>();
    for (String id : read.covered()) {
      String name = curriculum.concept(id).map(Concept::name).orElse(id);
      String quote = read.evidence().get(id);
      items.add(quote == null ? name : name + ": \u201c" + shortQuote(quote) + "\u201d");
    }
    return reply.paragraph("Covered:").bullets(items).build();
  }

  /** At most 90 characters of a sentence, cut at a word with an ellipsis. */
  static String shortQuote(String sentence) {
    String text = sentence.strip().replaceAll("\\s+", " ");
    if (text.length() <= 90) {
      return text;
    }
    int cut = text.lastIndexOf(' ', 88);
    return text.substring(0, cut > 40 ? cut : 88) + "\u2026";
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
