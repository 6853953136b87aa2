package coach.discord;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.health.LogContext;
import coach.discord.daily.DailyFeature;
import coach.discord.mock.MockFeature;
import coach.discord.practice.PracticeFeature;
import coach.discord.transport.Replies;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.events.interaction.ModalInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.StringSelectInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gateway events, routed to the feature they belong to (practice, daily prompts, mock sessions); an
 * interaction the gateway delivers twice is acted on once.
 */
final class DiscordRouter extends ListenerAdapter {

  private static final Logger log = LoggerFactory.getLogger(DiscordRouter.class);

  private static final int MAX_REMEMBERED_IDS = 10_000;

  private final PracticeFeature practice;
  private final Optional<DailyFeature> daily;
  private final Optional<MockFeature> mock;
  private final Replies replies;
  private final Consumer<JDA> onReady;
  private final Set<String> seenInteractions = recentIds();

  /**
   * @param onReady told the client once the gateway session is ready
   */
  DiscordRouter(
      PracticeFeature practice,
      Optional<DailyFeature> daily,
      Optional<MockFeature> mock,
      Replies replies,
      Consumer<JDA> onReady) {
    this.practice = practice;
    this.daily = daily;
    this.mock = mock;
    this.replies = replies;
    this.onReady = onReady;
  }

  /** {@code router}, with every log line about an event naming its id and user. */
  static net.dv8tion.jda.api.hooks.EventListener withLogContext(DiscordRouter router) {
    return new LogContextListener(router);
  }

  @Override
  public void onReady(ReadyEvent event) {
    onReady.accept(event.getJDA());
  }

  @Override
  public void onMessageReceived(MessageReceivedEvent event) {
    User author = event.getAuthor();
    if (author.isBot() || author.isSystem() || event.isWebhookMessage()) {
      return;
    }
    if (event.isFromType(ChannelType.PRIVATE)) {
      practice.onDirectMessage(event);
    } else {
      // Only with the Message Content intent do server messages arrive at all.
      daily.ifPresent(d -> d.onThreadMessage(event));
    }
  }

  @Override
  public void onMessageUpdate(MessageUpdateEvent event) {
    User author = event.getAuthor();
    if (event.isFromType(ChannelType.PRIVATE) && !author.isBot() && !author.isSystem()) {
      practice.onDirectMessageEdit(event);
    }
  }

  @Override
  public void onMessageDelete(MessageDeleteEvent event) {
    // Deliberately nothing: an answer once given stays recorded; `forget` deletes everything.
    log.debug("Discord: message {} deleted; nothing to do", event.getMessageId());
  }

  @Override
  public void onSlashCommandInteraction(SlashCommandInteractionEvent event) {
    if (!SlashCommands.NAME.equals(event.getName()) || !seenInteractions.add(event.getId())) {
      return;
    }
    if (MockFeature.handles(event.getSubcommandGroup())) {
      if (mock.isPresent()) {
        mock.get().onCommand(event);
      } else {
        notOn(event, "Mock sessions are not switched on in this Coach.");
      }
      return;
    }
    if (DailyFeature.handles(event.getSubcommandGroup(), event.getSubcommandName())) {
      if (daily.isPresent()) {
        daily.get().onCommand(event);
      } else {
        notOn(event, "Daily prompts are not switched on in this Coach.");
      }
      return;
    }
    practice.onCommand(event);
  }

  @Override
  public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
    if (!SlashCommands.NAME.equals(event.getName())) {
      return;
    }
    if (MockFeature.handles(event.getSubcommandGroup()) && mock.isPresent()) {
      mock.get().onAutocomplete(event);
    } else if (DailyFeature.handles(event.getSubcommandGroup(), event.getSubcommandName())
        && daily.isPresent()) {
      daily.get().onAutocomplete(event);
    } else {
      practice.onAutocomplete(event);
    }
  }

  @Override
  public void onButtonInteraction(ButtonInteractionEvent event) {
    if (!seenInteractions.add(event.getId())) {
      return;
    }
    Optional<String> actionId = replies.renderer().coreActionId(event.getComponentId());
    if (actionId.isPresent() && MockFeature.handlesAction(actionId.get()) && mock.isPresent()) {
      mock.get().onButton(event, actionId.get());
    } else if (actionId.isPresent()
        && DailyFeature.handlesAction(actionId.get())
        && daily.isPresent()) {
      daily.get().onButton(event, actionId.get());
    } else {
      practice.onButton(event, actionId);
    }
  }

  @Override
  public void onStringSelectInteraction(StringSelectInteractionEvent event) {
    if (!seenInteractions.add(event.getId())) {
      return;
    }
    if (MockFeature.handlesSelect(event.getComponentId()) && mock.isPresent()) {
      mock.get().onSelect(event);
    } else {
      event
          .reply(plain("That menu isn't in use any more."))
          .setEphemeral(true)
          .queue(ok -> {}, e -> log.debug("Discord: reply failed: {}", e.getMessage()));
    }
  }

  @Override
  public void onModalInteraction(ModalInteractionEvent event) {
    if (!seenInteractions.add(event.getId())) {
      return;
    }
    if (MockFeature.handlesModal(event.getModalId()) && mock.isPresent()) {
      mock.get().onModal(event);
    } else if (DailyFeature.handlesModal(event.getModalId()) && daily.isPresent()) {
      daily.get().onModal(event);
    } else {
      event
          .reply(plain("That form isn't open any more."))
          .setEphemeral(true)
          .queue(ok -> {}, e -> log.debug("Discord: reply failed: {}", e.getMessage()));
    }
  }

  /** A one-line ephemeral answer that a feature is not switched on. */
  private void notOn(SlashCommandInteractionEvent event, String text) {
    event
        .reply(plain(text))
        .setEphemeral(true)
        .queue(ok -> {}, e -> log.debug("Discord: reply failed: {}", e.getMessage()));
  }

  /** A one-line answer, rendered like every other (no mentions allowed). */
  private MessageCreateData plain(String text) {
    return replies.renderer().render(Reply.text(text)).get(0).toCreateData();
  }

  private static Set<String> recentIds() {
    return Collections.synchronizedSet(
        Collections.newSetFromMap(
            new LinkedHashMap<>() {
              @Override
              protected boolean removeEldestEntry(Map.Entry<String, Boolean> eldest) {
                return size() > MAX_REMEMBERED_IDS;
              }
            }));
  }

  /** Every log line about an event names its id and user (never its text), then routes it. */
  private record LogContextListener(net.dv8tion.jda.api.hooks.EventListener router)
      implements net.dv8tion.jda.api.hooks.EventListener {
    @Override
    public void onEvent(net.dv8tion.jda.api.events.GenericEvent event) {
      String id = null;
      String user = null;
      if (event instanceof net.dv8tion.jda.api.interactions.Interaction interaction) {
        id = interaction.getId();
        user = UserId.discord(interaction.getUser().getId()).value();
      } else if (event instanceof MessageReceivedEvent message) {
        id = message.getMessageId();
        user = UserId.discord(message.getAuthor().getId()).value();
      }
      if (id == null) {
        router.onEvent(event);
        return;
      }
      try (LogContext.Scope scope = LogContext.event(id, user)) {
        router.onEvent(event);
      }
    }
  }
}
