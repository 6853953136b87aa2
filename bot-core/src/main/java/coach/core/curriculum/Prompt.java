package coach.core.curriculum;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A practice scenario: its brief, the concepts that matter most for it, a question for every
 * section, prompt-specific follow-up wording, and the interviewer's facts.
 */
public record Prompt(
    String id,
    String title,
    String brief,
    List<String> focus,
    Map<String, String> questions,
    Map<String, String> followups,
    List<InterviewerFact> facts) {

  public Prompt {
    focus = List.copyOf(focus);
    questions = Map.copyOf(questions);
    followups = Map.copyOf(followups);
    facts = List.copyOf(facts);
  }

  /** The question for a section; every section has one (checked at load). */
  public String question(Section section) {
    return questions.get(section.id());
  }

  /** The follow-up for a concept: this prompt's wording, else the concept's own. */
  public String followup(Concept concept) {
    return followups.getOrDefault(concept.id(), concept.followup());
  }

  /** The interviewer's answer on a topic, if this prompt has one. */
  public Optional<InterviewerFact> fact(String topicId) {
    return facts.stream().filter(f -> f.topic().id().equals(topicId)).findFirst();
  }
}
