package coach.core.mock;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The form an interviewer fills in after a round: which concepts the candidate covered, section by
 * section, and a note. {@code formId} ({@code SESSION:GROUP:ROUND}) comes back with the answers;
 * {@code checked} and {@code note} hold what was saved before (a draft or an earlier submission).
 */
public record FeedbackForm(
    String formId,
    String candidateName,
    String promptTitle,
    List<FormSection> sections,
    Set<String> checked,
    Optional<String> note) {

  /** One section of the outline with the concepts to tick. */
  public record FormSection(String sectionId, String title, List<FormConcept> concepts) {}

  /** A concept to tick: its id comes back when ticked; {@code name} is its plain words. */
  public record FormConcept(String id, String name) {}

  public FeedbackForm {
    sections = List.copyOf(sections);
    checked = Set.copyOf(checked);
  }

  /** Every concept id the form offers. */
  public Set<String> conceptIds() {
    return sections.stream()
        .flatMap(s -> s.concepts().stream())
        .map(FormConcept::id)
        .collect(java.util.stream.Collectors.toUnmodifiableSet());
  }
}
