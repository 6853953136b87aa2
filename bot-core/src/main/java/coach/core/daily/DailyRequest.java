package coach.core.daily;

import coach.core.chat.Sender;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * A {@code daily ...} command typed in a channel.
 *
 * @param text what follows {@code daily} ("at 09:00 zone Europe/Berlin", "pause", "" ...)
 * @param platformOrganiser whether the platform says the sender may configure the channel (Slack:
 *     admin, owner or channel creator; Discord: Administrator, Manage Server or Manage Channels);
 *     people listed in COACH_ADMINS may too
 * @param postingProblem checks, when asked, that the bot can post in the channel: empty when it
 *     can, else one sentence saying what to fix ("invite me with /invite @Coach")
 */
public record DailyRequest(
    ChannelRef channel,
    Sender sender,
    String eventId,
    String text,
    boolean platformOrganiser,
    Supplier<Optional<String>> postingProblem) {

  public DailyRequest {
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(sender, "sender");
    Objects.requireNonNull(eventId, "eventId");
    text = text == null ? "" : text.strip();
    Objects.requireNonNull(postingProblem, "postingProblem");
  }
}
