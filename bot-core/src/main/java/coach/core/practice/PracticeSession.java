package coach.core.practice;

import coach.core.chat.UserId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One user's run through one prompt's outline. Immutable; the store saves each new version.
 *
 * @param followupConcept the concept of the follow-up question waiting for an answer
 * @param followedUp the concepts already followed up (or pushed back on) in the current section
 * @param autoMovedAt when the interviewer last moved to the current section by itself, so a {@code
 *     next} typed a moment later is not applied to a section the user has not seen
 * @param depthAsked whether the current section's depth question has been asked
 * @param pushback the concept the user dismissed and the interviewer pushed back on, waiting for
 *     the user's reply
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
    List<String> followedUp,
    Optional<Instant> autoMovedAt,
    boolean depthAsked,
    Optional<String> pushback) {

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
    Objects.requireNonNull(autoMovedAt, "autoMovedAt");
    Objects.requireNonNull(pushback, "pushback");
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
        List.of(),
        Optional.empty(),
        false,
        Optional.empty());
  }

  /** Moves to a section the user asked for, with nothing asked there yet. */
  public PracticeSession atSection(String sectionId, Instant now) {
    return moved(sectionId, now, Optional.empty());
  }

  /** Moves to a section by the interviewer's own decision, remembering when. */
  public PracticeSession movedOnTo(String sectionId, Instant now) {
    return moved(sectionId, now, Optional.of(now));
  }

  private PracticeSession moved(String sectionId, Instant now, Optional<Instant> auto) {
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
        List.of(),
        auto,
        false,
        Optional.empty());
  }

  /** Waits for the answer to a follow-up about {@code conceptId}. */
  public PracticeSession askingFollowup(String conceptId, Instant now) {
    List<String> asked = new ArrayList<>(followedUp);
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
        asked,
        autoMovedAt,
        depthAsked,
        Optional.empty());
  }

  /** Waits for the answer to the section's depth question. */
  public PracticeSession askingDepth(Instant now) {
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
        followedUp,
        autoMovedAt,
        true,
        Optional.empty());
  }

  /** Pushed back on a dismissal of {@code conceptId}; it is not followed up again here. */
  public PracticeSession pushingBack(String conceptId, Instant now) {
    List<String> asked = new ArrayList<>(followedUp);
    if (!asked.contains(conceptId)) {
      asked.add(conceptId);
    }
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
        asked,
        autoMovedAt,
        depthAsked,
        Optional.of(conceptId));
  }

  /** No follow-up or push-back is waiting any more; the user has now answered here. */
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
        followedUp,
        Optional.empty(),
        depthAsked,
        Optional.empty());
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
        followedUp,
        autoMovedAt,
        depthAsked,
        newState.isOpen() ? pushback : Optional.empty());
  }
}
