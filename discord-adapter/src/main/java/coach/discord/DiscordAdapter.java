package coach.discord;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.discord.DiscordRenderer.DiscordMessage;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.Message;
import net.dv8tion.jda.api.entities.User;
import net.dv8tion.jda.api.entities.channel.ChannelType;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.events.interaction.command.CommandAutoCompleteInteractionEvent;
import net.dv8tion.jda.api.events.interaction.command.SlashCommandInteractionEvent;
import net.dv8tion.jda.api.events.interaction.component.ButtonInteractionEvent;
import net.dv8tion.jda.api.events.message.MessageDeleteEvent;
import net.dv8tion.jda.api.events.message.MessageReceivedEvent;
import net.dv8tion.jda.api.events.message.MessageUpdateEvent;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.exceptions.ContextException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.interactions.InteractionHook;
import net.dv8tion.jda.api.interactions.commands.OptionMapping;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coach on Discord, through JDA. Direct messages, the {@code /coach} slash command (with
 * autocomplete) and buttons become {@link Inbound} events for {@link Coach}; replies are rendered
 * by {@link DiscordRenderer} and sent with retries by {@link DiscordPoster}.
 *
 * <p>Contracts: every interaction is acknowledged at once from JDA's event thread (a deferred
 * reply, or a deferred update for a button), well inside Discord's 3 seconds, and the work is
 * queued on a per-user lane, so one user's events are handled in order. Each event reaches the core
 * with a platform id (message id, interaction id, or message id plus button), so a redelivery or a
 * double click changes nothing twice. Messages from bots, the coach included, are ignored. Nothing
 * sent allows mentions. Slash commands in a server answer only the caller (ephemeral); a practice
 * session started there continues in the caller's DMs. The gateway reconnects and resumes by
 * itself. Only non-privileged intents are used: GUILDS and DIRECT_MESSAGES (message content is
 * always delivered for DMs). Close it to disconnect.
 */
