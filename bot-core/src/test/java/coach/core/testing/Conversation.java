package coach.core.testing;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Talks to a {@link Coach} as one user, the way a test script would. */
public final class Conversation {
  private final Coach coach;
  private final Sender sender;
  private final AtomicInteger events = new AtomicInteger();
  private final String run = java.util.UUID.randomUUID().toString().substring(0, 8);

  public Conversation(Coach coach, Sender sender) {
    this.coach = coach;
    this.sender = sender;
  }

  /** Sends a message and returns the reply's text (empty when the coach stayed silent). */
  public String say(String text) {
    return reply(new Inbound.Message(sender, nextEventId(), text)).map(Reply::plainText).orElse("");
  }

  /** Sends a message with a given event id, as a platform redelivering it would. */
  public Optional<Reply> sayWithId(String eventId, String text) {
    return reply(new Inbound.Message(sender, eventId, text));
  }

  /** Edits the message sent as {@code editedEventId}, as a platform reports an edit. */
  public Optional<Reply> edit(String editId, String editedEventId, String newText) {
    return reply(new Inbound.Edit(sender, editId, editedEventId, newText));
  }

  public Optional<Reply> press(String actionId) {
    return reply(new Inbound.Choice(sender, nextEventId(), actionId));
  }

  public Optional<Reply> command(CommandWord word, String argument) {
    return reply(new Inbound.Command(sender, nextEventId(), word, Optional.ofNullable(argument)));
  }

  public Optional<Reply> reply(Inbound event) {
    return coach.handle(event);
  }

  public Sender sender() {
    return sender;
  }

  private String nextEventId() {
    return "event-" + run + "-" + events.incrementAndGet();
  }
}
