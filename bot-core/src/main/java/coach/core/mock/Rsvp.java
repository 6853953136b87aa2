package coach.core.mock;

import coach.core.chat.UserId;
import java.time.Instant;

/**
 * One person's answer to a session's announcement. {@code queuedAt} orders the attendee list and
 * the waitlist; {@code lateDrop} marks a Not going pressed after the RSVP deadline.
 */
public record Rsvp(
    String sessionId, UserId user, Status status, Instant queuedAt, boolean lateDrop) {

  /** Going, waiting for a place, or not going. */
  public enum Status {
    GOING("going"),
    WAITLIST("waitlist"),
    NOT_GOING("not_going");

    private final String code;

    Status(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static Status of(String code) {
      for (Status s : values()) {
        if (s.code.equals(code)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown RSVP status " + code);
    }
  }
}
