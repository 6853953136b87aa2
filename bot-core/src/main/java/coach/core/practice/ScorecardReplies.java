package coach.core.practice;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Choice;
import coach.core.chat.Turn;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Reference;
import coach.core.curriculum.Section;
import coach.core.progress.ConceptStats;
import coach.core.progress.ProgressStore;
import coach.core.progress.Recommender;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The scorecard that ends a session: per section, the covered share of the concepts this prompt
 * exercises; three concepts to work on (with no evidence anywhere in the session) with why they
 * matter and where to learn more; the time spent; and the recommended next prompt.
 */
final class ScorecardReplies {

  private final Curriculum curriculum;
  private final PracticeStore sessions;
  private final CorrectionStore corrections;
  private final ProgressStore progress;
  private final Scorecards scorecards;
  private final Recommender recommender;

  ScorecardReplies(
      Curriculum curriculum,
      PracticeStore sessions,
      CorrectionStore corrections,
      ProgressStore progress,
      Scorecards scorecards) {
    this.curriculum = curriculum;
    this.sessions = sessions;
    this.corrections = corrections;
    this.progress = progress;
    this.scorecards = scorecards;
    this.recommender = new Recommender(curriculum);
  }

  /** The scorecard of an ended session. */
  Reply scorecard(Turn turn, PracticeSession session) {
    Prompt prompt = curriculum.prompt(session.promptId()).orElseThrow();
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    SessionCoverage coverage =
        SessionCoverage.of(answers, corrections.ofSession(turn.handle(), session.id()));
    List<Concept> exercised = curriculum.conceptsFor(prompt);
    long covered = exercised.stream().filter(c -> coverage.covers(c.id())).count();
    boolean completed = session.state() == SessionState.COMPLETED;
    Duration spent =
        Duration.between(session.startedAt(), session.endedAt().orElse(session.updatedAt()));
    Map<String, ConceptStats> stats = progress.conceptStats(turn.handle(), turn.user().id());
    Reply.Builder reply =
        Reply.builder()
            .heading((completed ? "Scorecard: " : "Session stopped. Scorecard: ") + prompt.title())
            .fields(scorecards.sectionFields(session, answers, coverage))
            .paragraph(
                "You covered "
                    + covered
                    + " of the "
                    + exercised.size()
                    + " concepts this prompt exercises in "
                    + minutes(spent)
                    + ", over "
                    + PracticeReplies.plural(
                        (int) answers.stream().filter(a -> a.kind().isReply()).count(), "answer")
                    + ".");
    if (!coverage.claimed().isEmpty()) {
      reply.context(
          "Self-reported: "
              + ConceptNames.names(curriculum, coverage.claimed())
              + " (you told me you covered "
              + (coverage.claimed().size() == 1 ? "it" : "them")
              + ").");
    }
    List<Concept> workOn = toWorkOn(prompt, session, coverage, stats);
    if (!workOn.isEmpty()) {
      List<String> items = new ArrayList<>();
      for (Concept concept : workOn) {
        String item = concept.name() + ": " + concept.why();
        Optional<Reference> ref =
            concept.refs().stream()
                .findFirst()
                .or(
                    () ->
                        curriculum
                            .section(concept.sectionId())
                            .flatMap(s -> s.refs().stream().findFirst()));
        if (ref.isPresent()) {
          item += " Learn more: " + ref.get().describe() + ".";
        }
        items.add(item);
      }
      reply.paragraph("Work on these next:").bullets(items);
    }
    Prompt next = recommend(turn, Optional.of(prompt.id()));
    return reply
        .paragraph("Recommended next: `practice " + next.id() + "` (" + next.title() + ").")
        .choices(
            List.of(new Choice(PracticeReplies.START_PREFIX + next.id(), "Start " + next.title())))
        .endsSession()
        .build();
  }

  /**
   * Up to three concepts this prompt exercises with no evidence anywhere in the session, from
   * sections reached: the prompt's focus first, then those the user misses most.
   */
  private List<Concept> toWorkOn(
      Prompt prompt,
      PracticeSession session,
      SessionCoverage coverage,
      Map<String, ConceptStats> stats) {
    int reached = scorecards.reachedIndex(session);
    List<Concept> candidates = new ArrayList<>();
    prompt.focus().stream()
        .map(curriculum::concept)
        .flatMap(Optional::stream)
        .filter(c -> !coverage.covers(c.id()))
        .filter(c -> sectionIndex(c) <= reached)
        .forEach(candidates::add);
    curriculum.conceptsFor(prompt).stream()
        .filter(c -> !coverage.covers(c.id()) && !candidates.contains(c))
        .filter(c -> sectionIndex(c) <= reached)
        .sorted(
            Comparator.comparingInt(
                (Concept c) -> -stats.getOrDefault(c.id(), ConceptStats.NONE).timesMissed()))
        .forEach(candidates::add);
    return candidates.stream().limit(3).toList();
  }

  private int sectionIndex(Concept concept) {
    return curriculum.section(concept.sectionId()).map(Section::index).orElse(0);
  }

  /** The prompt to practise next, from the user's gaps, not one done recently. */
  Prompt recommend(Turn turn, Optional<String> exclude) {
    List<String> recent =
        sessions.sessionsOf(turn.handle(), turn.user().id()).stream()
            .map(PracticeSession::promptId)
            .toList();
    return recommender.next(
        progress.conceptStats(turn.handle(), turn.user().id()), recent, exclude);
  }

  /** "under a minute", "1 minute", "119 minutes", "2 h 0 min". */
  static String minutes(Duration duration) {
    long minutes = duration.toMinutes();
    if (minutes < 1) {
      return "under a minute";
    }
    if (minutes < 120) {
      return PracticeReplies.plural((int) minutes, "minute");
    }
    return duration.toHours() + " h " + duration.toMinutesPart() + " min";
  }
}
