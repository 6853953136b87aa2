package coach.core.practice;

import coach.core.chat.Reply;
import coach.core.chat.Turn;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.coverage.CoverageStore.Outcome;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.text.UserText;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;

/** Answers the user edited on the platform: both wordings are kept, the new one graded. */
final class EditedAnswers {

  private final Curriculum curriculum;
  private final CoverageDetector detector;
  private final PracticeStore sessions;
  private final CoverageStore coverage;
  private final SessionFlow flow;

  EditedAnswers(
      Curriculum curriculum,
      CoverageDetector detector,
      PracticeStore sessions,
      CoverageStore coverage,
      SessionFlow flow) {
    this.curriculum = curriculum;
    this.detector = detector;
    this.sessions = sessions;
    this.coverage = coverage;
    this.flow = flow;
  }

  /**
   * The user edited an earlier message. When it was an answer, the new wording is stored next to
   * the old one (both are kept) and graded; concepts it adds count for the session while the
   * session is open. An ended session keeps its scorecard. An edit of anything else changes
   * nothing.
   */
  Reply edit(Turn turn, String editedEventId, UserText.Cleaned text) {
    Optional<Answer> original =
        sessions.findAnswerByEvent(turn.handle(), turn.user().id(), editedEventId);
    if (original.isEmpty()) {
      return Reply.text(
          "I saw that edit, but that message wasn't an answer, so there's nothing to update. If"
              + " you meant it as one, send it again.");
    }
    if (text.isEmpty()) {
      return Reply.text(
          "That edit left the message empty, so your earlier answer stays as it was.");
    }
    Answer revised = original.get();
    Optional<PracticeSession> open =
        sessions
            .findOpen(turn.handle(), turn.user().id())
            .filter(session -> session.id().equals(revised.sessionId()));
    Optional<Prompt> prompt = open.map(flow::promptOf);
    SortedSet<String> detected =
        detector.detect(text.text(), prompt.map(Prompt::id), Optional.of(revised.section()));
    Optional<Answer> stored =
        sessions.addEdit(turn.handle(), revised, text.text(), turn.now(), turn.eventId(), detected);
    if (stored.isEmpty()) {
      return Reply.text("I already have that edit.");
    }
    String kept =
        "I've kept your edit with your "
            + curriculum.section(revised.section()).map(Section::title).orElse(revised.section())
            + " answer";
    if (open.isEmpty()) {
      return Reply.text(kept + ". That session has ended, so its scorecard stays as it was.");
    }
    Set<String> added = new TreeSet<>(detected);
    added.removeAll(revised.concepts());
    coverage.record(
        turn.handle(),
        turn.user().id(),
        added,
        Outcome.COVERED,
        open.get().id(),
        stored.get().id(),
        turn.now());
    return Reply.text(
        kept
            + " (the first wording too). "
            + (added.isEmpty()
                ? "It doesn't add concepts beyond what you had."
                : "It adds: " + ConceptNames.names(curriculum, added) + "."));
  }
}
