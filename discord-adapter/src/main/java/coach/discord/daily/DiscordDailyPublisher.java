package coach.discord.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordRenderer.DiscordMessage;
import coach.discord.transport.Replies;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * Posts daily prompts on Discord: the post (embeds and buttons, as every reply is rendered), with a
 * link to the previous post's thread beside the core's summary of it, then a public thread on the
 * post. Each message carries a nonce Discord enforces, so a retry after a lost answer does not post
 * twice. Failures become {@link PublishException}s whose reason an organiser can act on: a channel
 * that is gone, a bot that was removed or lost a permission, a refused token are permanent; server
 * errors, rate limits and timeouts are transient.
 */
final class DiscordDailyPublisher implements DailyPublisher {

  private final Supplier<JDA> jda;
  private final Replies replies;
  private final DailyThreads threads;
  private final DailyPrompts daily;
  private volatile boolean closed;

  DiscordDailyPublisher(
      Supplier<JDA> jda, Replies replies, DailyThreads threads, DailyPrompts daily) {
    this.jda = jda;
    this.replies = replies;
    this.threads = threads;
    this.daily = daily;
  }

  /** From now on every post fails transiently: the connection is closing. */
  void close() {
    closed = true;
  }

  @Override
  public Receipt publish(DailyPost post) throws PublishException {
    if (closed) {
      throw new PublishException("Coach's Discord connection was closing.", false);
    }
    GuildMessageChannel channel = channel(post.channel());
    List<DiscordMessage> messages = replies.renderer().render(withPrevious(post));
    String first = null;
    for (int i = 0; i < messages.size(); i++) {
      DiscordMessage message = messages.get(i);
      String nonce = nonce(post.postId(), i);
      try {
        Message sent =
            replies
                .poster()
                .require(
                    "posting the daily prompt of " + post.date() + " in channel " + channel.getId(),
                    () -> channel.sendMessage(message.toCreateData()).setNonce(nonce));
        first = first == null ? sent.getId() : first;
      } catch (DiscordPoster.Failure e) {
        throw failure(e);
      }
    }
    String thread = threads.open(channel, first, daily.post(post.postId()));
    return new Receipt(first, thread);
  }

  @Override
  public void directMessage(UserId user, Reply message) throws PublishException {
    if (!user.platform().equals("discord")) {
      throw new PublishException(user + " is not a Discord user.", true);
    }
    String id = user.value().substring("discord:".length());
    try {
      MessageChannel dm = replies.requireDmChannel(id);
      for (DiscordMessage part : replies.renderer().render(message)) {
        replies
            .poster()
            .require("sending a DM to user " + id, () -> dm.sendMessage(part.toCreateData()));
      }
    } catch (DiscordPoster.Failure e) {
      throw failure(e);
    }
  }

  /** The channel to post in, if the bot is still there and may post: else why not. */
  private GuildMessageChannel channel(ChannelRef ref) throws PublishException {
    Guild guild = jda.get().getGuildById(ref.workspace());
    if (guild == null) {
      throw new PublishException(
          "I'm no longer a member of that Discord server (was I removed?); invite me again with"
              + " the link in Coach's README.",
          true);
    }
    GuildChannel channel = guild.getGuildChannelById(ref.channel());
    if (channel == null) {
      throw new PublishException(
          "The channel no longer exists on Discord (was it deleted?); set daily prompts up again"
              + " in another channel with /coach daily set.",
          true);
    }
    Optional<String> problem = ChannelChecks.postingProblem(channel);
    if (problem.isPresent()) {
      String reason = problem.get();
      throw new PublishException(
          Character.toUpperCase(reason.charAt(0)) + reason.substring(1), true);
    }
    return (GuildMessageChannel) channel;
  }

  /** Today's post, and below it the previous post's thread: the core's summary and a link. */
  private static Reply withPrevious(DailyPost post) {
    Optional<String> link =
        post.previous()
            .flatMap(p -> p.threadRef().or(p::messageRef))
            .map(
                thread ->
                    "https://discord.com/channels/" + post.channel().workspace() + "/" + thread);
    if (link.isEmpty() && post.previousSummary().isEmpty()) {
      return post.body();
    }
    Reply.Builder reply = Reply.builder().append(post.body()).heading("The last question's thread");
    post.previousSummary().ifPresent(reply::paragraph);
    link.ifPresent(url -> reply.paragraph("[Read that thread](" + url + ")"));
    return reply.build();
  }

  /**
   * The nonce of the {@code index}-th message of a post: Discord returns the first message instead
   * of creating a second when a retry sends the same nonce again (at most 25 characters).
   */
  static String nonce(String postId, int index) {
    String base = "d" + postId.replace("-", "");
    return base.substring(0, Math.min(base.length(), 22)) + index;
  }

  /** A failed call as a reason an organiser can act on, permanent unless trying later may help. */
  static PublishException failure(DiscordPoster.Failure e) {
    if (e.missingPermission()) {
      String permission = ((PermissionException) e.getCause()).getPermission().getName();
      return new PublishException(
          "I'm missing the "
              + permission
              + " permission in the channel; give it to my role in the channel's settings.",
          true,
          e);
    }
    int code = e.code();
    if (code == ErrorResponse.UNKNOWN_CHANNEL.getCode()) {
      return new PublishException(
          "Discord says the channel no longer exists (10003 Unknown Channel); was it deleted? Set"
              + " daily prompts up again in another channel with /coach daily set.",
          true,
          e);
    }
    if (code == ErrorResponse.MISSING_ACCESS.getCode()) {
      return new PublishException(
          "Discord refused me access to the channel (50001 Missing Access): I may have been"
              + " removed from the server or can no longer see the channel; invite me again or"
              + " give my role View Channel there.",
          true,
          e);
    }
    if (code == ErrorResponse.MISSING_PERMISSIONS.getCode()) {
      return new PublishException(
          "Discord says I lack a permission in the channel (50013 Missing Permissions); give my"
              + " role View Channel, Send Messages, Embed Links, Create Public Threads and Send"
              + " Messages in Threads there.",
          true,
          e);
    }
    if (code == ErrorResponse.CANNOT_SEND_TO_USER.getCode()) {
      return new PublishException(
          "Discord won't let me send that person a direct message (50007); they may not accept"
              + " DMs from server members.",
          true,
          e);
    }
    if (e.status() == 401) {
      return new PublishException(
          "Discord refused my bot token (401 Unauthorized); put the current token in"
              + " DISCORD_BOT_TOKEN and restart Coach.",
          true,
          e);
    }
    if (e.retryable() || e.status() == 429) {
      return new PublishException(
          "Discord did not answer in time or had an error (" + e.getMessage() + ").", false, e);
    }
    return new PublishException("Discord refused the post (" + e.getMessage() + ").", true, e);
  }
}
