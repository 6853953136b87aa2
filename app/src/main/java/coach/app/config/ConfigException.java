package coach.app.config;

/** A setting is missing or wrong; the message is one sentence that names it. */
public class ConfigException extends RuntimeException {
  public ConfigException(String message) {
    super(message);
  }
}
