package coach.core.mock;

import coach.core.chat.UserId;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.progress.ConceptStats;
import coach.core.progress.ProgressStore;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * What pairing needs to know about people and prompts: the prompts each person has done, their
 * weakest sections, and the sections each prompt exercises most.
 */
final class MockProfiles {

  private final Curriculum curriculum;
  private final ProgressStore progress = new ProgressStore();
  private final MockRecords records;

  MockProfiles(Curriculum curriculum, MockRecords records) {
    this.curriculum = curriculum;
    this.records = records;
  }

  /** Prompts the person practised in DM or as a mock candidate. */
  Set<String> donePrompts(Handle h, UserId user) {
    Set<String> done =
        new TreeSet<>(
            h.createQuery("SELECT DISTINCT prompt_id FROM practice_sessions WHERE user_id = :user")
                .bind("user", user.value())
                .mapTo(String.class)
                .list());
    done.addAll(records.mockPrompts(h, user));
    return done;
  }

  /**
   * Section ids, weakest first: by the share of the section's concepts never covered, then by how
   * often they were missed; a newcomer's list is the outline's order.
   */
  List<String> weakestSections(Handle h, UserId user) {
    Map<String, ConceptStats> stats = progress.conceptStats(h, user);
    List<Section> sections = new ArrayList<>(curriculum.sections());
    Map<String, double[]> score = new LinkedHashMap<>();
    for (Section section : sections) {
      List<Concept> concepts = curriculum.conceptsOf(section);
      int uncovered = 0;
      int missed = 0;
      for (Concept c : concepts) {
        ConceptStats s = stats.getOrDefault(c.id(), ConceptStats.NONE);
        uncovered += s.covered() ? 0 : 1;
        missed += s.timesMissed();
      }
      double share = concepts.isEmpty() ? 0 : (double) uncovered / concepts.size();
      score.put(section.id(), new double[] {share, missed, section.index()});
    }
    if (stats.isEmpty()) {
      return sections.stream().map(Section::id).toList();
    }
    return sections.stream()
        .map(Section::id)
        .sorted(
            Comparator.<String>comparingDouble(id -> -score.get(id)[0])
                .thenComparingDouble(id -> -score.get(id)[1])
                .thenComparingDouble(id -> score.get(id)[2]))
        .toList();
  }

  /** Prompt id to the sections of its focus concepts. */
  Map<String, Set<String>> promptSections(List<String> promptIds) {
    Map<String, Set<String>> sections = new LinkedHashMap<>();
    for (String id : promptIds) {
      Set<String> of = new LinkedHashSet<>();
      curriculum
          .prompt(id)
          .map(Prompt::focus)
          .orElse(List.of())
          .forEach(c -> curriculum.concept(c).ifPresent(concept -> of.add(concept.sectionId())));
      sections.put(id, of);
    }
    return sections;
  }
}
