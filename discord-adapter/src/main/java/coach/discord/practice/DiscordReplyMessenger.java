package coach.discord.practice;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.delivery.ReplyMessenger;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordRenderer.DiscordMessage;
import coach.discord.transport.Replies;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;

/**
 * Sends the reply outbox's replies in users' DMs. Each message carries a nonce Discord enforces,
 * made from the reply's outbox id, so a reply sent again after a lost answer or a crash shows once.
 */
public final class DiscordReplyMessenger implements ReplyMessenger {

  private final Replies replies;

  public DiscordReplyMessenger(Replies replies) {
    this.replies = replies;
  }

  @Override
  public void send(UserId user, Reply reply, String key) throws DeliveryException {
    if (!user.platform().equals("discord")) {
      throw new DeliveryException(user + " is not a Discord user.", true, Optional.empty());
    }
    String id = user.value().substring("discord:".length());
    try {
      MessageChannel dm = replies.requireDmChannel(id);
      List<DiscordMessage> parts = replies.renderer().render(reply);
      for (int i = 0; i < parts.size(); i++) {
        DiscordMessage part = parts.get(i);
        String nonce = nonce(key, i);
        replies
            .poster()
            .require(
                "sending a reply to user " + id,
                () -> dm.sendMessage(part.toCreateData()).setNonce(nonce));
      }
    } catch (DiscordPoster.Failure e) {
      throw new DeliveryException(e.getMessage(), !e.retryable(), Optional.empty());
    }
  }

  /** The nonce of the {@code index}-th message of a reply (Discord takes 25 characters at most). */
  static String nonce(String key, int index) {
    String base = "r" + key.replace("-", "");
    return base.substring(0, Math.min(base.length(), 22)) + index;
  }
}
