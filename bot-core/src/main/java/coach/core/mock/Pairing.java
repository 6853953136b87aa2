package coach.core.mock;

import coach.core.chat.UserId;
import java.util.List;

/**
 * The result of pairing: every attendee is in exactly one group or in {@code alone} (who get no
 * partner and should be told so and offered solo practice). Groups are ordered by their earliest
 * RSVP; {@code alone} is in RSVP order.
 */
public record Pairing(List<MockGroup> groups, List<UserId> alone) {

  public Pairing {
    groups = List.copyOf(groups);
    alone = List.copyOf(alone);
  }
}
