package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import java.time.LocalDate;
import java.util.Optional;

/**
 * What a platform adapter does for daily prompts: post in a channel (opening the discussion thread)
 * and send a direct message. Implementations may block on the network; they are called off the
 * event threads.
 */
public interface DailyPublisher {

  /**
   * A post to publish. {@code body} is the post itself (its buttons included); {@code previous} is
   * the channel's last post, whose thread the adapter links to beside {@code previousSummary}.
   */
  record DailyPost(
      String postId,
      ChannelRef channel,
      LocalDate date,
      Reply body,
      Optional<DailyPostRecord> previous,
      Optional<String> previousSummary) {}

  /** The platform's ids of the published message and of its discussion thread. */
  record Receipt(String messageRef, String threadRef) {}

  /** Publishes a post; returns where it went. */
  Receipt publish(DailyPost post) throws PublishException;

  /** Sends {@code message} to {@code user} in a direct message. */
  void directMessage(UserId user, Reply message) throws PublishException;

  /** Posting failed; {@code reason} is one sentence an organiser can act on. */
  final class PublishException extends Exception {
    private final boolean permanent;

    /**
     * @param permanent true when retrying cannot help by itself (channel gone, bot removed,
     *     permission missing); it is still retried, since people fix such things
     */
    public PublishException(String reason, boolean permanent, Throwable cause) {
      super(reason, cause);
      this.permanent = permanent;
    }

    public PublishException(String reason, boolean permanent) {
      this(reason, permanent, null);
    }

    public boolean permanent() {
      return permanent;
    }
  }
}
