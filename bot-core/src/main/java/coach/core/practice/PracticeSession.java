package coach.core.practice;

import coach.core.chat.UserId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/** One user's run through one prompt's outline. Immutable; the store saves each new version. */
public record PracticeSession(
    String id,
    UserId userId,
    String promptId,
    String currentSection,
    SessionState state,
    Instant startedAt,
    Instant updatedAt,
    Optional<Instant> endedAt) {

  public PracticeSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(promptId, "promptId");
    Objects.requireNonNull(currentSection, "currentSection");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(endedAt, "endedAt");
  }

  public PracticeSession atSection(String sectionId, Instant now) {
    return new PracticeSession(id, userId, promptId, sectionId, state, startedAt, now, endedAt);
  }

  public PracticeSession withState(SessionState newState, Instant now) {
    Optional<Instant> ended = newState.isOpen() ? Optional.empty() : Optional.of(now);
    return new PracticeSession(
        id, userId, promptId, currentSection, newState, startedAt, now, ended);
  }
}
