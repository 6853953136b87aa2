package coach.core.curriculum;

import java.util.List;

/**
 * Something a candidate may ask the interviewer about (scale, latency, labels ...), with the
 * lowercase cue phrases that mark such a question.
 */
public record FactTopic(String id, String name, boolean required, List<String> cues) {

  public FactTopic {
    cues = List.copyOf(cues);
  }
}
