package coach.core.practice;

import java.time.Instant;
import java.util.Set;

/** Something the user wrote in a session, kept whole, with the concepts detected in it. */
public record Answer(
    String id,
    String sessionId,
    String section,
    String text,
    Instant receivedAt,
    Set<String> concepts) {

  public Answer {
    concepts = Set.copyOf(concepts);
  }
}
