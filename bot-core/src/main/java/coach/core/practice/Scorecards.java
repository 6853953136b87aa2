package coach.core.practice;

import coach.core.chat.Reply.Block.Field;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/** Per-section results of a session: which of each section's concepts its answers covered. */
public final class Scorecards {

  private final Curriculum curriculum;
  private final PracticeStore sessions;

  public Scorecards(Curriculum curriculum, PracticeStore sessions) {
    this.curriculum = curriculum;
    this.sessions = sessions;
  }

  /** One field a section: "3/5 covered", plus "not reached" for sections never asked. */
  public List<Field> sectionFields(Handle handle, PracticeSession session) {
    return sectionFields(session, sessions.answers(handle, session.id()));
  }

  List<Field> sectionFields(PracticeSession session, List<Answer> answers) {
    Set<String> covered = covered(answers);
    int reached =
        session.state() == SessionState.COMPLETED
            ? curriculum.sections().size() - 1
            : curriculum.section(session.currentSection()).map(Section::index).orElse(0);
    List<Field> fields = new ArrayList<>();
    for (Section section : curriculum.sections()) {
      List<Concept> concepts = curriculum.conceptsOf(section);
      long hits = concepts.stream().filter(c -> covered.contains(c.id())).count();
      String value = hits + "/" + concepts.size() + " covered";
      if (section.index() > reached) {
        value = "not reached";
      } else if (answers.stream().noneMatch(a -> a.section().equals(section.id()))) {
        value += " (no answer)";
      }
      fields.add(new Field(section.title(), value));
    }
    return fields;
  }

  /** Every concept the answers covered. */
  static Set<String> covered(List<Answer> answers) {
    Set<String> covered = new LinkedHashSet<>();
    answers.forEach(a -> covered.addAll(a.concepts()));
    return covered;
  }
}
