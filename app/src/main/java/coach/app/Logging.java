package coach.app;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.slf4j.LoggerFactory;

/** Sets how chatty the logs are; logs always go to standard error. */
final class Logging {
  private Logging() {}

  /** Only warnings and errors: for the console, where standard output is the conversation. */
  static void quiet() {
    setRootLevel(Level.WARN);
  }

  static void setRootLevel(Level level) {
    ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(level);
  }
}
