package coach.core.practice;

import static coach.core.practice.PracticeReplies.askSection;
import static coach.core.practice.PracticeReplies.noSession;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Choice;
import coach.core.chat.Turn;
import coach.core.clarify.Clarifier;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.coverage.CoverageStore.Outcome;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.progress.ProgressStore;
import coach.core.text.UserText;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * DM practice sessions: the interviewer states a scenario, asks each section of the outline, says
 * what each answer covered and which words earned it, pushes back on dismissals, asks follow-ups
 * about what the session has not covered (only concepts the prompt exercises), a depth question
 * once a section is fully covered, answers clarifying questions from the prompt's facts, announces
 * every move it makes by itself, takes the user's claims and contests, and ends with a scorecard.
 * All state is in the database, so a session survives restarts.
 */
public final class PracticeService {

  private static final String CHECK_IN = "assumptions.check_in";

  private final Curriculum curriculum;
  private final CoverageDetector detector;
  private final Clarifier clarifier;
  private final PracticeStore sessions;
  private final CorrectionStore corrections;
  private final CoverageStore coverage;
  private final Scorecards scorecards;
  private final ScorecardReplies scorecardReplies;
  private final FollowupPlanner planner;
  private final SessionFlow flow;
  private final ClarifyingQuestions questions;
  private final EditedAnswers edits;
  private final CorrectionCommands correctionCommands;
  private final AnswerTurns answers;

  public PracticeService(
      Curriculum curriculum,
      CoverageDetector detector,
      Clarifier clarifier,
      PracticeStore sessions,
      CorrectionStore corrections,
      CoverageStore coverage,
      ProgressStore progress,
      int maxFollowups) {
    this.curriculum = curriculum;
    this.detector = detector;
    this.clarifier = clarifier;
    this.sessions = sessions;
    this.corrections = corrections;
    this.coverage = coverage;
    this.planner = new FollowupPlanner(curriculum, maxFollowups);
    this.scorecards = new Scorecards(curriculum, sessions, corrections);
    this.scorecardReplies =
        new ScorecardReplies(curriculum, sessions, corrections, progress, scorecards);
    this.flow =
        new SessionFlow(curriculum, sessions, corrections, clarifier, planner, scorecardReplies);
    this.questions = new ClarifyingQuestions(clarifier, detector, sessions, coverage);
    this.edits = new EditedAnswers(curriculum, detector, sessions, coverage, flow);
    this.answers =
        new AnswerTurns(curriculum, detector, sessions, coverage, planner, flow, questions);
    this.correctionCommands =
        new CorrectionCommands(curriculum, sessions, corrections, coverage, planner, flow);
  }

  public Scorecards scorecards() {
    return scorecards;
  }

