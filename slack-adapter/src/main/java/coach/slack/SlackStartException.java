package coach.slack;

/**
 * Slack could not be started (a refused token, an unreachable API); the message is one sentence.
 */
public final class SlackStartException extends RuntimeException {
  public SlackStartException(String message) {
    super(message);
  }

  public SlackStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
