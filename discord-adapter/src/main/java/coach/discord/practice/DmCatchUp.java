package coach.discord.practice;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.UserId;
import coach.core.intake.MissedMessages;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.People;
import coach.discord.transport.Replies;
import java.util.List;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;

/**
 * After a start, handles the direct messages that never reached Coach: Discord's gateway does not
 * deliver again what was sent while no instance was connected, or in the instant before a crash,
 * before the journal held it. For each user who was writing in the hour before Coach stopped (at
 * most {@value MissedMessages#USERS}), it reads the latest {@value #MESSAGES} messages of their DM
 * and handles, oldest first, the user's messages newer than the newest one already handled (none
 * when no message read was handled). Each user's catch-up is queued on their lane before anything
 * new can arrive, so what they missed is answered first and in order. Messages with files are
 * skipped (the live path only asks to type the answer instead). A user whose DM cannot be read is
 * skipped with a log line; handling stays idempotent, so a message caught up on twice (by two
 * instances) is handled once.
 */
public final class DmCatchUp {

  /** The latest messages of a DM that are read (Discord's default page). */
  static final int MESSAGES = 50;

  private static final String PREFIX = "discord:";

  private final Coach coach;
  private final Lanes lanes;
  private final Replies replies;
  private final Supplier<JDA> jda;
  private final MissedMessages missed;

  public DmCatchUp(Coach coach, Lanes lanes, Replies replies, Supplier<JDA> jda) {
    this.coach = coach;
    this.lanes = lanes;
    this.replies = replies;
    this.jda = jda;
    this.missed = coach.missedMessages();
  }

  /**
   * Queues a catch-up on the lane of each user who was writing lately; they run once the lanes
   * open, with JDA ready. Returns how many users were queued. Never throws.
   */
  public int queue() {
    return missed.queueForRecentWriters(
        "discord",
        PREFIX,
        "Discord",
        lanes,
        DmCatchUp::discordId,
        (user, tally) -> catchUp(user, discordId(user), tally));
  }

  private static String discordId(UserId user) {
    return user.value().substring(PREFIX.length());
  }

  /** Handles what {@code user} sent that Coach never handled; returns how many messages. */
  private int catchUp(UserId user, String discordId, MissedMessages.Tally tally) {
    JDA client = jda.get();
    if (client == null) {
      return 0; // the start failed before connecting: nothing to read with
    }
    List<Message> missedMessages;
    PrivateChannel channel;
    try {
      channel = client.openPrivateChannelById(discordId).complete();
      List<Message> theirs =
          channel.getHistory().retrievePast(MESSAGES).complete().stream()
              .filter(m -> m.getAuthor().getId().equals(discordId))
              .toList();
      missedMessages = missed.newerThanHandled(user, theirs, m -> "msg:" + m.getId());
    } catch (RuntimeException e) {
      tally.failed(user, DiscordConnection.oneLine(e));
      return 0;
    }
    int handled = 0;
    for (Message message : missedMessages) {
      if (!message.getAttachments().isEmpty() || !message.getStickers().isEmpty()) {
        continue;
      }
      replies.knowDm(discordId, channel);
      coach.respond(
          new Inbound.Message(
              People.sender(message.getAuthor()),
              "msg:" + message.getId(),
              message.getContentRaw()));
      handled++;
    }
    return handled;
  }
}
