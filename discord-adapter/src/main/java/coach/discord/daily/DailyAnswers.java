package coach.discord.daily;

import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPostRecord;
import coach.core.daily.DailyPrompts;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.Replies;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Optional;
import java.util.stream.Collectors;
import net.dv8tion.jda.api.components.label.Label;
import net.dv8tion.jda.api.components.textinput.TextInput;
import net.dv8tion.jda.api.components.textinput.TextInputStyle;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.emoji.Emoji;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.modals.Modal;
import net.dv8tion.jda.api.utils.MarkdownSanitizer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to a daily post's question: submitted through the post's Answer form (a modal, which
 * needs no privileged intent), or written in its thread (read only with the Message Content
 * intent). A form answer is credited to its author and quoted in the thread under their name, for
 * everyone; a thread message is credited and acknowledged with a reaction. Neither pings anyone.
 */
final class DailyAnswers {

  private static final Logger log = LoggerFactory.getLogger(DailyAnswers.class);

  /** The Answer form's text input. */
  static final String INPUT = "answer";

  /** Discord's longest text input value. */
  static final int MAX_ANSWER = TextInput.MAX_VALUE_LENGTH;

  static final String THANKS = "Thanks, your answer is in the thread; press My feedback for yours.";
  static final String ALREADY = "I have that answer already; it's in the thread.";
  static final String GONE =
      "I can't find that daily question any more; answer the latest post instead.";

  /** The reaction on a thread message that was credited. */
  static final Emoji CREDITED = Emoji.fromUnicode("✅");

  private final DailyPrompts daily;
  private final Replies replies;
  private final DailyThreads threads;

  DailyAnswers(DailyPrompts daily, Replies replies, DailyThreads threads) {
    this.daily = daily;
    this.replies = replies;
    this.threads = threads;
  }

  /** The Answer form of post {@code postId}: one paragraph input. */
  static Modal form(String modalId) {
    TextInput input =
        TextInput.create(INPUT, TextInputStyle.PARAGRAPH)
            .setRequired(true)
            .setRequiredRange(1, MAX_ANSWER)
            .setPlaceholder("What would you say in the interview?")
            .build();
    return Modal.create(modalId, "Your answer")
        .addComponents(
            Label.of(
                "Today's question",
                "Posted in the thread under your name; it counts toward your progress.",
                input))
        .build();
  }

  /**
   * A submitted Answer form: credits it, quotes it in the post's thread, and answers the author on
   * {@code hook}. A second submission of the same text by the same person (a double click, a
   * redelivery) is credited and quoted once.
   */
  void submitted(InteractionHook hook, String postId, Sender author, String name, String text) {
    Optional<DailyPostRecord> post = daily.post(postId);
    if (post.isEmpty()) {
      replies.respond(hook, Reply.text(GONE));
      return;
    }
    if (text == null || text.isBlank()) {
      replies.respond(hook, Reply.text("Your answer was empty, so there's nothing to post."));
      return;
    }
    String eventId = "form:" + author.id().value() + ":" + digest(text.strip());
    if (daily.formAnswer(postId, author, eventId, text).isEmpty()) {
      replies.respond(hook, Reply.text(DailyFeature.ALREADY));
      return;
    }
    Optional<GuildMessageChannel> thread = threads.find(post.get());
    if (thread.isPresent() && replies.send(thread.get(), Reply.text(quote(name, text)))) {
      replies.respond(hook, Reply.text(DailyFeature.THANKS));
      return;
    }
    log.warn(
        "Discord: a form answer to daily post {} was credited but could not be quoted in its"
            + " thread ({})",
        postId,
        thread.isEmpty() ? "no thread: archived, deleted or never opened" : "sending failed");
    replies.respond(
        hook,
        Reply.text(
            "Thanks, your answer counts toward your progress, but I couldn't post it in the thread"
                + " (it may be archived). Press My feedback for yours."));
  }

  /**
   * A message in a thread (with the Message Content intent): credited, and reacted to, when the
   * thread is a daily post's. {@code channel} is the thread's parent.
   */
  void threadMessage(ThreadChannel thread, ChannelRef channel, Sender author, Message message) {
    Optional<DailyPrompts.Credited> credited =
        daily.threadAnswer(
            channel, thread.getId(), author, "msg:" + message.getId(), message.getContentRaw());
    if (credited.isEmpty()) {
      return;
    }
    try {
      replies
          .poster()
          .require(
              "reacting to message " + message.getId() + " in thread " + thread.getId(),
              () -> thread.addReactionById(message.getId(), CREDITED));
    } catch (DiscordPoster.Failure e) {
      log.warn(
          "Discord: credited a thread answer in {} but could not react to it ({}); give my role"
              + " Add Reactions and Read Message History in <#{}>",
          thread.getId(),
          e.getMessage(),
          channel.channel());
    }
  }

  /**
   * "**Ada** answered:" and the answer as a block quote. Markdown in the name is escaped; nothing
   * pings, since every message the coach sends allows no mentions.
   */
  static String quote(String name, String text) {
    String quoted =
        text.strip()
            .lines()
            .map(line -> line.isBlank() ? ">" : "> " + line)
            .collect(Collectors.joining("\n"));
    return "**" + MarkdownSanitizer.escape(name) + "** answered:\n" + quoted;
  }

  private static String digest(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash).substring(0, 32);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
