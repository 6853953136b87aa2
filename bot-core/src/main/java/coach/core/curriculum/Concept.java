package coach.core.curriculum;

import java.util.List;

/**
 * A rubric concept: something a strong answer addresses. {@code sectionId} is its home section (the
 * id's prefix); an answer to any section can cover it.
 */
public record Concept(
    String id,
    String sectionId,
    String name,
    ConceptKind kind,
    String followup,
    String hint,
    String why,
    List<Reference> refs) {

  public Concept {
    refs = List.copyOf(refs);
  }
}
