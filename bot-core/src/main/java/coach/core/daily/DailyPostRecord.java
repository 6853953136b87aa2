package coach.core.daily;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;

/**
 * A channel's post for one local date, as stored. {@code state} is {@code claimed} from the moment
 * Coach decided to post until the platform confirms it, then {@code posted}; {@code failed} once
 * every retry failed.
 */
public record DailyPostRecord(
    String id,
    ChannelRef channel,
    LocalDate date,
    int sequence,
    String promptId,
    String sectionId,
    Instant scheduledFor,
    boolean late,
    String state,
    int attempts,
    Optional<String> lastError,
    Optional<String> messageRef,
    Optional<String> threadRef,
    Optional<Instant> postedAt) {

  public static final String CLAIMED = "claimed";
  public static final String POSTED = "posted";
  public static final String FAILED = "failed";

  public boolean posted() {
    return state.equals(POSTED);
  }
}
