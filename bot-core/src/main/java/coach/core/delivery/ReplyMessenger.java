package coach.core.delivery;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import java.time.Duration;
import java.util.Optional;

/**
 * What a platform adapter does for the reply outbox: sends one reply to a user in their direct
 * messages. May block on the network (pacing, the platform's own short retries); called off the
 * event threads.
 */
@FunctionalInterface
public interface ReplyMessenger {

  /**
   * Sends {@code reply} to {@code user}. {@code key} is the same on every attempt at this reply:
   * platforms that can drop a repeat by a caller's key (Discord's message nonce) should use it.
   *
   * @throws DeliveryException when the reply did not go
   */
  void send(UserId user, Reply reply, String key) throws DeliveryException;

  /** Why a reply did not go, and whether and when to try again. */
  final class DeliveryException extends Exception {
    private final boolean permanent;
    private final Optional<Duration> retryAfter;

    /**
     * @param permanent true when trying again cannot help (the user left, blocked the bot)
     * @param retryAfter how long the platform asked to wait (a 429's {@code Retry-After})
     */
    public DeliveryException(String reason, boolean permanent, Optional<Duration> retryAfter) {
      super(reason);
      this.permanent = permanent;
      this.retryAfter = retryAfter;
    }

    public boolean permanent() {
      return permanent;
    }

    public Optional<Duration> retryAfter() {
      return retryAfter;
    }
  }
}
