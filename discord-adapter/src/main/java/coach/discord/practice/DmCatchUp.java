package coach.discord.practice;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.UserId;
import coach.core.intake.MissedMessages;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.People;
import coach.discord.transport.Replies;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.channel.concrete.PrivateChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * After a start, handles the direct messages that never reached Coach: Discord's gateway does not
 * deliver again what was sent while no instance was connected, or in the instant before a crash,
 * before the journal held it. For each user who was writing in the hour before Coach stopped (at
 * most {@value #USERS}), it reads the latest {@value #MESSAGES} messages of their DM and handles,
 * oldest first, the user's messages newer than the newest one already handled. Each user's catch-up
 * is queued on their lane before anything new can arrive, so what they missed is answered first and
 * in order. Messages with files are skipped (the live path only asks to type the answer instead). A
 * user whose DM cannot be read is skipped with a log line; handling stays idempotent, so a message
 * caught up on twice (by two instances) is handled once.
 */
public final class DmCatchUp {

  private static final Logger log = LoggerFactory.getLogger(DmCatchUp.class);

  /** How long before the last handled event a user must have written to be caught up on. */
  static final Duration WINDOW = Duration.ofHours(1);

  /** Users caught up on at most, the most recent writers first. */
  static final int USERS = 200;

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
    List<UserId> users;
    try {
      users = missed.recentWriters("discord", WINDOW, USERS);
    } catch (RuntimeException e) {
      log.warn("could not find whose Discord DMs to catch up on", e);
      return 0;
    }
    if (users.isEmpty()) {
      return 0;
    }
    Tally tally = new Tally(users.size());
    for (UserId user : users) {
      String discordId = user.value().substring(PREFIX.length());
      lanes.submit(discordId, () -> tally.done(catchUp(user, discordId, tally)));
    }
    return users.size();
  }

  /** Handles what {@code user} sent that Coach never handled; returns how many messages. */
  private int catchUp(UserId user, String discordId, Tally tally) {
    JDA client = jda.get();
    if (client == null) {
      return 0; // the start failed before connecting: nothing to read with
    }
    List<Message> missedMessages;
    PrivateChannel channel;
    try {
      channel = client.openPrivateChannelById(discordId).complete();
      List<Message> latest = channel.getHistory().retrievePast(MESSAGES).complete();
      missedMessages = unhandled(user, discordId, latest);
    } catch (RuntimeException e) {
      tally.failed(user, e);
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

  /**
   * Of {@code latest} (newest first), the user's own messages newer than their newest handled one,
   * oldest first.
   */
  private List<Message> unhandled(UserId user, String discordId, List<Message> latest) {
    List<Message> theirs =
        latest.stream().filter(m -> m.getAuthor().getId().equals(discordId)).toList();
    Set<String> handled =
        missed.handled(user, theirs.stream().map(m -> "msg:" + m.getId()).toList());
    List<Message> newer = new ArrayList<>();
    for (Message message : theirs) {
      if (handled.contains("msg:" + message.getId())) {
        break;
      }
      newer.add(message);
    }
    Collections.reverse(newer);
    return newer;
  }

  /** Counts the users' catch-ups, and logs once the last is done. */
  private static final class Tally {
    private final AtomicInteger left;
    private final AtomicInteger messages = new AtomicInteger();
    private final AtomicInteger failures = new AtomicInteger();
    private final int users;

    Tally(int users) {
      this.users = users;
      this.left = new AtomicInteger(users);
    }

    void failed(UserId user, RuntimeException e) {
      if (failures.incrementAndGet() == 1) {
        log.info(
            "could not read the Discord DM of {} to catch up on it: {}",
            user,
            DiscordConnection.oneLine(e));
      } else {
        log.debug("could not read the Discord DM of {}: {}", user, DiscordConnection.oneLine(e));
      }
    }

    void done(int handled) {
      messages.addAndGet(handled);
      if (left.decrementAndGet() == 0) {
        log.info(
            "caught up on the Discord DMs of {} users: {} messages Coach had missed handled now,"
                + " {} DMs could not be read",
            users,
            messages.get(),
            failures.get());
      }
    }
  }
}