public final class DiscordAdapter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscordAdapter.class);

  static final String FILE_NOTE =
      "I only read text, so I left that file alone. Please type or paste your answer as a message.";
  static final String IN_DMS = "Continuing in your DMs.";
  static final String DMS_CLOSED =
      "I couldn't send you a direct message (are DMs from server members turned off?), so here"
          + " it is; allow DMs from this server to practise with me.";
  static final String DUPLICATE = "I've handled that already.";

  private static final int MAX_REMEMBERED_IDS = 10_000;

  /**
   * The bot token, optional REST and gateway URLs (a proxy, a test fake) and an optional server id
   * on which to register the slash command (at once, for development) instead of globally (which
   * can take a while to appear). {@link #toString()} hides the token.
   */
  public record Settings(
      String botToken, Optional<URI> apiUrl, Optional<URI> gatewayUrl, Optional<String> guildId) {
    public Settings {
      Objects.requireNonNull(botToken, "botToken");
      Objects.requireNonNull(apiUrl, "apiUrl");
      Objects.requireNonNull(gatewayUrl, "gatewayUrl");
      Objects.requireNonNull(guildId, "guildId");
    }

    @Override
    public String toString() {
      return "Settings[botToken=***, apiUrl="
          + apiUrl.orElse(null)
          + ", gatewayUrl="
          + gatewayUrl.orElse(null)
          + ", guildId="
          + guildId.orElse(null)
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

  private final Coach coach;
  private final Curriculum curriculum;
  private final DiscordRenderer renderer = new DiscordRenderer();
  private final DiscordPoster poster;
  private final Lanes lanes;
  private final Map<String, MessageChannel> dmChannels = new ConcurrentHashMap<>();
  private final Set<String> seenInteractions = recentIds();
  private final CountDownLatch ready = new CountDownLatch(1);
  private JDA jda;

  private DiscordAdapter(Coach coach, Curriculum curriculum, Tuning tuning) {
    this.coach = coach;
    this.curriculum = curriculum;
    this.poster = new DiscordPoster(tuning.backoff());
    this.lanes = new Lanes(tuning.workers(), "discord-work");
  }

  /**
   * Logs in (checking the token), connects to the gateway, waits until it is ready and registers
   * {@code /coach} (on the configured server, or globally).
   *
   * @throws DiscordStartException with one sentence when the token is refused, Discord is
   *     unreachable, or the command cannot be registered
   */
  public static DiscordAdapter start(
      Coach coach, Curriculum curriculum, Settings settings, Tuning tuning) {
    DiscordAdapter adapter = new DiscordAdapter(coach, curriculum, tuning);
    try {
      adapter.connect(settings, tuning);
      adapter.registerCommands(settings);
    } catch (RuntimeException e) {
      adapter.close();
      throw e;
    }
    return adapter;
  }

  /** Starts with {@link Tuning#defaults()}. */
  public static DiscordAdapter start(Coach coach, Curriculum curriculum, Settings settings) {
    return start(coach, curriculum, settings, Tuning.defaults());
  }

  /** The bot's own user id. */
  public String botUserId() {
    return jda.getSelfUser().getId();
  }

  private void connect(Settings settings, Tuning tuning) {
    // No MessageRequest.setDefaultMentions here: that is JVM-wide state, and every message the
    // adapter sends is built by DiscordRenderer, which allows no mentions per message.
    JDABuilder builder =
        JDABuilder.createLight(
                settings.botToken(), GatewayIntent.DIRECT_MESSAGES) // GUILDS: JDA always adds it
            .setCompression(Compression.NONE)
            .setEnableShutdownHook(false)
            .setAutoReconnect(true)
            .setSessionController(new GatewaySessionController(settings.gatewayUrl()))
            .addEventListeners(new Listener());
    settings
        .apiUrl()
        .ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(restBase(url))));
    try {
      jda = builder.build();
    } catch (InvalidTokenException e) {
      throw new DiscordStartException(
          "Discord refused DISCORD_BOT_TOKEN (401 Unauthorized); copy the current token from the"
              + " Bot page of your application in the Developer Portal.",
          e);
    } catch (RuntimeException e) {
      throw new DiscordStartException(
          "Could not reach Discord's API at "
              + settings.apiUrl().map(URI::toString).orElse("https://discord.com/api/")
              + " ("
              + oneLine(e)
              + ").",
          e);
    }
    try {
      if (!ready.await(tuning.readyTimeout().toMillis(), TimeUnit.MILLISECONDS)) {
        throw new DiscordStartException(
            "Discord's gateway at "
                + settings.gatewayUrl().map(URI::toString).orElse("wss://gateway.discord.gg/")
                + " did not get ready within "
                + tuning.readyTimeout().toSeconds()
                + " s.");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new DiscordStartException("Interrupted while connecting to Discord.", e);
    }
    log.info(
        "Discord: connected as {} ({}), in {} server(s)",
        jda.getSelfUser().getName(),
        jda.getSelfUser().getId(),
        jda.getGuildCache().size());
  }

  private void registerCommands(Settings settings) {
    if (settings.guildId().isPresent()) {
      String id = settings.guildId().get();
      Guild guild = jda.getGuildById(id);
      if (guild == null) {
        throw new DiscordStartException(
            "The bot is not a member of the server DISCORD_GUILD_ID="
                + id
                + "; invite it with the URL in the README, or unset DISCORD_GUILD_ID.");
      }
      poster
          .call(
              "registering /coach on server " + id,
              () -> guild.updateCommands().addCommands(SlashCommands.definition()))
          .orElseThrow(
              () ->
                  new DiscordStartException(
                      "Discord refused to register /coach on server "
                          + id
                          + "; was the bot invited with the applications.commands scope?"));
      log.info("Discord: /coach registered on server {} ({})", guild.getName(), id);
    } else {
      poster
          .call(
              "registering /coach",
              () -> jda.updateCommands().addCommands(SlashCommands.definition()))
          .orElseThrow(
              () -> new DiscordStartException("Discord refused to register the /coach command."));
      log.info("Discord: /coach registered globally (it may take a while to show everywhere)");
    }
  }

  static String restBase(URI url) {
    String base = url.toString();
    return base.endsWith("/") ? base : base + "/";
  }

  /**
   * Why {@code e} happened, in one line: the deepest message in its chain of causes. JDA appends a
   * message-less {@link ContextException} (a stack-trace marker) as the last cause, which is
   * skipped, so the reason is never just a class name.
   */
  static String oneLine(Throwable e) {
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (!(t instanceof ContextException) && message != null && !message.isBlank()) {
        reason = message;
      }
    }
    return reason == null ? "no reason given" : reason.replaceAll("\\s+", " ").strip();
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

  private static Sender sender(User user) {
    return new Sender(UserId.discord(user.getId()), user.getEffectiveName());
  }

  /** Gateway events: quick checks and acks here, the work on the user's lane. */
  private final class Listener extends ListenerAdapter {

    @Override
    public void onReady(ReadyEvent event) {
      ready.countDown();
    }

    @Override
    public void onSessionDisconnect(SessionDisconnectEvent event) {
      log.warn(
          "Discord: gateway disconnected (close code {}); reconnecting",
          event.getCloseCode() == null ? "none" : event.getCloseCode().getCode());
    }

    @Override
    public void onSessionResume(SessionResumeEvent event) {
      log.info("Discord: gateway session resumed");
    }

    @Override
    public void onSessionRecreate(SessionRecreateEvent event) {
      log.info("Discord: gateway reconnected with a new session");
    }

    @Override
    public void onMessageReceived(MessageReceivedEvent event) {
      if (!event.isFromType(ChannelType.PRIVATE)) {
        return; // Server messages are not read: the coach works in DMs and through /coach.
      }
      User author = event.getAuthor();
      if (author.isBot() || author.isSystem() || event.isWebhookMessage()) {
        return;
      }
      Message message = event.getMessage();
      MessageChannel channel = event.getChannel();
      dmChannels.putIfAbsent(author.getId(), channel);
      boolean hasFiles = !message.getAttachments().isEmpty() || !message.getStickers().isEmpty();
      String text = message.getContentRaw();
      Sender sender = sender(author);
      String eventId = "msg:" + message.getId();
      lanes.submit(
          author.getId(),
          () -> {
            if (hasFiles) {
              send(channel, Reply.text(FILE_NOTE));
              return;
            }
            coach
                .handle(new Inbound.Message(sender, eventId, text))
                .ifPresent(reply -> send(channel, reply));
          });
    }

    /**
     * An edited DM: the core keeps the new wording beside the old one. Updates without an edit time
     * (link previews being added) are not edits; each edit time is one edit.
     */
    @Override
    public void onMessageUpdate(MessageUpdateEvent event) {
      User author = event.getAuthor();
      Message message = event.getMessage();
      if (!event.isFromType(ChannelType.PRIVATE)
          || author.isBot()
          || author.isSystem()
          || message.getTimeEdited() == null) {
        return;
      }
      MessageChannel channel = event.getChannel();
      Sender sender = sender(author);
      String editId =
          "edit:" + message.getId() + ":" + message.getTimeEdited().toInstant().toEpochMilli();
      String text = message.getContentRaw();
      lanes.submit(
          author.getId(),
          () ->
              coach
                  .handle(new Inbound.Edit(sender, editId, "msg:" + message.getId(), text))
                  .ifPresent(reply -> send(channel, reply)));
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
      boolean inDm = !event.isFromGuild();
      event
          .deferReply(!inDm)
          .queue(ok -> {}, e -> log.warn("Discord: could not acknowledge /coach: {}", oneLine(e)));
      Optional<CommandWord> word = SlashCommands.word(event.getSubcommandName());
      Optional<String> argument =
          word.filter(CommandWord::takesArgument)
              .map(w -> event.getOption(SlashCommands.optionName(w)))
              .map(OptionMapping::getAsString);
      User user = event.getUser();
      InteractionHook hook = event.getHook().setEphemeral(!inDm);
      String eventId = "ia:" + event.getId();
      lanes.submit(
          user.getId(),
          () -> {
            if (word.isEmpty()) {
              respond(hook, Reply.text("I don't know that one. Try `/coach help`."));
              return;
            }
            Optional<Reply> reply =
                coach.handle(new Inbound.Command(sender(user), eventId, word.get(), argument));
            if (reply.isEmpty()) {
              respond(hook, Reply.text(DUPLICATE));
            } else if (inDm || !word.get().stepsASession()) {
              respond(hook, reply.get());
            } else {
              continueInDm(user, hook, reply.get());
            }
          });
    }

    @Override
    public void onCommandAutoCompleteInteraction(CommandAutoCompleteInteractionEvent event) {
      if (!SlashCommands.NAME.equals(event.getName())) {
        return;
      }
      String option = event.getFocusedOption().getName();
      String typed = event.getFocusedOption().getValue();
      var choices =
          switch (option) {
            case "prompt" -> SlashCommands.promptChoices(curriculum, typed);
            case "zone" -> SlashCommands.zoneChoices(typed);
            default -> List.<net.dv8tion.jda.api.interactions.commands.Command.Choice>of();
          };
      event
          .replyChoices(choices)
          .queue(ok -> {}, e -> log.debug("Discord: autocomplete answer failed: {}", oneLine(e)));
    }

    @Override
    public void onButtonInteraction(ButtonInteractionEvent event) {
      if (!seenInteractions.add(event.getId())) {
        return;
      }
      event
          .deferEdit()
          .queue(
              ok -> {}, e -> log.warn("Discord: could not acknowledge a button: {}", oneLine(e)));
      User user = event.getUser();
      Optional<String> actionId = renderer.coreActionId(event.getComponentId());
      boolean inDm = !event.isFromGuild();
      InteractionHook hook = event.getHook().setEphemeral(true);
      // The same button on the same message acts once: a double click or a redelivery is deduped.
      String eventId = "btn:" + event.getMessageId() + ":" + event.getComponentId();
      lanes.submit(
          user.getId(),
          () -> {
            Reply reply =
                actionId
                    .flatMap(
                        id ->
                            coach.handle(
                                new Inbound.Choice(
                                    sender(user),
                                    DiscordText.truncate(eventId, Inbound.MAX_ID_LENGTH),
                                    id)))
                    .orElse(null);
            if (actionId.isEmpty()) {
              reply = Reply.text("That button doesn't do anything any more. Try `/coach help`.");
            }
            if (reply == null) {
              return; // already handled: a double click
            }
            if (inDm) {
              // The interaction's own channel object may be a partial one; send through the DM.
              Optional<MessageChannel> dm = dmChannel(user);
              if (dm.isPresent()) {
                send(dm.get(), reply);
              } else {
                respond(hook, reply);
              }
            } else if (actionId.get().startsWith("practice:")) {
              continueInDm(user, hook, reply);
            } else {
              respond(hook, reply);
            }
          });
    }
  }

  /** Sends a reply into a channel (a DM), message by message. */
  private void send(MessageChannel channel, Reply reply) {
    for (DiscordMessage message : renderer.render(reply)) {
      poster.call(
          "sending a message to channel " + channel.getId(),
          () -> channel.sendMessage(message.toCreateData()));
    }
  }

  /** Answers a deferred interaction: the first message replaces "thinking...", then follow-ups. */
  private void respond(InteractionHook hook, Reply reply) {
    for (DiscordMessage message : renderer.render(reply)) {
      poster.call("answering an interaction", () -> hook.sendMessage(message.toCreateData()));
    }
  }

  /**
   * Sends the reply to the user's DMs and tells the caller so; falls back to an ephemeral reply.
   */
  private void continueInDm(User user, InteractionHook hook, Reply reply) {
    Optional<MessageChannel> dm = dmChannel(user);
    boolean delivered = false;
    if (dm.isPresent()) {
      delivered = true;
      for (DiscordMessage message : renderer.render(reply)) {
        delivered &=
            poster
                .call(
                    "sending a message to the DM of user " + user.getId(),
                    () -> dm.get().sendMessage(message.toCreateData()))
                .isPresent();
      }
    }
    if (delivered) {
      respond(hook, Reply.text(IN_DMS));
    } else {
      respond(hook, Reply.builder().append(reply).context(DMS_CLOSED).build());
    }
  }

  private Optional<MessageChannel> dmChannel(User user) {
    MessageChannel known = dmChannels.get(user.getId());
    if (known != null) {
      return Optional.of(known);
    }
    Optional<MessageChannel> opened =
        poster
            .call(
                "opening the DM of user " + user.getId(),
                () -> jda.openPrivateChannelById(user.getIdLong()))
            .map(c -> (MessageChannel) c);
    opened.ifPresent(c -> dmChannels.put(user.getId(), c));
    return opened;
  }

  /** Disconnects from the gateway, then lets queued work finish (up to a few seconds). */
  @Override
  public void close() {
    lanes.close();
    if (jda != null) {
      jda.shutdown();
      try {
        if (!jda.awaitShutdown(Duration.ofSeconds(5))) {
          jda.shutdownNow();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        jda.shutdownNow();
      }
      log.info("Discord: disconnected");
    }
  }

  /** Points JDA at the configured gateway; a fresh instance per adapter (connect pacing). */
  private static final class GatewaySessionController extends SessionControllerAdapter {
    private final Optional<URI> gateway;

    GatewaySessionController(Optional<URI> gateway) {
      this.gateway = gateway;
    }

    @Override
    public String getGateway() {
      return gateway.map(URI::toString).orElseGet(super::getGateway);
    }
  }
}
