package coach.core.coverage;

/**
 * A labelled set cannot be used: the file cannot be read, a line is malformed or names an unknown
 * id, or it holds no labelled answers. The message is one sentence naming the file (and the line),
 * fit to show as is.
 */
public class LabelledSetException extends RuntimeException {
  public LabelledSetException(String message) {
    super(message);
  }

  public LabelledSetException(String message, Throwable cause) {
    super(message, cause);
  }
}
