package coach.core.mock;

import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * A scheduled group mock interview in a channel.
 *
 * @param id the short id shown as {@code #ID}
 * @param zone the zone it was scheduled in (for weekly repeats and fallback text)
 * @param capacity how many may say Going before the waitlist starts; empty for no limit
 * @param minAttendees below this many at the RSVP deadline the session is cancelled
 * @param prompts the prompt ids it may use; empty for every prompt
 * @param seriesId the first occurrence's id, shared by weekly repeats
 * @param sequence the iCalendar SEQUENCE: bumped by every move and by a cancel
 * @param messageRef the announcement's platform id, once posted
 * @param eventRef the platform's calendar event (Discord scheduled event), if one was made
 */
public record MockSession(
    String id,
    ChannelRef channel,
    UserId organiser,
    Instant startsAt,
    ZoneId zone,
    int minutes,
    OptionalInt capacity,
    int minAttendees,
    Instant deadline,
    boolean weekly,
    List<String> prompts,
    String seriesId,
    State state,
    Optional<String> cancelReason,
    int sequence,
    Optional<String> messageRef,
    Optional<String> eventRef) {

  /** Where a session is in its life. */
  public enum State {
    SCHEDULED("scheduled"),
    RUNNING("running"),
    ENDED("ended"),
    CANCELLED("cancelled");

    private final String code;

    State(String code) {
      this.code = code;
    }

    public String code() {
      return code;
    }

    public static State of(String code) {
      for (State s : values()) {
        if (s.code.equals(code)) {
          return s;
        }
      }
      throw new IllegalArgumentException("unknown mock session state " + code);
    }
  }

  public MockSession {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(startsAt, "startsAt");
    prompts = List.copyOf(prompts);
  }

  public Duration length() {
    return Duration.ofMinutes(minutes);
  }

  public Instant endsAt() {
    return startsAt.plus(length());
  }

  /** Whether people may still say Going. */
  public boolean rsvpOpen(Instant now) {
    return state == State.SCHEDULED && now.isBefore(deadline);
  }

  public boolean upcoming() {
    return state == State.SCHEDULED;
  }
}
