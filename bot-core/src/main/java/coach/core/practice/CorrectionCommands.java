package coach.core.practice;

import coach.core.chat.Reply;
import coach.core.chat.Turn;
import coach.core.coverage.CoverageStore;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code claim} and {@code contest}: the user corrects the session's credits. A claim counts as
 * covered, marked self-reported; a contest removes a credit; both are kept as labelled corrections
 * of the answer they are about.
 */
final class CorrectionCommands {

  private final Curriculum curriculum;
  private final PracticeStore sessions;
  private final CorrectionStore corrections;
  private final CoverageStore coverage;
  private final FollowupPlanner planner;
  private final SessionFlow flow;

  CorrectionCommands(
      Curriculum curriculum,
      PracticeStore sessions,
      CorrectionStore corrections,
      CoverageStore coverage,
      FollowupPlanner planner,
      SessionFlow flow) {
    this.curriculum = curriculum;
    this.sessions = sessions;
    this.corrections = corrections;
    this.coverage = coverage;
    this.planner = planner;
    this.flow = flow;
  }

  /**
   * {@code claim [CONCEPT]}: the user says they covered a concept the detector missed (the pending
   * follow-up's when no name is given). It counts as covered, marked self-reported, and is kept as
   * a labelled correction of the answer it belongs to.
   */
  Reply claim(Turn turn, Optional<String> words) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "claim a concept in");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Prompt prompt = flow.promptOf(session);
    Section section = flow.sectionOf(session);
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    SessionCoverage covered = flow.coverageOf(turn, session, answers);
    Optional<Concept> concept =
        words.isPresent()
            ? ConceptNames.find(curriculum.concepts(), words.get())
            : session.followupConcept().or(session::pushback).flatMap(curriculum::concept);
    if (concept.isEmpty()) {
      List<String> stillOpen =
          planner.missing(prompt, section, covered, Set.of()).stream()
              .map(c -> "`claim " + c.name().toLowerCase(java.util.Locale.ROOT) + "`")
              .toList();
      return Reply.builder()
          .paragraph(
              words.isPresent()
                  ? "I don't know a concept called \u201c"
                      + AnswerTurns.shortQuote(words.get())
                      + "\u201d."
                  : "Which concept did you cover? Name it after `claim`.")
          .paragraph(
              stillOpen.isEmpty()
                  ? "Every concept of " + section.title() + " already counts as covered."
                  : "Still open in " + section.title() + ": " + String.join(", ", stillOpen) + ".")
          .build();
    }
    Concept claimed = concept.get();
    if (covered.covers(claimed.id())) {
      return Reply.text(claimed.name() + " already counts as covered in this session.");
    }
    Optional<String> answerId =
        answers.stream()
            .filter(a -> a.kind() != Answer.Kind.QUESTION)
            .reduce((first, second) -> second)
            .map(Answer::id);
    corrections.add(
        turn.handle(),
        turn.user().id(),
        session.id(),
        answerId,
        claimed.id(),
        Correction.Verdict.CLAIMED,
        turn.now());
    coverage.recordClaim(
        turn.handle(),
        turn.user().id(),
        claimed.id(),
        session.id(),
        answerId.orElse(null),
        turn.now());
    Reply.Builder reply =
        Reply.builder()
            .paragraph(
                "Counted "
                    + claimed.name()
                    + " as covered (self-reported). I keep your answer with this correction so the"
                    + " detector can learn from it.");
    boolean answersPending =
        session.followupConcept().or(session::pushback).filter(claimed.id()::equals).isPresent();
    if (!answersPending) {
      sessions.update(turn.handle(), session);
      return reply.build();
    }
    PracticeSession answered = session.followupAnswered(turn.now());
    return flow.continueSection(
        turn,
        answered,
        prompt,
        section,
        flow.coverageOf(turn, answered, answers),
        answers,
        Map.of(),
        reply);
  }

  /**
   * {@code contest CONCEPT}: the user says a credit of this session is not what they meant. The
   * credit is removed from the session and their progress, and kept as a labelled correction.
   */
  Reply contest(Turn turn, Optional<String> words) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "contest a credit in");
    }
    PracticeSession session = open.get();
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    SessionCoverage covered = flow.coverageOf(turn, session, answers);
    List<Concept> credits =
        curriculum.concepts().stream().filter(c -> covered.covers(c.id())).toList();
    Optional<Concept> concept = words.flatMap(w -> ConceptNames.find(credits, w));
    if (concept.isEmpty()) {
      if (credits.isEmpty()) {
        return Reply.text(
            "Nothing counts as covered in this session yet, so there's nothing to" + " contest.");
      }
      return Reply.builder()
          .paragraph(
              (words.isPresent()
                      ? "\u201c"
                          + AnswerTurns.shortQuote(words.get())
                          + "\u201d isn't one of this session's"
                          + " credits. "
                      : "Which credit isn't what you meant? ")
                  + "Say `contest` and its name; this session's credits are: "
                  + credits.stream().map(Concept::name).collect(Collectors.joining(", "))
                  + ".")
          .build();
    }
    Concept contested = concept.get();
    Optional<String> answerId = SessionCoverage.creditedBy(answers, contested.id()).map(Answer::id);
    corrections.add(
        turn.handle(),
        turn.user().id(),
        session.id(),
        answerId,
        contested.id(),
        Correction.Verdict.CONTESTED,
        turn.now());
    coverage.removeCovered(turn.handle(), turn.user().id(), contested.id(), session.id());
    return Reply.text(
        "Removed "
            + contested.name()
            + " from this session's credits. I keep the answer with this correction so the"
            + " detector can learn from it.");
  }
}
