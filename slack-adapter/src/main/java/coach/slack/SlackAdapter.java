package coach.slack;

import coach.core.Coach;
import coach.core.chat.Lanes;
import coach.core.daily.DailyPrompts;
import coach.core.delivery.ReplyDelivery;
import coach.core.mock.MockSessions;
import coach.slack.daily.SlackDaily;
import coach.slack.mock.SlackMock;
import coach.slack.practice.SlackCatchUp;
import coach.slack.practice.SlackPractice;
import coach.slack.practice.SlackReplyMessenger;
import coach.slack.transport.ChannelPacer;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackConnection;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackReplies;
import coach.slack.transport.SlackUsers;
import coach.slack.transport.WorkspacePacer;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import com.slack.api.model.event.AppHomeOpenedEvent;
import com.slack.api.model.event.MessageChangedEvent;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageFileShareEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.LongSupplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coach on Slack, through Bolt in Socket Mode. It connects ({@link SlackConnection}) and routes
 * each event to its feature: direct-message practice ({@link SlackPractice}), daily prompts in
 * channels ({@link SlackDaily}) and group mock sessions ({@link SlackMock}), which share the
 * transport (posting with pacing and retries, Block Kit rendering, user profiles). Every handler
 * acks at once and queues the work on a per-user lane, so a user's events are answered in order.
 * Close it to disconnect.
 */
