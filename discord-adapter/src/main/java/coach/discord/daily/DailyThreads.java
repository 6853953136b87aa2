package coach.discord.daily;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.daily.DailyPostRecord;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordText;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The public thread under each daily post, where its discussion happens. A thread started on a
 * message has that message's id, so when opening it fails the post's message id still names the
 * thread a member may start by hand, and thread answers there are credited all the same.
 */
final class DailyThreads {

  private static final Logger log = LoggerFactory.getLogger(DailyThreads.class);

  /** Discord's longest thread name. */
  static final int MAX_NAME = 100;

  private final Supplier<JDA> jda;
  private final DiscordPoster poster;
  private final Curriculum curriculum;

  DailyThreads(Supplier<JDA> jda, DiscordPoster poster, Curriculum curriculum) {
    this.jda = jda;
    this.poster = poster;
    this.curriculum = curriculum;
  }

  /** "Day 12: Fraud scoring at checkout - Metrics", at most 100 characters. */
  String name(DailyPostRecord post) {
    String prompt = curriculum.prompt(post.promptId()).map(Prompt::title).orElse(post.promptId());
    String section =
        curriculum.section(post.sectionId()).map(Section::title).orElse(post.sectionId());
    return DiscordText.truncate(
        "Day " + post.sequence() + ": " + prompt + " - " + section, MAX_NAME);
  }

  /**
   * Opens the public thread on message {@code messageId} of {@code channel}; returns its id. When
   * Discord refuses, the reason is logged and the message id is returned: a thread started on that
   * message later (by a member) has that id.
   */
  String open(GuildMessageChannel channel, String messageId, Optional<DailyPostRecord> post) {
    String name = post.map(this::name).orElse("Today's question");
    try {
      ThreadChannel thread =
          poster.require(
              "opening the thread of daily post " + messageId + " in channel " + channel.getId(),
              () ->
                  ((IThreadContainer) channel)
                      .createThreadChannel(name, messageId)
                      .setAutoArchiveDuration(ThreadChannel.AutoArchiveDuration.TIME_1_WEEK));
      return thread.getId();
    } catch (DiscordPoster.Failure e) {
      if (e.code() == ErrorResponse.THREAD_WITH_THIS_MESSAGE_ALREADY_EXISTS.getCode()) {
        return messageId;
      }
      log.warn(
          "Discord: the daily post {} in channel {} went out, but its thread could not be opened"
              + " ({}); members can start one on the post, and answers there still count",
          messageId,
          channel.getId(),
          e.getMessage());
      return messageId;
    }
  }

  /**
   * The thread of a posted daily question, opening it on the post when it is not there (its opening
   * failed at post time); empty when Discord has neither.
   */
  Optional<GuildMessageChannel> find(DailyPostRecord post) {
    Optional<String> ref = post.threadRef().or(post::messageRef);
    if (ref.isEmpty()) {
      return Optional.empty();
    }
    ThreadChannel thread = jda.get().getThreadChannelById(ref.get());
    if (thread != null) {
      return Optional.of(thread);
    }
    GuildMessageChannel parent =
        jda.get().getChannelById(GuildMessageChannel.class, post.channel().channel());
    if (parent == null || post.messageRef().isEmpty() || !(parent instanceof IThreadContainer)) {
      return Optional.empty();
    }
    String opened = open(parent, post.messageRef().get(), Optional.of(post));
    return Optional.ofNullable(jda.get().getThreadChannelById(opened));
  }
}
