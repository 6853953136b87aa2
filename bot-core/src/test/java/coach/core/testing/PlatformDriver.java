package coach.core.testing;

import java.util.List;

/**
 * Drives one chat platform's real adapter through a loopback fake of the platform, for {@link
 * PlatformConversationContract}. Users are named by short local names ("u1"); the driver maps them
 * to the platform's own ids. Every method waits (with a bounded timeout) for what it returns.
 *
 * <p>Each step ({@link #say}, {@link #press}, {@link #redeliverLast}) returns only once the user's
 * conversation is quiescent: the driver then sends a sentinel (one more ordinary message with a
 * recognisable reply) and waits for that reply. A user's events are answered in order, so by then
 * every message the step caused, a duplicate or a late file included, has been sent, and the step's
 * messages are told apart by position without a race. Sentinels and their replies are no part of
 * {@link #messagesTo}. After each step the driver also checks that the platform refused nothing the
 * bot sent and that nothing sent could notify anyone.
 */
public interface PlatformDriver extends AutoCloseable {

  /** One message the bot sent, as the user would see it. */
  record BotMessage(String text, List<String> actionIds, List<String> fileNames, Object raw) {
    public BotMessage {
      actionIds = List.copyOf(actionIds);
      fileNames = List.copyOf(fileNames);
    }
  }

  /** The id the coach stores for a local user name, e.g. {@code slack:T1:U1}. */
  String storedUserId(String user);

  /** Sends a direct message from {@code user} and returns the bot's first message in reply. */
  BotMessage say(String user, String text);

  /** Presses the button {@code actionId} of {@code message}; returns the bot's first reply. */
  BotMessage press(String user, BotMessage message, String actionId);

  /**
   * Delivers the user's last direct message again, with the same platform ids, as the platform does
   * after a missed ack or a reconnect; returns once whatever it causes has been sent.
   */
  void redeliverLast(String user);

  /**
   * Every message the bot has sent in {@code user}'s DM so far that the platform accepted, oldest
   * first (the sentinels' replies left out).
   */
  List<BotMessage> messagesTo(String user);

  /**
   * Whether the platform would notify anyone beyond the reader for {@code message}: a channel-wide
   * mention ({@code @everyone}, {@code @here}, {@code <!channel>}) or a user or role mention.
   */
  boolean couldPing(BotMessage message);

  @Override
  void close();
}
