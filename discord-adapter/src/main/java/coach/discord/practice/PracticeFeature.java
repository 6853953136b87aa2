package coach.discord.practice;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.curriculum.Curriculum;
import coach.discord.transport.Autocomplete;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.DiscordText;
import coach.discord.transport.People;
import coach.discord.transport.Replies;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * DM practice on Discord: direct messages and their edits, {@code /coach WORD} and the buttons
 * under the coach's messages become {@link Inbound} events for {@link Coach}. Each event is
 * acknowledged at once on JDA's event thread and handled on the user's lane, so one user's events
 * are handled in order. Each event reaches the core with a platform id (message id, interaction id,
 * or message id plus button), so a redelivery or a double click changes nothing twice. In a server,
 * answers are ephemeral, and a practice session started there continues in the caller's DMs.
 */
public final class PracticeFeature {

  private static final Logger log = LoggerFactory.getLogger(PracticeFeature.class);

  public static final String FILE_NOTE =
      "I only read text, so I left that file alone. Please type or paste your answer as a message.";
  public static final String DUPLICATE = "I've handled that already.";
  public static final String PRESSED_BEFORE =
      "You pressed that before, so I've handled it already; anything it started is in your DMs.";

  private final Coach coach;
  private final Curriculum curriculum;
  private final Lanes lanes;
  private final Replies replies;

  public PracticeFeature(Coach coach, Curriculum curriculum, Lanes lanes, Replies replies) {
    this.coach = coach;
    this.curriculum = curriculum;
    this.lanes = lanes;
    this.replies = replies;
  }

  /** A direct message from a person (bots are filtered out before). */
  public void onDirectMessage(MessageReceivedEvent event) {
    User author = event.getAuthor();
    Message message = event.getMessage();
    MessageChannel channel = event.getChannel();
    replies.knowDm(author.getId(), channel);
    boolean hasFiles = !message.getAttachments().isEmpty() || !message.getStickers().isEmpty();
    String text = message.getContentRaw();
    Sender sender = People.sender(author);
    String eventId = "msg:" + message.getId();
    if (!hasFiles) {
      // kept as it arrives: Discord does not deliver it again after a crash (not waited for, so
      // JDA's event thread is not held up)
      coach.journal().recordSoon(new Inbound.Message(sender, eventId, text));
    }
    lanes.submit(
        author.getId(),
        () -> {
          if (hasFiles) {
            replies.send(channel, Reply.text(FILE_NOTE));
            return;
          }
          coach.respond(new Inbound.Message(sender, eventId, text));
        });
  }

  /**
   * An edited DM: the core keeps the new wording beside the old one. Updates without an edit time
   * (link previews being added) are not edits; each edit time is one edit.
   */
  public void onDirectMessageEdit(MessageUpdateEvent event) {
    User author = event.getAuthor();
    Message message = event.getMessage();
    if (message.getTimeEdited() == null) {
      return;
    }
    Sender sender = People.sender(author);
    String editId =
        "edit:" + message.getId() + ":" + message.getTimeEdited().toInstant().toEpochMilli();
    String text = message.getContentRaw();
    Inbound.Edit edit = new Inbound.Edit(sender, editId, "msg:" + message.getId(), text);
    coach.journal().recordSoon(edit);
    lanes.submit(author.getId(), () -> coach.respond(edit));
  }

  /**
   * Queues an event the journal kept but no one handled (a crash came between its arrival and its
   * handling) on its user's lane.
   */
  public void replay(Inbound event) {
    String user = event.sender().id().value().substring("discord:".length());
    lanes.submit(user, () -> coach.respond(event));
  }

  /** {@code /coach WORD [option]}. */
  public void onCommand(SlashCommandInteractionEvent event) {
    boolean inDm = !event.isFromGuild();
    event
        .deferReply(!inDm)
        .queue(
            ok -> {},
            e ->
                log.warn(
                    "Discord: could not acknowledge /coach: {}", DiscordConnection.oneLine(e)));
    Optional<CommandWord> word =
        event.getSubcommandName() == null
            ? Optional.empty()
            : CommandWord.of(event.getSubcommandName());
    Optional<String> argument =
        word.filter(CommandWord::takesArgument)
            .map(w -> event.getOption(PracticeCommands.optionName(w)))
            .map(OptionMapping::getAsString);
    User user = event.getUser();
    InteractionHook hook = event.getHook().setEphemeral(!inDm);
    String eventId = "ia:" + event.getId();
    lanes.submit(
        user.getId(),
        () -> {
          if (word.isEmpty()) {
            replies.respond(hook, Reply.text("I don't know that one. Try `/coach help`."));
            return;
          }
          Optional<Reply> reply =
              coach.handle(new Inbound.Command(People.sender(user), eventId, word.get(), argument));
          if (reply.isEmpty()) {
            replies.respond(hook, Reply.text(DUPLICATE));
          } else if (inDm || !word.get().stepsASession()) {
            replies.respond(hook, reply.get());
          } else {
            replies.continueInDm(user, hook, reply.get());
          }
        });
  }

  /** Choices for {@code prompt} and {@code zone} while they are typed. */
  public void onAutocomplete(CommandAutoCompleteInteractionEvent event) {
    String typed = event.getFocusedOption().getValue();
    List<Command.Choice> choices =
        switch (event.getFocusedOption().getName()) {
          case "prompt" -> Autocomplete.prompts(curriculum, typed);
          case "zone" -> Autocomplete.zones(typed);
          default -> List.of();
        };
    event
        .replyChoices(choices)
        .queue(
            ok -> {},
            e ->
                log.debug("Discord: autocomplete answer failed: {}", DiscordConnection.oneLine(e)));
  }

  /**
   * A button whose custom id stands for the core's {@code actionId} (empty when the renderer no
   * longer remembers it): a practice step, or a daily post's Practise in DM, which starts a session
   * in the presser's DMs.
   */
  public void onButton(ButtonInteractionEvent event, Optional<String> actionId) {
    event
        .deferEdit()
        .queue(
            ok -> {},
            e ->
                log.warn(
                    "Discord: could not acknowledge a button: {}", DiscordConnection.oneLine(e)));
    User user = event.getUser();
    boolean inDm = !event.isFromGuild();
    InteractionHook hook = event.getHook().setEphemeral(true);
    // The same button on the same message acts once: a double click or a redelivery is deduped.
    String eventId = "btn:" + event.getMessageId() + ":" + event.getComponentId();
    lanes.submit(
        user.getId(),
        () -> {
          if (actionId.isEmpty()) {
            replies.respond(
                hook, Reply.text("That button doesn't do anything any more. Try `/coach help`."));
            return;
          }
          Inbound.Choice choice =
              new Inbound.Choice(
                  People.sender(user),
                  DiscordText.truncate(eventId, Inbound.MAX_ID_LENGTH),
                  actionId.get());
          if (inDm) {
            // its answer goes to the DM through the outbox; a double click gets nothing
            coach.respond(choice);
            return;
          }
          Optional<Reply> reply = coach.handle(choice);
          if (reply.isEmpty()) {
            // In a channel the click left no trace of its own: say why nothing happened.
            replies.respond(hook, Reply.text(PRESSED_BEFORE));
          } else if (startsASessionStep(actionId.get())) {
            replies.continueInDm(user, hook, reply.get());
          } else {
            replies.respond(hook, reply.get());
          }
        });
  }

  private static boolean startsASessionStep(String actionId) {
    return actionId.startsWith("practice:") || actionId.startsWith("daily-practice:");
  }
}
