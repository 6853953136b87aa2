package coach.core.practice;

import coach.core.chat.Reply.Block.Field;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;

/**
 * Per-section results of a session: which of the concepts the prompt exercises in each section were
 * covered anywhere in the session (claims counted, contested credits not).
 */
public final class Scorecards {

  private final Curriculum curriculum;
  private final PracticeStore sessions;
  private final CorrectionStore corrections;

  public Scorecards(Curriculum curriculum, PracticeStore sessions, CorrectionStore corrections) {
    this.curriculum = curriculum;
    this.sessions = sessions;
    this.corrections = corrections;
  }

  /** One field a section: "3/5 covered", plus "not reached" for sections never asked. */
  public List<Field> sectionFields(Handle handle, PracticeSession session) {
    List<Answer> answers = sessions.answers(handle, session.id());
    return sectionFields(
        session, answers, SessionCoverage.of(answers, corrections.ofSession(handle, session.id())));
  }

  List<Field> sectionFields(
      PracticeSession session, List<Answer> answers, SessionCoverage coverage) {
    Prompt prompt = curriculum.prompt(session.promptId()).orElseThrow();
    int reached = reachedIndex(session);
    List<Field> fields = new ArrayList<>();
    for (Section section : curriculum.sections()) {
      List<Concept> concepts = curriculum.conceptsOf(section, prompt);
      long hits = concepts.stream().filter(c -> coverage.covers(c.id())).count();
      String value = hits + "/" + concepts.size() + " covered";
      if (section.index() > reached) {
        value = "not reached";
      } else if (answers.stream()
          .noneMatch(a -> a.section().equals(section.id()) && a.kind() != Answer.Kind.QUESTION)) {
        value += hits > 0 ? " (from other answers)" : " (no answer)";
      }
      fields.add(new Field(section.title(), value));
    }
    return fields;
  }

  /** The index of the last section the session reached (every section once it completed). */
  int reachedIndex(PracticeSession session) {
    return session.state() == SessionState.COMPLETED
        ? curriculum.sections().size() - 1
        : curriculum.section(session.currentSection()).map(Section::index).orElse(0);
  }
}
