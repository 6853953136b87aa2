package coach.core.curriculum;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A practice scenario: its brief, the concepts that matter most for it, a question for every
 * section, the interviewer's facts, and how the generic rubric fits it: the concepts it does not
 * exercise ({@code outOfScope}, concept id to reason), prompt-specific follow-ups and hints, one
 * depth question per section (asked once the section is fully covered), and the words that mark its
 * domain ({@code domainTerms}, used to check that no other prompt's wording leaks in).
 */
public record Prompt(
    String id,
    String title,
    String brief,
    List<String> focus,
    Map<String, String> questions,
    Map<String, String> followups,
    List<InterviewerFact> facts,
    List<String> domainTerms,
    Map<String, String> outOfScope,
    Map<String, String> depth,
    Map<String, String> hints) {

  public Prompt {
    focus = List.copyOf(focus);
    questions = Map.copyOf(questions);
    followups = Map.copyOf(followups);
    facts = List.copyOf(facts);
    domainTerms = List.copyOf(domainTerms);
    outOfScope = Map.copyOf(outOfScope);
    depth = Map.copyOf(depth);
    hints = Map.copyOf(hints);
  }

  /** A prompt with no scenario-specific scope, depth questions or hints (tests, old data). */
  public Prompt(
      String id,
      String title,
      String brief,
      List<String> focus,
      Map<String, String> questions,
      Map<String, String> followups,
      List<InterviewerFact> facts) {
    this(
        id, title, brief, focus, questions, followups, facts, List.of(), Map.of(), Map.of(),
        Map.of());
  }

  /** The question for a section; every section has one (checked at load). */
  public String question(Section section) {
    return questions.get(section.id());
  }

  /** Whether this scenario exercises the concept; out-of-scope concepts are never asked. */
  public boolean exercises(String conceptId) {
    return !outOfScope.containsKey(conceptId);
  }

  /** The follow-up for a concept: this prompt's wording, else the concept's own. */
  public String followup(Concept concept) {
    return followups.getOrDefault(concept.id(), concept.followup());
  }

  /** The hint for a concept: this prompt's wording, else the concept's own. */
  public String hint(Concept concept) {
    return hints.getOrDefault(concept.id(), concept.hint());
  }

  /** The deeper question asked once a section is fully covered, if this prompt has one. */
  public Optional<String> depthQuestion(Section section) {
    return Optional.ofNullable(depth.get(section.id()));
  }

  /** The interviewer's answer on a topic, if this prompt has one. */
  public Optional<InterviewerFact> fact(String topicId) {
    return facts.stream().filter(f -> f.topic().id().equals(topicId)).findFirst();
  }
}
