package coach.discord;

import coach.core.Coach;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.daily.DailyPrompts;
import coach.core.delivery.ReplyDelivery;
import coach.core.health.LogContext;
import coach.core.mock.MockSessions;
import coach.discord.daily.DailyFeature;
import coach.discord.mock.MockFeature;
import coach.discord.practice.DiscordReplyMessenger;
import coach.discord.practice.PracticeFeature;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordRenderer;
import coach.discord.transport.Replies;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
 * The coach on Discord, through JDA: the connection ({@link DiscordConnection}), and the gateway's
 * events routed by feature: direct messages, {@code /coach WORD} and practice buttons to {@link
 * PracticeFeature}; {@code /coach daily ...}, {@code /coach feedback}, a daily post's buttons, its
 * Answer form and its thread's messages to {@link DailyFeature}, whose publisher posts daily
 * prompts; {@code /coach mock ...}, the {@code mock-} buttons and the peer feedback form to {@link
 * MockFeature}, whose publisher announces mock sessions.
 *
 * <p>Contracts: every interaction is acknowledged at once from JDA's event thread, well inside
 * Discord's 3 seconds, and the work is queued on a per-user lane, so one user's events are handled
 * in order. An interaction delivered twice is handled once. Messages from bots, the coach included,
 * are ignored. Nothing sent allows mentions. Slash commands in a server answer only the caller
 * (ephemeral). Only non-privileged intents are used (GUILDS and DIRECT_MESSAGES: message content is
 * always delivered for DMs), unless {@link Settings#messageContent()} asks to read daily threads.
 * Close it to disconnect.
 */
public final class DiscordAdapter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);

  static final String FILE_NOTE = PracticeFeature.FILE_NOTE;
  static final String IN_DMS = Replies.IN_DMS;
  static final String DMS_CLOSED = Replies.DMS_CLOSED;

  private static final int MAX_REMEMBERED_IDS = 10_000;

  /**
   * The bot token, optional REST and gateway URLs (a proxy, a test fake), an optional server id on
   * which to register the slash command (at once, for development) instead of globally (which can
   * take a while to appear), and whether to read messages in daily threads (the privileged Message
   * Content intent, {@code DISCORD_MESSAGE_CONTENT}). {@link #toString()} hides the token.
   */
  public record Settings(
      String botToken,
      Optional<URI> apiUrl,
      Optional<URI> gatewayUrl,
      Optional<String> guildId,
      boolean messageContent) {
    public Settings {
      Objects.requireNonNull(botToken, "botToken");
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(gatewayUrl, "gatewayUrl");
      Objects.requireNonNull(guildId, "guildId");
    }

    /** Without the Message Content intent. */
    public Settings(
        String botToken, Optional<URI> apiUrl, Optional<URI> gatewayUrl, Optional<String> guildId) {
      this(botToken, apiUrl, gatewayUrl, guildId, false);
    }

    @Override
    public String toString() {
      return "Settings[botToken=***, apiUrl="
          + apiUrl.orElse(null)
          + ", gatewayUrl="
          + gatewayUrl.orElse(null)
          + ", guildId="
          + guildId.orElse(null)
          + ", messageContent="
          + messageContent
          + "]";
    }
  }

  /**
   * Knobs that tests and benchmarks turn.
   *
   * @param workers worker lanes for the work behind acks; a lane waits for its REST calls, so there
   *     are more lanes than cores (the database serialises writes anyway)
   * @param backoff wait before the second try of a failed call; doubled before the third
   * @param readyTimeout how long start-up waits for the gateway to be ready
   */
  public record Tuning(int workers, Duration backoff, Duration readyTimeout) {
    public static Tuning defaults() {
      return new Tuning(16, Duration.ofMillis(500), Duration.ofSeconds(60));
    }
  }

  private final Lanes lanes;
  private final Replies replies;
  private final PracticeFeature practice;
  private final ReplyDelivery outbox;
  private final coach.core.intake.InboundJournal journal;
  private final Optional<DailyFeature> daily;
  private final Optional<MockFeature> mock;
  private final Set<String> seenInteractions = recentIds();
  private volatile JDA jda;
  private DiscordConnection connection;

  private DiscordAdapter(
      Coach coach,
      Curriculum curriculum,
      Optional<DailyPrompts> dailyPrompts,
      Optional<MockSessions> mockSessions,
      Settings settings,
      Tuning tuning) {
    this.lanes = new Lanes(tuning.workers(), "discord-work");
    this.replies =
        new Replies(new DiscordRenderer(), new DiscordPoster(tuning.backoff()), () -> jda);
    this.practice = new PracticeFeature(coach, curriculum, lanes, replies);
    this.outbox = coach.outbox();
    outbox.register("discord", new DiscordReplyMessenger(replies));
    this.journal = coach.journal();
    journal.register("discord", practice::replay);
    this.daily =
        dailyPrompts.map(
            d ->
                new DailyFeature(
                    d, curriculum, lanes, replies, () -> jda, settings.messageContent()));
    this.mock = mockSessions.map(m -> new MockFeature(m, curriculum, lanes, replies, () -> jda));
  }

  /**
   * Logs in (checking the token), connects to the gateway, waits until it is ready, registers
   * {@code /coach} (on the configured server, or globally) and, with {@code daily}, lets daily
   * prompts post on Discord; with {@code mock}, mock sessions.
   *
   * @throws DiscordStartException with one sentence when the token is refused, Discord is
   *     unreachable, or the command cannot be registered
   */
  /** Whether the gateway connection is up (for health checks). */
  public boolean connected() {
    JDA current = jda;
    return current != null && current.getStatus() == JDA.Status.CONNECTED;
  }

  public static DiscordAdapter start(
      Coach coach,
      Curriculum curriculum,
      Optional<DailyPrompts> daily,
      Optional<MockSessions> mock,
      Settings settings,
      Tuning tuning) {
    DiscordAdapter adapter = new DiscordAdapter(coach, curriculum, daily, mock, settings, tuning);
    try {
      adapter.connection =
          DiscordConnection.open(
              settings.botToken(),
              settings.apiUrl(),
              settings.gatewayUrl(),
              settings.messageContent(),
              tuning.readyTimeout(),
              List.of(new LogContextListener(adapter.new Router())));
      adapter.jda = adapter.connection.jda();
      adapter.registerCommands(settings);
    } catch (RuntimeException e) {
      adapter.close();
      throw e;
    }
    adapter.daily.ifPresent(f -> daily.get().register("discord", f.publisher()));
    adapter.mock.ifPresent(f -> mock.get().register("discord", f.publisher()));
    return adapter;
  }

  /** Starts with daily prompts and mock sessions, with {@link Tuning#defaults()}. */
  public static DiscordAdapter start(
      Coach coach,
      Curriculum curriculum,
      Optional<DailyPrompts> daily,
      Optional<MockSessions> mock,
      Settings settings) {
    return start(coach, curriculum, daily, mock, settings, Tuning.defaults());
  }

  /** Starts with daily prompts, without mock sessions. */
  public static DiscordAdapter start(
      Coach coach,
      Curriculum curriculum,
      Optional<DailyPrompts> daily,
      Settings settings,
      Tuning tuning) {
    return start(coach, curriculum, daily, Optional.empty(), settings, tuning);
  }

  /** Starts with daily prompts, with {@link Tuning#defaults()}. */
  public static DiscordAdapter start(
      Coach coach, Curriculum curriculum, Optional<DailyPrompts> daily, Settings settings) {
    return start(coach, curriculum, daily, settings, Tuning.defaults());
  }

  /** Starts without daily prompts. */
  public static DiscordAdapter start(
      Coach coach, Curriculum curriculum, Settings settings, Tuning tuning) {
    return start(coach, curriculum, Optional.empty(), settings, tuning);
  }

  /** Starts without daily prompts, with {@link Tuning#defaults()}. */
  public static DiscordAdapter start(Coach coach, Curriculum curriculum, Settings settings) {
    return start(coach, curriculum, Optional.empty(), settings, Tuning.defaults());
  }

  /** The bot's own user id. */
  public String botUserId() {
    return jda.getSelfUser().getId();
  }

  private void registerCommands(Settings settings) {
    SlashCommands.register(
        jda, replies.poster(), settings.guildId(), daily.isPresent(), mock.isPresent());
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

  /** Gateway events, routed to the feature they belong to. */
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

  private final class Router extends ListenerAdapter {

    @Override
    public void onReady(ReadyEvent event) {
      jda = event.getJDA();
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

  /** Stops daily posts, disconnects from the gateway, then lets queued work finish. */
  @Override
  public void close() {
    daily.ifPresent(DailyFeature::close);
    journal.unregister("discord");
    lanes.close();
    // replies owed for the events just finished go now, while the connection is up
    outbox.deliverDue();
    outbox.unregister("discord");
    if (connection != null) {
      connection.close();
    }
  }
}
