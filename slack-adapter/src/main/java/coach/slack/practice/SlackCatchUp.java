package coach.slack.practice;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.UserId;
import coach.core.intake.MissedMessages;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackText;
import coach.slack.transport.SlackUsers;
import com.slack.api.model.Message;
import java.util.List;
import java.util.Optional;

/**
 * At a start, handles the direct messages that never reached Coach: Slack gives up redelivering an
 * event after a few tries over some minutes, so a message sent during a longer restart or outage
 * would be lost. For each user of this workspace who was writing in the hour before Coach stopped
 * (at most {@value MissedMessages#USERS}), it reads the latest {@value #MESSAGES} messages of their
 * DM ({@code conversations.open}, {@code conversations.history}: the {@code im:history} scope the
 * manifest asks for) and handles, oldest first, the user's messages newer than the newest one
 * already handled (none when no message read was handled). It is queued on each user's lane before
 * Socket Mode connects, so what they missed is answered before what they send next. Messages with
 * files are skipped; a DM that cannot be read is skipped with a log line; handling stays
 * idempotent, so a message Slack does redeliver, or two instances both catch up on, is handled
 * once.
 */
public final class SlackCatchUp {

  /** The latest messages of a DM that are read. */
  static final int MESSAGES = 50;

  private final Coach coach;
  private final SlackPoster poster;
  private final SlackChannelCalls calls;
  private final SlackUsers users;
  private final Lanes lanes;
  private final String team;
  private final MissedMessages missed;

  public SlackCatchUp(
      Coach coach,
      SlackPoster poster,
      SlackChannelCalls calls,
      SlackUsers users,
      Lanes lanes,
      String team) {
    this.coach = coach;
    this.poster = poster;
    this.calls = calls;
    this.users = users;
    this.lanes = lanes;
    this.team = team;
    this.missed = coach.missedMessages();
  }

  /**
   * Queues a catch-up on the lane of each user of this workspace who was writing lately; returns
   * how many. Never throws.
   */
  public int queue() {
    String prefix = "slack:" + team + ":";
    return missed.queueForRecentWriters(
        "slack",
        prefix,
        "Slack",
        lanes,
        u -> u.value().substring(prefix.length()),
        (writer, tally) -> catchUp(writer, writer.value().substring(prefix.length()), tally));
  }

  /** Handles what {@code user} sent that Coach never handled; returns how many messages. */
  private int catchUp(UserId writer, String user, MissedMessages.Tally tally) {
    Optional<String> channel = poster.openDm(user);
    if (channel.isEmpty()) {
      tally.failed(writer, "conversations.open failed");
      return 0;
    }
    Outcome<List<Message>> latest = calls.history(channel.get(), "0", MESSAGES);
    if (!latest.ok()) {
      tally.failed(writer, latest.error());
      return 0;
    }
    List<Message> theirs =
        latest.response().get().stream()
            .filter(m -> user.equals(m.getUser()) && m.getBotId() == null)
            .filter(m -> m.getSubtype() == null || m.getSubtype().isEmpty())
            .toList();
    List<Message> missedMessages;
    try {
      missedMessages = missed.newerThanHandled(writer, theirs, SlackCatchUp::eventId);
    } catch (RuntimeException e) {
      tally.failed(writer, e.getMessage());
      return 0;
    }
    int handled = 0;
    for (Message message : missedMessages) {
      if (message.getFiles() != null && !message.getFiles().isEmpty()) {
        continue;
      }
      String text = message.getText() == null ? "" : SlackText.unescape(message.getText());
      coach.respond(new Inbound.Message(users.sender(team, user), eventId(message), text));
      handled++;
    }
    return handled;
  }

  /** The id a live event of this message carries: the client's id, else the message's ts. */
  private static String eventId(Message message) {
    return SlackText.first(message.getClientMsgId(), message.getTs());
  }
}
