package coach.discord.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordRenderer.DiscordMessage;
import coach.discord.transport.Publishing;
import coach.discord.transport.Replies;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/**
 * Posts daily prompts on Discord: the post (embeds and buttons, as every reply is rendered), with a
 * link to the previous post's thread beside the core's summary of it, then a public thread on the
 * post. Each message carries a nonce Discord enforces, so a retry after a lost answer does not post
 * twice. Failures become {@link PublishException}s whose reason an organiser can act on: a channel
 * that is gone, a bot that was removed or lost a permission, a refused token are permanent; server
 * errors, rate limits and timeouts are transient.
 */
final class DiscordDailyPublisher implements DailyPublisher {

  /** What an organiser is told to do when posting fails for good. */
  static final Publishing.Advice ADVICE =
      new Publishing.Advice(
          "set daily prompts up again in another channel with /coach daily set.",
          "View Channel, Send Messages, Embed Links, Create Public Threads and Send Messages in"
              + " Threads");

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
    Publishing.directMessage(replies, user, message, ADVICE);
  }

  /** The channel to post in, if the bot is still there and may post: else why not. */
  private GuildMessageChannel channel(ChannelRef ref) throws PublishException {
    return Publishing.channel(jda.get(), ref, ADVICE, ChannelChecks::postingProblem);
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
    return Publishing.failure(e, ADVICE);
  }
}
