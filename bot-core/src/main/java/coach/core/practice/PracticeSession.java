package coach.core.practice;

import coach.core.chat.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's run through one prompt's outline. {@code followupConcept} is the concept of the
 * follow-up question waiting for an answer; {@code followedUp} lists the concepts already followed
 * up in the current section. Immutable; the store saves each new version.
 */
public record PracticeSession(
    String id,
    UserId userId,
    String promptId,
    String currentSection,
    SessionState state,
    Instant startedAt,
    Instant updatedAt,
    Optional<Instant> endedAt,
    Optional<String> followupConcept,
    List<String> followedUp) {

  public PracticeSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(promptId, "promptId");
    Objects.requireNonNull(currentSection, "currentSection");
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
    Objects.requireNonNull(endedAt, "endedAt");
    Objects.requireNonNull(followupConcept, "followupConcept");
    followedUp = List.copyOf(followedUp);
  }

  /** A new session at the first section. */
  public static PracticeSession start(
      String id, UserId userId, String promptId, String firstSection, Instant now) {
    return new PracticeSession(
        id,
        userId,
        promptId,
        firstSection,
        SessionState.ACTIVE,
        now,
        now,
        Optional.empty(),
        Optional.empty(),
        List.of());
  }

  /** Moves to a section, with no follow-ups asked there yet. */
  public PracticeSession atSection(String sectionId, Instant now) {
    return new PracticeSession(
        id,
        userId,
        promptId,
        sectionId,
        state,
        startedAt,
        now,
        endedAt,
        Optional.empty(),
        List.of());
  }

  /** Waits for the answer to a follow-up about {@code conceptId}. */
  public PracticeSession askingFollowup(String conceptId, Instant now) {
    List<String> asked = new java.util.ArrayList<>(followedUp);
    asked.add(conceptId);
    return new PracticeSession(
        id,
        userId,
        promptId,
        currentSection,
        state,
        startedAt,
        now,
        endedAt,
        Optional.of(conceptId),
        asked);
  }

  /** No follow-up is waiting any more. */
  public PracticeSession followupAnswered(Instant now) {
    return new PracticeSession(
        id,
        userId,
        promptId,
        currentSection,
        state,
        startedAt,
        now,
        endedAt,
        Optional.empty(),
        followedUp);
  }

  public PracticeSession withState(SessionState newState, Instant now) {
    Optional<Instant> ended = newState.isOpen() ? Optional.empty() : Optional.of(now);
    return new PracticeSession(
        id,
        userId,
        promptId,
        currentSection,
        newState,
        startedAt,
        now,
        ended,
        newState.isOpen() ? followupConcept : Optional.empty(),
        followedUp);
  }
}
