package coach.core.daily;

import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scenario a team wrote for its channels. It gets the standard section questions and follow-ups;
 * {@code facts} (topic id to the interviewer's answer) and {@code keyConcepts} are optional.
 *
 * @param workspaceKey {@code slack:TEAM} or {@code discord:SERVER}
 * @param state {@code suggested}, {@code approved}, {@code rejected} or {@code removed}
 */
public record CustomPrompt(
    String id,
    String workspaceKey,
    String title,
    String scenario,
    Map<String, String> facts,
    List<String> keyConcepts,
    String state,
    UserId author,
    Instant createdAt) {

  public static final String SUGGESTED = "suggested";
  public static final String APPROVED = "approved";
  public static final String REJECTED = "rejected";
  public static final String REMOVED = "removed";

  public CustomPrompt {
    facts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(facts));
    keyConcepts = List.copyOf(keyConcepts);
  }

  public static String workspaceKey(ChannelRef channel) {
    return channel.platform() + ":" + channel.workspace();
  }

  public CustomPrompt withState(String newState) {
    return new CustomPrompt(
        id, workspaceKey, title, scenario, facts, keyConcepts, newState, author, createdAt);
  }

  /** The prompt practice and daily posts use: the standard question for every section. */
  public Prompt toPrompt(Curriculum curriculum) {
    Map<String, String> questions = new LinkedHashMap<>();
    for (Section section : curriculum.sections()) {
      questions.put(section.id(), section.question());
    }
    List<InterviewerFact> interviewerFacts = new ArrayList<>();
    facts.forEach(
        (topic, answer) ->
            curriculum.factTopics().stream()
                .filter(t -> t.id().equals(topic))
                .findFirst()
                .ifPresent(t -> interviewerFacts.add(new InterviewerFact(t, answer))));
    return new Prompt(id, title, scenario, keyConcepts, questions, Map.of(), interviewerFacts);
  }
}
