package coach.core.chat;

import java.util.Objects;
import java.util.Optional;

/**
 * An event from a chat platform, already validated. Adapters turn platform payloads into these; the
 * core never sees a platform type.
 */
public sealed interface Inbound
    permits Inbound.Message, Inbound.Command, Inbound.Choice, Inbound.Edit {

  /** Longest platform message id accepted. */
  int MAX_ID_LENGTH = 200;

  Sender sender();

  /**
   * The platform's id for this event (message id, interaction id, action id). Two events with the
   * same id are the same event delivered twice.
   */
  String eventId();

  /** A message the user typed: an answer, or a command word on its own line. */
  record Message(Sender sender, String eventId, String text) implements Inbound {
    public Message {
      Objects.requireNonNull(sender, "sender");
      eventId = checkId(eventId);
      text = text == null ? "" : text;
    }
  }

  /**
   * The user edited a message they sent earlier: {@code editedEventId} is the {@link
   * Message#eventId} of that message, {@code text} its new wording; {@code eventId} identifies this
   * edit (two edits of one message have different ids).
   */
  record Edit(Sender sender, String eventId, String editedEventId, String text) implements Inbound {
    public Edit {
      Objects.requireNonNull(sender, "sender");
      eventId = checkId(eventId);
      editedEventId = checkId(editedEventId);
      text = text == null ? "" : text;
    }
  }

  /** A command the platform parsed already (a slash command's sub-command, say). */
  record Command(Sender sender, String eventId, CommandWord word, Optional<String> argument)
      implements Inbound {
    public Command {
      Objects.requireNonNull(sender, "sender");
      Objects.requireNonNull(word, "word");
      Objects.requireNonNull(argument, "argument");
      eventId = checkId(eventId);
      argument = argument.map(String::strip).filter(a -> !a.isEmpty());
    }
  }

  /** A button or menu choice; {@code actionId} is one the core issued in a {@link Reply}. */
  record Choice(Sender sender, String eventId, String actionId) implements Inbound {
    public Choice {
      Objects.requireNonNull(sender, "sender");
      eventId = checkId(eventId);
      Objects.requireNonNull(actionId, "actionId");
      if (actionId.isBlank() || actionId.length() > MAX_ID_LENGTH) {
        throw new IllegalArgumentException("an action id is 1 to 200 characters");
      }
    }
  }

  private static String checkId(String id) {
    Objects.requireNonNull(id, "eventId");
    if (id.isBlank() || id.length() > MAX_ID_LENGTH) {
      throw new IllegalArgumentException("an event id is 1 to 200 characters");
    }
    return id;
  }
}
