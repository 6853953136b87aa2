package coach.core.clarify;

import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.FactTopic;
import coach.core.curriculum.Prompt;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The interviewer's replies from a prompt's facts: for each topic asked, the topic's display name
 * from the curriculum and the prompt's fact on it (empty when the brief does not pin it down).
 * Immutable; thread-safe.
 */
final class FactAnswers {

  private final Map<String, String> names;

  private FactAnswers(Map<String, String> names) {
    this.names = Map.copyOf(names);
  }

  /** The topic names of the shipped curriculum. */
  static FactAnswers fromCurriculum() {
    Map<String, String> names = new HashMap<>();
    for (FactTopic topic : CurriculumLoader.loadDefault().factTopics()) {
      names.put(topic.id(), topic.name());
    }
    return new FactAnswers(names);
  }

  /** One reply per topic, in the order given. */
  List<Clarification> answer(Prompt prompt, List<String> topics) {
    List<Clarification> replies = new ArrayList<>();
    for (String topic : topics) {
      replies.add(
          new Clarification(
              topic,
              names.getOrDefault(topic, topic),
              prompt.fact(topic).map(fact -> fact.answer().strip())));
    }
    return replies;
  }

  /** The topic's display name ("Scale and volume"), or the id when the curriculum has none. */
  String topicName(String topicId) {
    return names.getOrDefault(topicId, topicId);
  }
}
