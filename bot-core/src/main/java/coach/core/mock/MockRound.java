package coach.core.mock;

import coach.core.chat.UserId;
import java.util.Objects;

/**
 * One round of a group: {@code interviewer} asks {@code candidate} prompt {@code promptId}. Rounds
 * run in {@code index} order, starting at 0.
 */
public record MockRound(int index, UserId interviewer, UserId candidate, String promptId) {

  public MockRound {
    Objects.requireNonNull(interviewer, "interviewer");
    Objects.requireNonNull(candidate, "candidate");
    Objects.requireNonNull(promptId, "promptId");
    if (index < 0 || interviewer.equals(candidate)) {
      throw new IllegalArgumentException("Not a round: " + index + " " + interviewer);
    }
  }
}
