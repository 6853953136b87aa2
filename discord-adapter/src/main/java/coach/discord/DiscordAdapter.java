package coach.discord;

import coach.core.Coach;
import coach.core.chat.Lanes;
import coach.core.curriculum.Curriculum;
import coach.core.daily.DailyPrompts;
import coach.core.delivery.ReplyDelivery;
import coach.core.mock.MockSessions;
import coach.discord.daily.DailyFeature;
import coach.discord.mock.MockFeature;
import coach.discord.practice.DiscordReplyMessenger;
import coach.discord.practice.DmCatchUp;
import coach.discord.practice.PracticeFeature;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordRenderer;
import coach.discord.transport.Replies;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;

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

  static final String FILE_NOTE = PracticeFeature.FILE_NOTE;
  static final String IN_DMS = Replies.IN_DMS;
  static final String DMS_CLOSED = Replies.DMS_CLOSED;

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
  private final DmCatchUp catchUp;
  private final ReplyDelivery outbox;
  private final coach.core.intake.InboundJournal journal;
  private final Optional<DailyFeature> daily;
  private final Optional<MockFeature> mock;
  private volatile JDA jda;
  private DiscordConnection connection;

  private DiscordAdapter(
      Coach coach,
      Curriculum curriculum,
      Optional<DailyPrompts> dailyPrompts,
      Optional<MockSessions> mockSessions,
      Settings settings,
      Tuning tuning) {
    // held until the gateway is ready: replies need it, and what the journal replays queues first
    this.lanes = Lanes.held(tuning.workers(), "discord-work");
    this.replies =
        new Replies(new DiscordRenderer(), new DiscordPoster(tuning.backoff()), () -> jda);
    this.practice = new PracticeFeature(coach, curriculum, lanes, replies);
    this.outbox = coach.outbox();
    outbox.register("discord", new DiscordReplyMessenger(replies));
    this.journal = coach.journal();
    journal.register("discord", practice::replay);
    this.catchUp = new DmCatchUp(coach, lanes, replies, () -> jda);
    this.daily =
        dailyPrompts.map(
            d ->
                new DailyFeature(
                    d, curriculum, lanes, replies, () -> jda, settings.messageContent()));
    this.mock = mockSessions.map(m -> new MockFeature(m, curriculum, lanes, replies, () -> jda));
  }

  /** Whether the gateway connection is up (for health checks). */
  public boolean connected() {
    JDA current = jda;
    return current != null && current.getStatus() == JDA.Status.CONNECTED;
  }

  /**
   * Logs in (checking the token), connects to the gateway, waits until it is ready, registers
   * {@code /coach} (on the configured server, or globally) and, with {@code daily}, lets daily
   * prompts post on Discord; with {@code mock}, mock sessions.
   *
   * @throws DiscordStartException with one sentence when the token is refused, Discord is
   *     unreachable, or the command cannot be registered
   */
  public static DiscordAdapter start(
      Coach coach,
      Curriculum curriculum,
      Optional<DailyPrompts> daily,
      Optional<MockSessions> mock,
      Settings settings,
      Tuning tuning) {
    DiscordAdapter adapter = new DiscordAdapter(coach, curriculum, daily, mock, settings, tuning);
    try {
      // queued before the gateway can deliver anything new: what users missed is answered first
      adapter.catchUp.queue();
      adapter.connection =
          DiscordConnection.open(
              settings.botToken(),
              settings.apiUrl(),
              settings.gatewayUrl(),
              settings.messageContent(),
              tuning.readyTimeout(),
              List.of(
                  DiscordRouter.withLogContext(
                      new DiscordRouter(
                          adapter.practice,
                          adapter.daily,
                          adapter.mock,
                          adapter.replies,
                          ready -> adapter.jda = ready))));
      adapter.jda = adapter.connection.jda();
      adapter.lanes.open();
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