  /** {@code practice [PROMPT-ID]}: starts a session, closing any open one (its answers stay). */
  public Reply start(Turn turn, Optional<String> promptId) {
    Prompt prompt;
    if (promptId.isPresent()) {
      Optional<Prompt> found = curriculum.prompt(promptId.get());
      if (found.isEmpty()) {
        return unknownPrompt(promptId.get());
      }
      prompt = found.get();
    } else {
      prompt = scorecardReplies.recommend(turn, Optional.empty());
    }
    Reply.Builder reply = Reply.builder();
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isPresent()) {
      sessions.update(turn.handle(), open.get().withState(SessionState.STOPPED, turn.now()));
      reply.context(
          "I closed your unfinished session on "
              + flow.titleOf(open.get())
              + "; its answers are kept.");
    }
    Section first = curriculum.section(0);
    PracticeSession session =
        PracticeSession.start(
            UUID.randomUUID().toString(), turn.user().id(), prompt.id(), first.id(), turn.now());
    sessions.insert(turn.handle(), session);
    reply
        .heading(prompt.title())
        .paragraph(prompt.brief())
        .paragraph(
            "We'll take the "
                + curriculum.sections().size()
                + " parts of the answer outline in order, and I'll follow up on what your answers"
                + " leave out. Ask me clarifying questions any time, as you would in the real"
                + " interview. If I miss something you said, say `claim` and its name; if I"
                + " credit something you didn't mean, say `contest` and its name.");
    return askSection(reply, prompt, first, curriculum.sections().size()).build();
  }

  /**
   * Plain text: a clarifying question is answered from the prompt's facts; anything else is an
   * answer to the current question (resuming a paused session), graded and stored.
   */
  public Reply answer(Turn turn, UserText.Cleaned text) {
    return answers.answer(turn, text);
  }

  /**
   * Does the costly part of {@link #answer} (grading) ahead of the event's transaction, reading on
   * {@code reader}; changes nothing, and the answer is still handled in full by {@link #answer}.
   */
  public void prepareAnswer(
      org.jdbi.v3.core.Handle reader, coach.core.chat.UserId user, UserText.Cleaned text) {
    answers.prepare(reader, user, text);
  }

  /**
   * The user edited an earlier message; see {@link EditedAnswers}. Only an answer's edit changes
   * anything.
   */
  public Reply edit(Turn turn, String editedEventId, UserText.Cleaned text) {
    return edits.edit(turn, editedEventId, text);
  }

  /** {@code next}: the following section, or the scorecard after the last one. */
  public Reply next(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "move on from");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Optional<Reply> held = flow.justMovedOn(turn, session, "move on");
    if (held.isPresent()) {
      return held.get();
    }
    Reply.Builder reply = Reply.builder();
    if (session.pushback().isPresent()) {
      String concept = session.pushback().get();
      record(turn, session, Set.of(concept), Outcome.MISSED, null);
      reply.context(
          "Leaving out "
              + ConceptNames.names(curriculum, Set.of(concept))
              + ": it counts as missed.");
    } else if (session.followupConcept().isPresent()) {
      record(turn, session, Set.of(session.followupConcept().get()), Outcome.MISSED, null);
    }
    return flow.advance(turn, session.followupAnswered(turn.now()), reply, Optional.empty());
  }

  /** {@code skip}: moves on, recording the section's uncovered concepts as missed. */
  public Reply skip(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "skip");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Optional<Reply> held = flow.justMovedOn(turn, session, "skip it");
    if (held.isPresent()) {
      return held.get();
    }
    Section current = flow.sectionOf(session);
    Prompt prompt = flow.promptOf(session);
    SessionCoverage covered =
        flow.coverageOf(turn, session, sessions.answers(turn.handle(), session.id()));
    Set<String> missed =
        curriculum.conceptsOf(current, prompt).stream()
            .map(Concept::id)
            .filter(id -> !covered.covers(id))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    record(turn, session, missed, Outcome.MISSED, null);
    Reply.Builder reply = Reply.builder().context("Skipped " + current.title() + ".");
    return flow.advance(turn, session.followupAnswered(turn.now()), reply, Optional.empty());
  }

  /** {@code back}: asks the previous section again; earlier answers stay. */
  public Reply back(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "go back in");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Section current = flow.sectionOf(session);
    if (current.index() == 0) {
      return Reply.text("This is the first section; there's nothing before it.");
    }
    Section previous = curriculum.section(current.index() - 1);
    sessions.update(turn.handle(), session.atSection(previous.id(), turn.now()));
    Reply.Builder reply =
        Reply.builder()
            .context(
                "Back to "
                    + previous.title()
                    + ". What you wrote before is kept; anything you add now is saved too.");
    return askSection(reply, flow.promptOf(session), previous, curriculum.sections().size())
        .build();
  }

  /**
   * {@code hint}: a nudge towards the pending follow-up, else the most important concept of the
   * section that the session has no evidence of anywhere.
   */
  public Reply hint(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "give a hint for");
    }
    PracticeSession session = open.get();
    Prompt prompt = flow.promptOf(session);
    Section section = flow.sectionOf(session);
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    SessionCoverage covered = flow.coverageOf(turn, session, answers);
    Optional<Concept> target =
        session
            .followupConcept()
            .or(session::pushback)
            .flatMap(curriculum::concept)
            .or(
                () ->
                    planner.missing(prompt, section, covered, flow.toldTopics(answers)).stream()
                        .findFirst());
    if (target.isEmpty()) {
      return Reply.text(
          "You've already covered everything I look for in "
              + section.title()
              + (session.depthAsked()
                  ? ". Answer the deeper question above, or say `next` when you're ready."
                  : ". Say `next` when you're ready."));
    }
    Concept concept = target.get();
    Reply.Builder reply =
        Reply.builder().heading("Hint: " + concept.name()).paragraph(prompt.hint(concept));
    concept.refs().stream()
        .findFirst()
        .ifPresent(ref -> reply.context("Learn more: " + ref.describe()));
    if (session.followupConcept().isEmpty() && session.pushback().isEmpty()) {
      reply.context("Or answer this: " + prompt.followup(concept));
    }
    return reply.build();
  }

  /** {@code pause}: keeps the session for later; {@code resume} or any answer continues it. */
  public Reply pause(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return flow.noOpenSession(turn, "pause");
    }
    PracticeSession session = open.get();
    sessions.update(turn.handle(), session.withState(SessionState.PAUSED, turn.now()));
    return Reply.builder()
        .paragraph(
            "Paused at "
                + flow.sectionOf(session).title()
                + " of "
                + flow.titleOf(session)
                + ". Say `resume` whenever you're ready, even days from now.")
        .choices(List.of(new Choice(PracticeReplies.RESUME, "Resume")))
        .build();
  }

  /** {@code resume}: asks the open session's current question (or follow-up) again. */
  public Reply resume(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return Reply.text(
          "There's nothing to resume. Say `practice` to start a session, or `prompts` to choose"
              + " a scenario.");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    sessions.update(turn.handle(), session);
    Prompt prompt = flow.promptOf(session);
    Section section = flow.sectionOf(session);
    long answered =
        sessions.answers(turn.handle(), session.id()).stream()
            .filter(a -> a.section().equals(section.id()) && a.kind() != Answer.Kind.QUESTION)
            .count();
    Reply.Builder reply =
        Reply.builder()
            .context(
                "Resuming "
                    + prompt.title()
                    + (answered > 0
                        ? " (you have "
                            + PracticeReplies.plural((int) answered, "answer")
                            + " here already)"
                        : "")
                    + ".");
    askSection(reply, prompt, section, curriculum.sections().size());
    session
        .followupConcept()
        .or(session::pushback)
        .flatMap(curriculum::concept)
        .ifPresent(c -> reply.paragraph("Follow-up waiting for you: " + prompt.followup(c)));
    if (session.depthAsked() && session.followupConcept().isEmpty()) {
      prompt
          .depthQuestion(section)
          .ifPresent(q -> reply.paragraph("Deeper question waiting for you: " + q));
    }
    return reply.build();
  }

  /** {@code stop}: ends the session now, with its scorecard (or shows a just-ended one again). */
  public Reply stop(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      Optional<PracticeSession> ended = flow.recentlyEnded(turn);
      if (ended.isPresent()) {
        return Reply.builder()
            .context("That session had already ended; here is its scorecard again.")
            .append(scorecardReplies.scorecard(turn, ended.get()))
            .build();
      }
      return noSession("stop");
    }
    PracticeSession stopped = open.get().withState(SessionState.STOPPED, turn.now());
    sessions.update(turn.handle(), stopped);
    return scorecardReplies.scorecard(turn, stopped);
  }

  /**
   * {@code claim [CONCEPT]}: the user says they covered a concept the detector missed (the pending
   * follow-up's when no name is given); see {@link CorrectionCommands}.
   */
  public Reply claim(Turn turn, Optional<String> words) {
    return correctionCommands.claim(turn, words);
  }

  /** {@code contest CONCEPT}: the user says a credit of this session is not what they meant. */
  public Reply contest(Turn turn, Optional<String> words) {
    return correctionCommands.contest(turn, words);
  }

  // ---- helpers --------------------------------------------------------------------------------

  private void record(
      Turn turn, PracticeSession session, Set<String> concepts, Outcome outcome, String answerId) {
    coverage.record(
        turn.handle(), turn.user().id(), concepts, outcome, session.id(), answerId, turn.now());
  }

  private Reply unknownPrompt(String id) {
    String suggestion =
        curriculum.prompts().stream()
            .map(Prompt::id)
            .min(
                Comparator.comparingInt(
                    (String candidate) -> ConceptNames.editDistance(candidate, id)))
            .filter(
                candidate ->
                    ConceptNames.editDistance(candidate, id) <= Math.max(2, id.length() / 3))
            .map(candidate -> " Did you mean `" + candidate + "`?")
            .orElse("");
    return Reply.text(
        "There's no prompt called `" + id + "`." + suggestion + " Say `prompts` to see them all.");
  }
}