public final class SlackAdapter implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackAdapter.class);

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
   * @param workspacePostsPerSecond chat.postMessage calls per second across the workspace (see
   *     {@link WorkspacePacer}); 0 for no workspace-wide pacing
   */
  public record Tuning(
      int workers,
      double messagesPerSecond,
      int burst,
      Duration backoff,
      double workspacePostsPerSecond) {
    /** Without workspace-wide pacing (tests that time one channel's pace). */
    public Tuning(int workers, double messagesPerSecond, int burst, Duration backoff) {
      this(workers, messagesPerSecond, burst, backoff, 0);
    }

    /**
     * Slack's documented pace: about one message per second per channel, short bursts; and the
     * assumed workspace-wide limit of {@link WorkspacePacer#DEFAULT_PER_SECOND} posts a second.
     */
    public static Tuning defaults() {
      return new Tuning(8, 1.0, 3, Duration.ofMillis(500), WorkspacePacer.DEFAULT_PER_SECOND);
    }

    /** The same, with {@code postsPerSecond} across the workspace (0: not paced). */
    public Tuning withWorkspacePostsPerSecond(double postsPerSecond) {
      return new Tuning(workers, messagesPerSecond, burst, backoff, postsPerSecond);
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

  private final SlackConnection connection;
  private final Identity identity;
  private final SlackPoster poster;
  private final Lanes lanes;
  private final SlackPractice practice;
  private final ReplyDelivery outbox;
  private final coach.core.intake.InboundJournal journal;
  private final Optional<SlackDaily> daily;
  private final Optional<SlackMock> mock;

  private SlackAdapter(
      Coach coach,
      Optional<DailyPrompts> dailyPrompts,
      Optional<MockSessions> mockSessions,
      SlackConnection connection,
      Tuning tuning,
      Time time) {
    this.connection = connection;
    SlackConnection.Account account = connection.account();
    this.identity = new Identity(account.teamId(), account.teamName(), account.botUserId());
    this.poster =
        new SlackPoster(
            connection.methods(),
            connection.chatPost()::post,
            connection.http(),
            new ChannelPacer(tuning.messagesPerSecond(), tuning.burst(), time.nanoTime()),
            tuning.workspacePostsPerSecond() > 0
                ? Optional.of(
                    new WorkspacePacer(tuning.workspacePostsPerSecond(), 1, time.nanoTime()))
                : Optional.empty(),
            account.teamId(),
            tuning.backoff(),
            time.sleeper());
    this.lanes = new Lanes(tuning.workers(), "slack-work");
    SlackReplies replies = new SlackReplies(poster, new SlackRenderer());
    SlackUsers users = new SlackUsers(poster);
    SlackChannelCalls calls = new SlackChannelCalls(connection.methods(), poster);
    this.practice = new SlackPractice(coach, poster, replies, users, lanes, account);
    this.outbox = coach.outbox();
    outbox.register("slack", new SlackReplyMessenger(poster, replies.renderer(), account.teamId()));
    this.journal = coach.journal();
    journal.register("slack", practice::replay);
    // before Socket Mode connects: what users sent while Coach was away is answered first
    new SlackCatchUp(coach, poster, calls, users, lanes, account.teamId()).queue();
    this.daily =
        dailyPrompts.map(d -> new SlackDaily(d, poster, calls, replies, users, lanes, account));
    this.mock =
        mockSessions.map(m -> new SlackMock(m, poster, calls, replies, users, lanes, account));
    register(connection.app());
  }

  /**
   * Checks the tokens ({@code auth.test}, {@code apps.connections.open}), logs the team and bot
   * user, and connects in Socket Mode (which reconnects by itself). With {@code daily}, channels
   * get daily prompts: their commands, thread answers and buttons are handled here, and posts go
   * out through this connection (registered as the {@code slack} publisher). With {@code mock},
   * channels get mock sessions the same way.
   *
   * @throws SlackStartException with one sentence when a token is refused or Slack is unreachable
   */
  /** Whether Slack's Socket Mode connection is open (for health checks). */
  public boolean connected() {
    return connection.connected();
  }

  public static SlackAdapter start(
      Coach coach,
      Optional<DailyPrompts> daily,
      Optional<MockSessions> mock,
      Settings settings,
      Tuning tuning) {
    return start(coach, daily, mock, settings, tuning, Time.SYSTEM);
  }

  /** Daily prompts (if given) and practice, without mock sessions. */
  public static SlackAdapter start(
      Coach coach, Optional<DailyPrompts> daily, Settings settings, Tuning tuning) {
    return start(coach, daily, Optional.empty(), settings, tuning);
  }

  /** Starts with a given {@link Time} (tests). */
  static SlackAdapter start(Coach coach, Settings settings, Tuning tuning, Time time) {
    return start(coach, Optional.empty(), Optional.empty(), settings, tuning, time);
  }

  private static SlackAdapter start(
      Coach coach,
      Optional<DailyPrompts> daily,
      Optional<MockSessions> mock,
      Settings settings,
      Tuning tuning,
      Time time) {
    SlackConnection connection;
    try {
      connection =
          SlackConnection.open(settings.botToken(), settings.appToken(), settings.apiUrl());
    } catch (SlackConnection.Refused e) {
      throw new SlackStartException(e.getMessage(), e.getCause());
    }
    SlackConnection.Account account = connection.account();
    log.info(
        "Slack: connected to team {} ({}) as bot user {}",
        account.teamName(),
        account.teamId(),
        account.botUserId());
    SlackAdapter adapter = new SlackAdapter(coach, daily, mock, connection, tuning, time);
    try {
      connection.connect();
    } catch (SlackConnection.Refused e) {
      adapter.close();
      throw new SlackStartException(e.getMessage(), e.getCause());
    }
    if (adapter.daily.isPresent()) {
      connection.reportMissingScopes(SlackDaily.SCOPES, "daily prompts");
      daily.get().register("slack", adapter.daily.get().publisher());
    }
    if (adapter.mock.isPresent()) {
      connection.reportMissingScopes(SlackMock.SCOPES, "mock sessions");
      mock.get().register("slack", adapter.mock.get().publisher());
    }
    return adapter;
  }

  /** Daily prompts and practice, with {@link Tuning#defaults()}. */
  public static SlackAdapter start(Coach coach, DailyPrompts daily, Settings settings) {
    return start(coach, Optional.of(daily), settings, Tuning.defaults());
  }

  /** Practice only (no daily prompts). */
  public static SlackAdapter start(Coach coach, Settings settings, Tuning tuning) {
    return start(coach, Optional.empty(), settings, tuning);
  }

  /** Practice only, with {@link Tuning#defaults()}. */
  public static SlackAdapter start(Coach coach, Settings settings) {
    return start(coach, settings, Tuning.defaults());
  }

  /** The team and bot user the bot token belongs to. */
  public Identity identity() {
    return identity;
  }

  /** Why {@code e} happened, in one line (see {@link SlackConnection#reason}). */
  static String reason(Throwable e) {
    return SlackConnection.reason(e);
  }

  /**
   * One Bolt handler per kind of event (Bolt keeps one per type), each routing to its feature.
   * Slack needs the ack within 3 s: handlers only pick the event apart and queue the work.
   */
  private void register(App app) {
    app.event(
        MessageEvent.class,
        (payload, ctx) -> {
          if (!practice.onMessage(payload)) {
            daily.ifPresent(d -> d.onMessage(payload));
          }
          return ctx.ack();
        });
    app.event(
        MessageThreadBroadcastEvent.class,
        (payload, ctx) -> {
          daily.ifPresent(d -> d.onThreadBroadcast(payload));
          return ctx.ack();
        });
    app.event(
        MessageChangedEvent.class,
        (payload, ctx) -> {
          practice.onEdit(payload);
          return ctx.ack();
        });
    app.event(
        MessageFileShareEvent.class,
        (payload, ctx) -> {
          practice.onFileShare(payload);
          return ctx.ack();
        });
    app.event(
        AppHomeOpenedEvent.class,
        (payload, ctx) -> {
          practice.onHomeOpened(payload);
          return ctx.ack();
        });
    app.command(
        "/coach",
        (req, ctx) -> {
          SlashCommandPayload payload = req.getPayload();
          if (!forChannelFeature(payload.getText())) {
            practice.journal(payload); // kept before Slack is acknowledged
          }
          lanes.submit(payload.getUserId(), () -> onSlashCommand(payload));
          return ctx.ack();
        });
    daily.ifPresent(
        d ->
            app.viewSubmission(
                SlackDaily.SCHEDULE_FORM,
                (req, ctx) -> {
                  Map<String, String> errors = d.onScheduleSubmitted(req.getPayload());
                  return errors.isEmpty() ? ctx.ack() : ctx.ackWithErrors(errors);
                }));
    daily.ifPresent(
        d ->
            app.viewSubmission(
                SlackDaily.PROMPT_FORM,
                (req, ctx) -> {
                  Map<String, String> errors = d.onPromptSubmitted(req.getPayload());
                  return errors.isEmpty() ? ctx.ack() : ctx.ackWithErrors(errors);
                }));
    mock.ifPresent(m -> m.register(app));
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
  }

  /**
   * {@code /coach daily ...}, {@code feedback} and {@code prompt ...} are daily's, {@code mock ...}
   * mock sessions'.
   */
  private void onSlashCommand(SlashCommandPayload payload) {
    Optional<String> dm = poster.openDm(payload.getUserId());
    boolean inDm = dm.isPresent() && dm.get().equals(payload.getChannelId());
    if (daily.isPresent() && SlackDaily.isDailyCommand(payload.getText())) {
      daily.get().onSlashCommand(payload, dm, inDm);
    } else if (mock.isPresent() && SlackMock.isMockCommand(payload.getText())) {
      mock.get().onSlashCommand(payload, dm, inDm);
    } else {
      practice.onSlashCommand(payload, dm);
    }
  }

  /** Whether a {@code /coach} text is daily's or mock sessions' (else DM practice's). */
  private boolean forChannelFeature(String text) {
    return (daily.isPresent() && SlackDaily.isDailyCommand(text))
        || (mock.isPresent() && SlackMock.isMockCommand(text));
  }

  private void onAction(BlockActionPayload payload) {
    if (daily.isPresent() && daily.get().takesAction(payload)) {
      daily.get().onAction(payload);
    } else if (mock.isPresent() && mock.get().takesAction(payload)) {
      mock.get().onAction(payload);
    } else {
      practice.onAction(payload);
    }
  }

  /** Disconnects the socket, then lets queued work finish (up to a few seconds). */
  @Override
  public void close() {
    connection.disconnect();
    journal.unregister("slack");
    lanes.close();
    // replies owed for the events just finished go now; the Web API still works
    outbox.deliverDue();
    outbox.unregister("slack");
    connection.close();
  }
}
