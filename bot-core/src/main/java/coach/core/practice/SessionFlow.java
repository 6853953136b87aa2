package coach.core.practice;

import static coach.core.practice.PracticeReplies.askSection;
import static coach.core.practice.PracticeReplies.noSession;

import coach.core.chat.Reply;
import coach.core.chat.Turn;
import coach.core.clarify.Clarifier;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * How a session moves through the outline: what comes after an answer (a follow-up, the depth
 * question or an announced move), moves the user asks for, the grace after an automatic move, and
 * the end with its scorecard. Also finds a session's prompt, section and coverage.
 */
final class SessionFlow {

  /** A {@code next} or {@code skip} this soon after an automatic move is not applied to it. */
  static final Duration AUTO_MOVE_GRACE = Duration.ofSeconds(10);

  /** {@code stop} shows an ended session's scorecard again when it ended this recently. */
  static final Duration SCORECARD_AGAIN_WITHIN = Duration.ofHours(1);

  private final Curriculum curriculum;
  private final PracticeStore sessions;
  private final CorrectionStore corrections;
  private final Clarifier clarifier;
  private final FollowupPlanner planner;
  private final ScorecardReplies scorecardReplies;

  SessionFlow(
      Curriculum curriculum,
      PracticeStore sessions,
      CorrectionStore corrections,
      Clarifier clarifier,
      FollowupPlanner planner,
      ScorecardReplies scorecardReplies) {
    this.curriculum = curriculum;
    this.sessions = sessions;
    this.corrections = corrections;
    this.clarifier = clarifier;
    this.planner = planner;
    this.scorecardReplies = scorecardReplies;
  }

  /**
   * After an answer or a claim: the next follow-up, the section's depth question, or an announced
   * move to the next section. A concept the answer only touched (asked about, or said it was unsure
   * of; {@code touched} maps it to the sentence) is followed up first, narrowed to what was said.
   */
  Reply continueSection(
      Turn turn,
      PracticeSession session,
      Prompt prompt,
      Section section,
      SessionCoverage covered,
      List<Answer> answers,
      Map<String, String> touched,
      Reply.Builder reply) {
    FollowupPlanner.Step step =
        planner.next(prompt, section, session, covered, toldTopics(answers), touched.keySet());
    if (step instanceof FollowupPlanner.AskFollowup followup) {
      Concept concept = followup.concept();
      session = session.askingFollowup(concept.id(), turn.now());
      sessions.update(turn.handle(), session);
      String question = prompt.followup(concept);
      String quote = touched.get(concept.id());
      return reply
          .paragraph(
              quote == null
                  ? "Follow-up: " + question
                  : "Follow-up: you brought up "
                      + concept.name().toLowerCase(java.util.Locale.ROOT)
                      + " without settling it (\u201c"
                      + AnswerTurns.shortQuote(quote)
                      + "\u201d). Commit to an assumption: "
                      + question)
          .context(
              "Answer it, ask for a `hint`, say `next` to move on, or `claim` if you already"
                  + " covered it.")
          .choices(PracticeReplies.withClaim(concept))
          .build();
    }
    if (step instanceof FollowupPlanner.AskDepth depth) {
      session = session.askingDepth(turn.now());
      sessions.update(turn.handle(), session);
      return reply
          .paragraph(
              "You've covered what I look for in "
                  + section.title()
                  + ". Going deeper: "
                  + depth.question())
          .context("Answer it, or say `next` to move on.")
          .choices(PracticeReplies.SECTION_CHOICES)
          .build();
    }
    boolean complete =
        curriculum.conceptsOf(section, prompt).stream().allMatch(c -> covered.covers(c.id()));
    String lead =
        complete
            ? "That covers " + section.title() + "."
            : "Moving on from " + section.title() + ".";
    return advance(turn, session, reply, Optional.of(lead));
  }

  /** The topics the interviewer has answered in this session's clarifying questions. */
  Set<String> toldTopics(List<Answer> answers) {
    Set<String> told = new LinkedHashSet<>();
    for (Answer answer : answers) {
      if (answer.kind() == Answer.Kind.QUESTION) {
        told.addAll(clarifier.topics(answer.text()));
      }
    }
    return told;
  }

