package coach.slack;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.slack.SlackRenderer.Rendered;
import coach.slack.SlackRenderer.SlackMessage;
import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.model.User;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.socket_mode.SocketModeClient;
import java.io.IOException;
import java.net.URI;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coach on Slack, through Bolt in Socket Mode. Direct messages, the {@code /coach} slash
 * command, buttons and the App Home tab become {@link Inbound} events for {@link Coach}; replies
 * are rendered by {@link SlackRenderer} and sent by {@link SlackPoster}. Every handler acks at once
 * and queues the work on a per-user lane, so a user's events are answered in order. Close it to
 * disconnect.
 */
public final class SlackAdapter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

  private static final String FILE_NOTE =
      "I only read text, so I left that file alone. Please type or paste your answer as a message.";

  private static final int MAX_CACHED_USERS = 10_000;

  /** How long a user's profile is trusted before {@code users.info} is asked again. */
  private static final Duration PROFILE_TTL = Duration.ofHours(12);

  /** How soon {@code users.info} is asked again after it failed. */
  private static final Duration PROFILE_RETRY = Duration.ofMinutes(5);

  /** Tokens and the Web API base URL. {@link #toString()} hides the tokens. */
  public record Settings(String botToken, String appToken, Optional<URI> apiUrl) {
    public Settings {
      Objects.requireNonNull(botToken, "botToken");
      Objects.requireNonNull(appToken, "appToken");
      Objects.requireNonNull(apiUrl, "apiUrl");
    }

    @Override
    public String toString() {
      return "Settings[botToken=***, appToken=***, apiUrl=" + apiUrl.orElse(null) + "]";
    }
  }

  /**
   * Knobs that tests and benchmarks turn.
   *
   * @param workers worker lanes for the work behind acks
   * @param messagesPerSecond chat messages per second per channel after a burst
   * @param burst chat messages sent at once before pacing starts
   * @param backoff wait before the second try of a failed Web API call
   */
  public record Tuning(int workers, double messagesPerSecond, int burst, Duration backoff) {
    /** Slack's documented pace: about one message per second per channel, short bursts. */
    public static Tuning defaults() {
      return new Tuning(8, 1.0, 3, Duration.ofMillis(500));
    }
  }

  /** Who the bot is, from {@code auth.test}. */
  public record Identity(String teamId, String teamName, String botUserId) {}

  /**
   * The clock the message pacer reads and the sleeper that waits out its pace, backoffs and {@code
   * Retry-After}; tests pass a virtual pair so that pacing runs end to end without real waits.
   */
  record Time(LongSupplier nanoTime, SlackPoster.Sleeper sleeper) {
    static final Time SYSTEM = new Time(System::nanoTime, SlackPoster.THREAD_SLEEP);
  }

  private final Coach coach;
  private final SlackPoster poster;
  private final SlackRenderer renderer = new SlackRenderer();
  private final Lanes lanes;
  private final Identity identity;
  private final Map<String, CachedSender> senders = new ConcurrentHashMap<>();

  /** A user's name and zone from {@code users.info}, and when they were fetched. */
  private record CachedSender(Sender sender, long fetchedNanos) {}

  private final App app;
  private SocketModeApp socket;

  private SlackAdapter(
      Coach coach, Settings settings, Tuning tuning, Time time, Slack slack, Identity identity) {
    this.coach = coach;
    this.identity = identity;
    this.poster =
        new SlackPoster(
            slack.methods(settings.botToken()),
            slack.getHttpClient(),
            new ChannelPacer(tuning.messagesPerSecond(), tuning.burst(), time.nanoTime()),
            tuning.backoff(),
            time.sleeper());
    this.lanes = new Lanes(tuning.workers(), "slack-work");
    this.app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(settings.botToken())
                .slack(slack)
                // Otherwise Bolt calls auth.test before every event: slow, and rate limited.
                .authTestCacheEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .allEventsApiAutoAckEnabled(true)
                .build());
    register();
  }

  /**
   * Checks the tokens ({@code auth.test}, {@code apps.connections.open}), logs the team and bot
   * user, and connects in Socket Mode (which reconnects by itself).
   *
   * @throws SlackStartException with one sentence when a token is refused or Slack is unreachable
   */
  public static SlackAdapter start(Coach coach, Settings settings, Tuning tuning) {
    return start(coach, settings, tuning, Time.SYSTEM);
  }

  /** Starts with a given {@link Time} (tests). */
  static SlackAdapter start(Coach coach, Settings settings, Tuning tuning, Time time) {
    Slack slack = Slack.getInstance(slackConfig(settings.apiUrl()));
    Identity identity = checkTokens(slack, settings);
    log.info(
        "Slack: connected to team {} ({}) as bot user {}",
        identity.teamName(),
        identity.teamId(),
        identity.botUserId());
    SlackAdapter adapter = new SlackAdapter(coach, settings, tuning, time, slack, identity);
    try {
      adapter.socket =
          new SocketModeApp(settings.appToken(), adapter.app, SocketModeClient.Backend.Tyrus);
      adapter.socket.startAsync();
    } catch (Exception e) {
      adapter.close();
      throw new SlackStartException(
          "Could not open Slack's Socket Mode connection (" + reason(e) + ").", e);
    }
    return adapter;
  }

  /** Starts with {@link Tuning#defaults()}. */
  public static SlackAdapter start(Coach coach, Settings settings) {
    return start(coach, settings, Tuning.defaults());
  }

  /** The team and bot user the bot token belongs to. */
  public Identity identity() {
    return identity;
  }

  static SlackConfig slackConfig(Optional<URI> apiUrl) {
    SlackConfig config = new SlackConfig();
    config.setStatsEnabled(false);
    config.setPrettyResponseLoggingEnabled(false);
    apiUrl.ifPresent(
        url -> {
          String prefix = url.toString();
          config.setMethodsEndpointUrlPrefix(prefix.endsWith("/") ? prefix : prefix + "/");
        });
    return config;
  }

  private static Identity checkTokens(Slack slack, Settings settings) {
    try {
      AuthTestResponse auth = slack.methods(settings.botToken()).authTest(r -> r);
      if (!auth.isOk()) {
        throw new SlackStartException(
            "Slack refused SLACK_BOT_TOKEN ("
                + auth.getError()
                + "); check that the token is current and the app is still installed.");
      }
      AppsConnectionsOpenResponse socketUrl =
          slack.methods().appsConnectionsOpen(r -> r.token(settings.appToken()));
      if (!socketUrl.isOk()) {
        throw new SlackStartException(
            "Slack refused SLACK_APP_TOKEN ("
                + socketUrl.getError()
                + "); it must be an app-level token with the connections:write scope and Socket"
                + " Mode enabled.");
      }
      return new Identity(auth.getTeamId(), auth.getTeam(), auth.getUserId());
    } catch (IOException e) {
      throw new SlackStartException(
          "Could not reach Slack's Web API at "
              + slack.getConfig().getMethodsEndpointUrlPrefix()
              + " ("
              + reason(e)
              + ").",
          e);
    } catch (SlackApiException e) {
      throw new SlackStartException(
          "Slack's Web API answered HTTP " + e.getResponse().code() + " while checking the tokens.",
          e);
    }
  }

  /**
   * Why {@code e} happened, in one line: the deepest message in its chain of causes, so that a
   * wrapper without a message never shows as {@code null} or a class name.
   */
  static String reason(Throwable e) {
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    return reason == null ? "no reason given" : reason.replaceAll("\\s+", " ").strip();
  }

  private void register() {
    app.event(
        MessageEvent.class,
        (payload, ctx) -> {
          MessageEvent event = payload.getEvent();
          if (!"im".equals(event.getChannelType())
              || event.getBotId() != null
              || event.getUser() == null
              || event.getUser().equals(identity.botUserId())) {
            return ctx.ack();
          }
          String team = first(event.getTeam(), payload.getTeamId(), identity.teamId());
          // the client's id, else the message's ts: an edit of this message names both
          String eventId = first(event.getClientMsgId(), event.getTs(), payload.getEventId());
          boolean hasFiles = event.getFiles() != null && !event.getFiles().isEmpty();
          String user = event.getUser();
          String channel = event.getChannel();
          String text = event.getText() == null ? "" : SlackText.unescape(event.getText());
          lanes.submit(user, () -> onDirectMessage(team, user, channel, eventId, text, hasFiles));
          return ctx.ack();
        });
    app.event(
        MessageChangedEvent.class,
        (payload, ctx) -> {
          MessageChangedEvent event = payload.getEvent();
          MessageChangedEvent.Message message = event.getMessage();
          if (!"im".equals(event.getChannelType())
              || message == null
              || message.getUser() == null
              || message.getBotId() != null
              || message.getUser().equals(identity.botUserId())
              || message.getEdited() == null
              || message.getText() == null
              || message.getText().equals(previousText(event))) {
            return ctx.ack(); // link previews and other changes that are not the user's edits
          }
          String team = first(message.getTeam(), payload.getTeamId(), identity.teamId());
          String user = message.getUser();
          String channel = event.getChannel();
          String edited = first(message.getClientMsgId(), message.getTs());
          String editId =
              first(payload.getEventId(), "edit:" + message.getTs() + ":" + event.getEventTs());
          String text = SlackText.unescape(message.getText());
          lanes.submit(
              user,
              () -> {
                poster.rememberDm(user, channel);
                coach
                    .handle(new Inbound.Edit(sender(team, user), editId, edited, text))
                    .ifPresent(reply -> send(channel, reply));
              });
          return ctx.ack();
        });
    app.event(
        MessageFileShareEvent.class,
        (payload, ctx) -> {
          MessageFileShareEvent event = payload.getEvent();
          if ("im".equals(event.getChannelType())
              && event.getUser() != null
              && !event.getUser().equals(identity.botUserId())) {
            String channel = event.getChannel();
            lanes.submit(event.getUser(), () -> send(channel, Reply.text(FILE_NOTE)));
          }
          return ctx.ack();
        });
    app.command(
        "/coach",
        (req, ctx) -> {
          SlashCommandPayload payload = req.getPayload();
          lanes.submit(payload.getUserId(), () -> onSlashCommand(payload));
          return ctx.ack();
        });
    app.blockAction(
        Pattern.compile(".+"),
        (req, ctx) -> {
          BlockActionPayload payload = req.getPayload();
          if (payload.getUser() != null
              && payload.getActions() != null
              && !payload.getActions().isEmpty()) {
            lanes.submit(payload.getUser().getId(), () -> onAction(payload));
          }
          return ctx.ack();
        });
    app.event(
        AppHomeOpenedEvent.class,
        (payload, ctx) -> {
          AppHomeOpenedEvent event = payload.getEvent();
          if ("home".equals(event.getTab()) && event.getUser() != null) {
            String team = first(payload.getTeamId(), identity.teamId());
            String user = event.getUser();
            lanes.submit(user, () -> publishHome(team, user));
          }
          return ctx.ack();
        });
  }

  private void onDirectMessage(
      String team, String user, String channel, String eventId, String text, boolean hasFiles) {
    poster.rememberDm(user, channel);
    if (hasFiles) {
      send(channel, Reply.text(FILE_NOTE));
      return;
    }
    Optional<Reply> reply = coach.handle(new Inbound.Message(sender(team, user), eventId, text));
    reply.ifPresent(r -> answer(team, user, channel, r));
  }

  private void onSlashCommand(SlashCommandPayload payload) {
    String team = first(payload.getTeamId(), identity.teamId());
    String user = payload.getUserId();
    String channel = payload.getChannelId();
    Optional<String> dm = poster.openDm(user);
    boolean inDm = dm.isPresent() && dm.get().equals(channel);
    Optional<String> responseUrl =
        Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank());
    Optional<SlashCommand> command = SlashCommand.parse(payload.getText());
    if (command.isEmpty()) {
      Reply unknown =
          Reply.text(
              "`/coach "
                  + SlackText.truncate(payload.getText().strip(), 40)
                  + "` isn't something I know. Try `/coach help`.");
      if (inDm) {
        send(channel, unknown);
      } else {
        sendEphemeral(channel, user, responseUrl, unknown, dm);
      }
      return;
    }
    Inbound.Command inbound =
        new Inbound.Command(
            sender(team, user),
            "cmd:" + first(payload.getTriggerId(), channel + ":" + System.nanoTime()),
            command.get().word(),
            command.get().argument());
    Optional<Reply> reply = coach.handle(inbound);
    if (reply.isEmpty()) {
      return;
    }
    if (inDm) {
      answer(team, user, channel, reply.get());
    } else if (continuesInDm(command.get().word()) && dm.isPresent()) {
      answer(team, user, dm.get(), reply.get());
      sendEphemeral(
          channel,
          user,
          responseUrl,
          Reply.text("I've answered in our direct messages, where we'll go on."),
          dm);
    } else {
      sendEphemeral(channel, user, responseUrl, reply.get(), dm);
    }
  }

  private void onAction(BlockActionPayload payload) {
    String user = payload.getUser().getId();
    String team =
        first(
            payload.getUser().getTeamId(),
            payload.getTeam() == null ? null : payload.getTeam().getId(),
            identity.teamId());
    BlockActionPayload.Action action = payload.getActions().get(0);
    String actionId = SlackRenderer.coreActionId(action.getActionId());
    BlockActionPayload.Container container = payload.getContainer();
    String eventId;
    String channel = null;
    if (container != null && container.getMessageTs() != null) {
      // The same button on the same message acts once: a double click or a redelivery is deduped.
      eventId = "btn:" + container.getChannelId() + ":" + container.getMessageTs() + ":" + actionId;
      if (!container.isEphemeral() && container.getChannelId() != null) {
        Optional<String> dm = poster.openDm(user);
        if (dm.isPresent() && dm.get().equals(container.getChannelId())) {
          channel = dm.get();
        }
      }
    } else if (payload.getView() != null && payload.getView().getHash() != null) {
      eventId =
          "btn:" + payload.getView().getId() + ":" + payload.getView().getHash() + ":" + actionId;
    } else {
      eventId = "btn:" + first(action.getActionTs(), payload.getTriggerId()) + ":" + actionId;
    }
    if (channel == null) {
      channel = poster.openDm(user).orElse(null);
    }
    if (channel == null) {
      log.warn("Slack: no DM channel for a button click; dropped");
      return;
    }
    Optional<Reply> reply =
        coach.handle(
            new Inbound.Choice(
                sender(team, user), SlackText.truncate(eventId, Inbound.MAX_ID_LENGTH), actionId));
    String target = channel;
    reply.ifPresent(r -> answer(team, user, target, r));
  }

  /** Sends a reply in the DM, and refreshes the Home tab when it ends a session. */
  private void answer(String team, String user, String channel, Reply reply) {
    send(channel, reply);
    if (endsSession(reply)) {
      publishHome(team, user);
    }
  }

  private void publishHome(String team, String user) {
    UserId id = UserId.slack(team, user);
    Reply home =
        coach
            .progressReply(id)
            .map(
                progress ->
                    Reply.builder()
                        .append(progress)
                        .context("Practise in the Messages tab: say `practice` or `help`.")
                        .build())
            .orElseGet(
                () ->
                    Reply.builder()
                        .heading("Coach")
                        .paragraph(
                            "I play the interviewer for ML system design practice: a scenario,"
                                + " each part of the answer outline in turn, follow-up questions"
                                + " and a scorecard. Your progress shows here.")
                        .choices(List.of(new Reply.Block.Choice("practice:practice", "Start")))
                        .context("Or say `practice` or `help` in the Messages tab.")
                        .build());
    poster.publishHome(user, renderer.viewBlocks(home));
  }

  /** Whether the reply closes a practice session (the Home tab is then refreshed). */
  static boolean endsSession(Reply reply) {
    return reply.endsSession();
  }

  private void send(String channel, Reply reply) {
    Rendered rendered = renderer.render(reply);
    for (SlackMessage message : rendered.messages()) {
      poster.postMessage(channel, message);
    }
    for (Reply.Block.File file : rendered.files()) {
      poster.upload(channel, file);
    }
  }

  /** Session steps go on in the DM; so does an export, whose file can only be shared there. */
  private static boolean continuesInDm(CommandWord word) {
    return word.stepsASession() || word == CommandWord.EXPORT;
  }

  /**
   * Sends a reply only the user sees: through the slash command's {@code response_url} when there
   * is one (it works in any channel), else {@code chat.postEphemeral}; files, and anything that
   * fails both ways, go to the DM instead.
   */
  private void sendEphemeral(
      String channel, String user, Optional<String> responseUrl, Reply reply, Optional<String> dm) {
    Rendered rendered = renderer.render(reply);
    boolean delivered = true;
    for (SlackMessage message : rendered.messages()) {
      delivered &=
          (responseUrl.isPresent() && poster.respond(responseUrl.get(), message))
              || poster.postEphemeral(channel, user, message);
    }
    if (!delivered && dm.isPresent()) {
      for (SlackMessage message : rendered.messages()) {
        poster.postMessage(dm.get(), message);
      }
    }
    if (dm.isPresent()) {
      for (Reply.Block.File file : rendered.files()) {
        poster.upload(dm.get(), file);
      }
    }
  }

  /** The sender with display name and time zone from {@code users.info}, cached per user. */
  private Sender sender(String team, String user) {
    UserId id = UserId.slack(team, user);
    long now = System.nanoTime();
    CachedSender known = senders.get(id.value());
    if (known != null && now - known.fetchedNanos() < PROFILE_TTL.toNanos()) {
      return known.sender();
    }
    Optional<User> info = poster.userInfo(user);
    Sender sender;
    Duration keep;
    if (info.isPresent()) {
      sender = new Sender(id, displayName(info.get(), user), zone(info.get().getTz()));
      keep = Duration.ZERO;
    } else {
      // Slack would not say: keep what we knew, and ask again in a few minutes, not every event.
      sender = known != null ? known.sender() : new Sender(id, user);
      keep = PROFILE_TTL.minus(PROFILE_RETRY);
    }
    if (senders.size() > MAX_CACHED_USERS) {
      senders.clear();
    }
    senders.put(id.value(), new CachedSender(sender, now - keep.toNanos()));
    return sender;
  }

  private static String displayName(User user, String fallback) {
    if (user.getProfile() != null) {
      if (!isBlank(user.getProfile().getDisplayName())) {
        return user.getProfile().getDisplayName();
      }
      if (!isBlank(user.getProfile().getRealName())) {
        return user.getProfile().getRealName();
      }
    }
    return isBlank(user.getRealName()) ? first(user.getName(), fallback) : user.getRealName();
  }

  private static Optional<ZoneId> zone(String tz) {
    if (isBlank(tz)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(tz));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  private static boolean isBlank(String s) {
    return s == null || s.isBlank();
  }

  private static String previousText(MessageChangedEvent event) {
    return event.getPreviousMessage() == null || event.getPreviousMessage().getMessage() == null
        ? null
        : event.getPreviousMessage().getMessage().getText();
  }

  private static String first(String... candidates) {
    for (String candidate : candidates) {
      if (!isBlank(candidate)) {
        return candidate;
      }
    }
    return null;
  }

  /** Disconnects the socket, then lets queued work finish (up to a few seconds). */
  @Override
  public void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (Exception e) {
        log.warn("Slack: closing the socket failed: {}", e.getMessage());
      }
    }
    lanes.close();
    try {
      app.stop();
    } catch (Exception e) {
      log.debug("Slack: stopping the app failed: {}", e.getMessage());
    }
  }
}
