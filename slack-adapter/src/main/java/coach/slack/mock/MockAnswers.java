package coach.slack.mock;

import coach.core.chat.Reply;
import coach.core.daily.DailyRequest;
import coach.core.mock.MockSessions;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackReplies;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How mock sessions answer one person on Slack: in a channel ephemerally, with any file (the {@code
 * .ics}) uploaded into their DM first, since Slack cannot attach files to an ephemeral message; in
 * the DM as a message there.
 */
final class MockAnswers {

  private static final Logger log = LoggerFactory.getLogger(MockAnswers.class);

  static final Reply SORRY =
      Reply.text(
          "Sorry, something went wrong on my side and nothing was changed. Please try again in a"
              + " moment.");

  private final MockSessions mock;
  private final SlackPoster poster;
  private final SlackReplies replies;

  MockAnswers(MockSessions mock, SlackPoster poster, SlackReplies replies) {
    this.mock = mock;
    this.poster = poster;
    this.replies = replies;
  }

  /** The core's answer to a command; empty for a redelivered one; {@link #SORRY} if it failed. */
  Optional<Reply> command(DailyRequest request) {
    try {
      return mock.command(request);
    } catch (RuntimeException e) {
      log.error("Slack: a mock command in {} failed", request.channel(), e);
      return Optional.of(SORRY);
    }
  }

  /**
   * An answer only {@code user} sees in {@code channel} (through {@code responseUrl} when there is
   * one). A file in it goes into their DM first, and the answer says where it is.
   */
  void inChannel(String channel, String user, Optional<String> responseUrl, Reply reply) {
    Optional<String> dm = poster.openDm(user);
    List<Reply.Block> blocks = reply.blocks();
    List<Reply.Block> files = blocks.stream().filter(b -> b instanceof Reply.Block.File).toList();
    Reply shown = reply;
    if (!files.isEmpty()) {
      boolean sent = dm.isPresent();
      for (Reply.Block file : files) {
        sent = sent && poster.upload(dm.get(), (Reply.Block.File) file);
      }
      shown =
          Reply.builder()
              .append(new Reply(blocks.stream().filter(b -> !files.contains(b)).toList()))
              .context(
                  sent
                      ? "The file is in our direct messages: open it there to add the session to"
                          + " your calendar."
                      : "I couldn't send you the file in a direct message just now; please try"
                          + " again in a minute.")
              .build();
    }
    replies.sendEphemeral(channel, user, responseUrl, shown, dm);
  }

  /**
   * An answer to a button press: a message in the DM when it was pressed there (or nowhere known),
   * else ephemeral in the channel.
   */
  void toPresser(String user, String channel, Reply reply) {
    Optional<String> dm = poster.openDm(user);
    boolean inDm = channel == null || channel.startsWith("D") || dm.equals(Optional.of(channel));
    if (inDm) {
      dm.or(() -> Optional.ofNullable(channel)).ifPresent(c -> replies.send(c, reply));
    } else {
      inChannel(channel, user, Optional.empty(), reply);
    }
  }

  /** A message in {@code user}'s DM. */
  void inDm(String user, Reply reply) {
    poster.openDm(user).ifPresent(dm -> replies.send(dm, reply));
  }
}
