package coach.discord.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPublisher.PublishException;
import coach.core.mock.MockPublisher;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mock sessions on Discord: the announcement is one message in the channel (embeds and the Going /
 * Not going buttons, as every reply is rendered), edited in place as people answer; reminders,
 * pairings and feedback go by DM; the session is also a Guild Scheduled Event ({@link
 * GuildEvents}). An announcement carries a nonce Discord enforces (from the session id), so a retry
 * after a lost answer does not post it twice. Failures become {@link PublishException}s whose
 * reason an organiser can act on, as for daily prompts.
 */
final class DiscordMockPublisher implements MockPublisher {

  private static final Logger log = LoggerFactory.getLogger(DiscordMockPublisher.class);

  /** What an organiser is told to do when posting fails for good. */
  static final Publishing.Advice ADVICE =
      new Publishing.Advice(
          "schedule the session again in another channel with /coach mock schedule.",
          "View Channel, Send Messages and Embed Links");

  private final Supplier<JDA> jda;
  private final Replies replies;
  private final GuildEvents events;

  DiscordMockPublisher(Supplier<JDA> jda, Replies replies) {
    this.jda = jda;
    this.replies = replies;
    this.events = new GuildEvents(jda, replies.poster());
  }

  @Override
  public String announce(ChannelRef ref, Reply announcement) throws PublishException {
    GuildMessageChannel channel = channel(ref);
    List<DiscordMessage> messages = replies.renderer().render(announcement);
    Optional<String> nonce = nonce(announcement);
    String first = null;
    for (int i = 0; i < messages.size(); i++) {
      DiscordMessage message = messages.get(i);
      int index = i;
      try {
        Message sent =
            replies
                .poster()
                .require(
                    "posting a mock session's announcement in channel " + channel.getId(),
                    () ->
                        channel
                            .sendMessage(message.toCreateData())
                            .setNonce(nonce.map(n -> n + index).orElse(null)));
        first = first == null ? sent.getId() : first;
      } catch (DiscordPoster.Failure e) {
        throw Publishing.failure(e, ADVICE);
      }
    }
    if (messages.size() > 1) {
      log.warn(
          "Discord: a mock announcement took {} messages; only the first is kept up to date",
          messages.size());
    }
    return first;
  }

  @Override
  public void updateAnnouncement(ChannelRef ref, String messageRef, Reply announcement)
      throws PublishException {
    GuildMessageChannel channel = channel(ref);
    DiscordMessage message = replies.renderer().render(announcement).get(0);
    try {
      replies
          .poster()
          .require(
              "updating announcement " + messageRef + " in channel " + channel.getId(),
              () -> channel.editMessageById(messageRef, message.toEditData()));
    } catch (DiscordPoster.Failure e) {
      throw Publishing.failure(e, ADVICE);
    }
  }

  @Override
  public void directMessage(UserId user, Reply message) throws PublishException {
    Publishing.directMessage(replies, user, message, ADVICE);
  }

  @Override
  public EventOutcome syncEvent(CalendarEvent event, Optional<String> existing) {
    return events.sync(event, existing);
  }

  @Override
  public void cancelEvent(ChannelRef channel, String eventRef) {
    events.cancel(channel, eventRef);
  }

  @Override
  public void markEvent(ChannelRef channel, String eventRef, EventStage stage) {
    events.mark(channel, eventRef, stage);
  }

  private GuildMessageChannel channel(ChannelRef ref) throws PublishException {
    return Publishing.channel(jda.get(), ref, ADVICE, MockFeature::postingProblem);
  }

  /**
   * The nonce of an announcement, from its session's id on the Going button: Discord returns the
   * first message instead of creating a second when a retry sends the same nonce again (at most 25
   * characters, the message's index appended).
   */
  static Optional<String> nonce(Reply announcement) {
    return announcement.blocks().stream()
        .filter(b -> b instanceof Reply.Block.Choices)
        .flatMap(b -> ((Reply.Block.Choices) b).choices().stream())
        .map(Reply.Block.Choice::actionId)
        .filter(id -> id.startsWith(coach.core.mock.MockSessions.GOING + ":"))
        .map(id -> "mock" + id.substring(id.indexOf(':') + 1))
        .filter(n -> n.length() <= 22)
        .findFirst();
  }
}
