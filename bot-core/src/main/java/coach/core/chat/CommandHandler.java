package coach.core.chat;

import java.util.Optional;

/** Handles one command word. */
@FunctionalInterface
public interface CommandHandler {
  Reply handle(Turn turn, Optional<String> argument);
}