  /**
   * When the interviewer moved to this section by itself a moment ago and the user has not answered
   * it, a {@code next} or {@code skip} was meant for the section before: say so instead of applying
   * it. A second one goes through.
   */
  Optional<Reply> justMovedOn(Turn turn, PracticeSession session, String verb) {
    if (session.autoMovedAt().isEmpty()
        || Duration.between(session.autoMovedAt().get(), turn.now()).compareTo(AUTO_MOVE_GRACE)
            >= 0) {
      return Optional.empty();
    }
    Section section = sectionOf(session);
    sessions.update(turn.handle(), session.atSection(section.id(), turn.now()));
    return Optional.of(
        Reply.builder()
            .paragraph(
                "I had just moved on to Section "
                    + (section.index() + 1)
                    + " of "
                    + curriculum.sections().size()
                    + ": "
                    + section.title()
                    + " by myself, so I haven't applied that to it. Answer the question above, or"
                    + " say `"
                    + (verb.startsWith("skip") ? "skip" : "next")
                    + "` again to "
                    + verb
                    + ".")
            .choices(PracticeReplies.SECTION_CHOICES)
            .build());
  }

  /**
   * Moves to the next section (announced with {@code lead} when the interviewer moves by itself),
   * or ends the session with its scorecard after the last one.
   */
  Reply advance(Turn turn, PracticeSession session, Reply.Builder reply, Optional<String> lead) {
    Section current = sectionOf(session);
    int nextIndex = current.index() + 1;
    if (nextIndex >= curriculum.sections().size()) {
      PracticeSession done = session.withState(SessionState.COMPLETED, turn.now());
      sessions.update(turn.handle(), done);
      lead.ifPresent(text -> reply.paragraph(text + " That was the last section."));
      return reply.append(scorecardReplies.scorecard(turn, done)).build();
    }
    Section next = curriculum.section(nextIndex);
    if (lead.isPresent()) {
      sessions.update(turn.handle(), session.movedOnTo(next.id(), turn.now()));
      reply.paragraph(
          lead.get()
              + " Section "
              + (next.index() + 1)
              + " of "
              + curriculum.sections().size()
              + ": "
              + next.title()
              + ".");
    } else {
      sessions.update(turn.handle(), session.atSection(next.id(), turn.now()));
    }
    return askSection(reply, promptOf(session), next, curriculum.sections().size()).build();
  }

  /** The user's latest session, when it ended within {@link #SCORECARD_AGAIN_WITHIN}. */
  Optional<PracticeSession> recentlyEnded(Turn turn) {
    return sessions.sessionsOf(turn.handle(), turn.user().id()).stream()
        .findFirst()
        .filter(s -> s.endedAt().isPresent())
        .filter(
            s ->
                Duration.between(s.endedAt().get(), turn.now()).compareTo(SCORECARD_AGAIN_WITHIN)
                    < 0);
  }

  /** No open session: says so, mentioning a session that has just ended. */
  Reply noOpenSession(Turn turn, String verb) {
    Optional<PracticeSession> ended = recentlyEnded(turn);
    if (ended.isPresent()) {
      return Reply.text(
          "Your session on "
              + titleOf(ended.get())
              + " has ended. Say `stop` to see its scorecard again, or `practice` to start"
              + " another.");
    }
    return noSession(verb);
  }

  SessionCoverage coverageOf(Turn turn, PracticeSession session, List<Answer> answers) {
    return SessionCoverage.of(answers, corrections.ofSession(turn.handle(), session.id()));
  }

  Prompt promptOf(PracticeSession session) {
    return curriculum
        .prompt(session.promptId())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "stored session names unknown prompt " + session.promptId()));
  }

  Section sectionOf(PracticeSession session) {
    return curriculum.section(session.currentSection()).orElse(curriculum.section(0));
  }

  String titleOf(PracticeSession session) {
    return curriculum.prompt(session.promptId()).map(Prompt::title).orElse(session.promptId());
  }
}
