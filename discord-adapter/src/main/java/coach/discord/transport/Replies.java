package coach.discord.transport;

import coach.core.chat.Reply;
import coach.discord.transport.DiscordRenderer.DiscordMessage;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.interactions.InteractionHook;

/**
 * Sends replies, rendered by {@link DiscordRenderer} and posted with retries by {@link
 * DiscordPoster}: into a channel, as the answer to a deferred interaction, or into a user's DMs
 * (opened once and remembered). Every message allows no mentions. Blocking: call it from a worker
 * lane.
 */
public final class Replies {

  /** Said in a server when the answer went to the user's DMs. */
  public static final String IN_DMS = "Continuing in your DMs.";

  /** Said beside the answer itself when the user's DMs are closed. */
  public static final String DMS_CLOSED =
      "I couldn't send you a direct message (are DMs from server members turned off?), so here"
          + " it is; allow DMs from this server to practise with me.";

  private final DiscordRenderer renderer;
  private final DiscordPoster poster;
  private final Supplier<JDA> jda;
  private final Map<String, MessageChannel> dmChannels = new ConcurrentHashMap<>();

  public Replies(DiscordRenderer renderer, DiscordPoster poster, Supplier<JDA> jda) {
    this.renderer = renderer;
    this.poster = poster;
    this.jda = jda;
  }

  public DiscordRenderer renderer() {
    return renderer;
  }

  public DiscordPoster poster() {
    return poster;
  }

  /** Remembers the DM channel a user wrote from, so replies need not open it again. */
  public void knowDm(String userId, MessageChannel channel) {
    dmChannels.putIfAbsent(userId, channel);
  }

  /** Sends a reply into a channel, message by message; true when every message went out. */
  public boolean send(MessageChannel channel, Reply reply) {
    boolean delivered = true;
    for (DiscordMessage message : renderer.render(reply)) {
      delivered &=
          poster
              .call(
                  "sending a message to channel " + channel.getId(),
                  () -> channel.sendMessage(message.toCreateData()))
              .isPresent();
    }
    return delivered;
  }

  /** Answers a deferred interaction: the first message replaces "thinking...", then follow-ups. */
  public void respond(InteractionHook hook, Reply reply) {
    for (DiscordMessage message : renderer.render(reply)) {
      poster.call("answering an interaction", () -> hook.sendMessage(message.toCreateData()));
    }
  }

  /**
   * Sends the reply to the user's DMs and tells the caller so; falls back to an ephemeral reply.
   */
  public void continueInDm(User user, InteractionHook hook, Reply reply) {
    Optional<MessageChannel> dm = dmChannel(user.getId());
    boolean delivered = false;
    if (dm.isPresent()) {
      delivered = true;
      for (DiscordMessage message : renderer.render(reply)) {
        delivered &=
            poster
                .call(
                    "sending a message to the DM of user " + user.getId(),
                    () -> dm.get().sendMessage(message.toCreateData()))
                .isPresent();
      }
    }
    if (delivered) {
      respond(hook, Reply.text(IN_DMS));
    } else {
      respond(hook, Reply.builder().append(reply).context(DMS_CLOSED).build());
    }
  }

  /** The user's DM channel, opened (and remembered) when not known yet; empty when refused. */
  public Optional<MessageChannel> dmChannel(String userId) {
    MessageChannel known = dmChannels.get(userId);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<MessageChannel> opened =
        poster
            .call(
                "opening the DM of user " + userId, () -> jda.get().openPrivateChannelById(userId))
            .map(c -> (MessageChannel) c);
    opened.ifPresent(c -> dmChannels.put(userId, c));
    return opened;
  }

  /** Opens (or recalls) the user's DM channel; a failure is thrown for the caller to report. */
  public MessageChannel requireDmChannel(String userId) throws DiscordPoster.Failure {
    MessageChannel known = dmChannels.get(userId);
    if (known != null) {
      return known;
    }
    MessageChannel opened =
        poster.require(
            "opening the DM of user " + userId, () -> jda.get().openPrivateChannelById(userId));
    dmChannels.put(userId, opened);
    return opened;
  }
}
