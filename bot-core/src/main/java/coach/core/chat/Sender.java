package coach.core.chat;

import java.time.ZoneId;
import java.util.Objects;
import java.util.Optional;

/**
 * Who sent an inbound event: the user's id, the name to show, and the time zone the platform
 * reports for them, if any.
 */
public record Sender(UserId id, String displayName, Optional<ZoneId> zone) {

  /** Longest display name kept; longer ones are cut. */
  public static final int MAX_DISPLAY_NAME = 80;

  public Sender {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(zone, "zone");
    displayName = displayName == null || displayName.isBlank() ? id.value() : displayName.strip();
    if (displayName.length() > MAX_DISPLAY_NAME) {
      displayName = displayName.substring(0, MAX_DISPLAY_NAME);
    }
  }

  public Sender(UserId id, String displayName) {
    this(id, displayName, Optional.empty());
  }
}
