package coach.discord;

/**
 * Discord could not be started (a refused token, an unreachable API or gateway, a server the bot is
 * not in); the message is one sentence, fit to show as is.
 */
public final class DiscordStartException extends RuntimeException {
  public DiscordStartException(String message) {
    super(message);
  }

  public DiscordStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
