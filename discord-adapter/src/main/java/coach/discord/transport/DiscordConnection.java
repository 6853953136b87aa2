package coach.discord.transport;

import coach.discord.DiscordStartException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.JDABuilder;
import net.dv8tion.jda.api.events.session.ReadyEvent;
import net.dv8tion.jda.api.events.session.SessionDisconnectEvent;
import net.dv8tion.jda.api.events.session.SessionRecreateEvent;
import net.dv8tion.jda.api.events.session.SessionResumeEvent;
import net.dv8tion.jda.api.events.session.ShutdownEvent;
import net.dv8tion.jda.api.exceptions.ContextException;
import net.dv8tion.jda.api.exceptions.InvalidTokenException;
import net.dv8tion.jda.api.hooks.ListenerAdapter;
import net.dv8tion.jda.api.requests.GatewayIntent;
import net.dv8tion.jda.api.requests.RestConfig;
import net.dv8tion.jda.api.utils.Compression;
import net.dv8tion.jda.api.utils.SessionControllerAdapter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to Discord: logs in through JDA (checking the token), opens the gateway and waits
 * until it is ready. It asks for non-privileged intents only (GUILDS, always on in JDA, and
 * DIRECT_MESSAGES), unless {@code messageContent} is set, when it adds GUILD_MESSAGES and the
 * privileged MESSAGE_CONTENT (which must then be switched on in the Developer Portal). The gateway
 * reconnects and resumes by itself; each change is logged. Close it to disconnect.
 */
public final class DiscordConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(DiscordConnection.class);

  private final JDA jda;

  private DiscordConnection(JDA jda) {
    this.jda = jda;
  }

  /**
   * Connects with {@code listeners} receiving every event.
   *
   * @throws DiscordStartException with one sentence when the token is refused or Discord is
   *     unreachable or not ready in time
   */
  public static DiscordConnection open(
      String botToken,
      Optional<URI> apiUrl,
      Optional<URI> gatewayUrl,
      boolean messageContent,
      Duration readyTimeout,
      List<Object> listeners) {
    CountDownLatch ready = new CountDownLatch(1);
    Lifecycle lifecycle = new Lifecycle(ready);
    List<GatewayIntent> intents = new ArrayList<>(List.of(GatewayIntent.DIRECT_MESSAGES));
    if (messageContent) {
      intents.add(GatewayIntent.GUILD_MESSAGES);
      intents.add(GatewayIntent.MESSAGE_CONTENT);
    }
    JDABuilder builder =
        JDABuilder.createLight(botToken, intents) // GUILDS: JDA always adds it
            .setCompression(Compression.NONE)
            .setEnableShutdownHook(false)
            .setAutoReconnect(true)
            .setSessionController(new GatewaySessionController(gatewayUrl))
            .addEventListeners(lifecycle)
            .addEventListeners(listeners.toArray());
    apiUrl.ifPresent(url -> builder.setRestConfig(new RestConfig().setBaseUrl(restBase(url))));
    JDA jda;
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
              + apiUrl.map(URI::toString).orElse("https://discord.com/api/")
              + " ("
              + oneLine(e)
              + ").",
          e);
    }
    DiscordConnection connection = new DiscordConnection(jda);
    try {
      if (!ready.await(readyTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
        connection.close();
        throw new DiscordStartException(
            "Discord's gateway at "
                + gatewayUrl.map(URI::toString).orElse("wss://gateway.discord.gg/")
                + " did not get ready within "
                + readyTimeout.toSeconds()
                + " s"
                + (messageContent
                    ? " (with DISCORD_MESSAGE_CONTENT=true, is the Message Content intent on in"
                        + " the Developer Portal?)."
                    : "."));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      connection.close();
      throw new DiscordStartException("Interrupted while connecting to Discord.", e);
    }
    if (lifecycle.closedWith != null) {
      throw new DiscordStartException(refusal(lifecycle.closedWith));
    }
    log.info(
        "Discord: connected as {} ({}), in {} server(s){}",
        jda.getSelfUser().getName(),
        jda.getSelfUser().getId(),
        jda.getGuildCache().size(),
        messageContent ? "; reading messages in daily threads (Message Content intent)" : "");
    return connection;
  }

  public JDA jda() {
    return jda;
  }

  /** Why Discord closed the gateway for good while connecting, in one sentence. */
  static String refusal(ShutdownEvent event) {
    if (event.getCode() == 4014) {
      return "Discord refused the Message Content intent (4014 Disallowed intents): switch on"
          + " Message Content Intent on the Bot page of your application in the Developer Portal,"
          + " or unset DISCORD_MESSAGE_CONTENT.";
    }
    if (event.getCode() == 4004) {
      return "Discord's gateway refused DISCORD_BOT_TOKEN (4004 Authentication failed); copy the"
          + " current token from the Bot page of your application in the Developer Portal.";
    }
    return "Discord's gateway closed the connection for good (close code "
        + event.getCode()
        + (event.getCloseCode() == null ? "" : ", " + event.getCloseCode().getMeaning())
        + ").";
  }

  /** The REST base URL with a trailing slash, as JDA wants it. */
  public static String restBase(URI url) {
    String base = url.toString();
    return base.endsWith("/") ? base : base + "/";
  }

  /**
   * Why {@code e} happened, in one line: the deepest message in its chain of causes. JDA appends a
   * message-less {@link ContextException} (a stack-trace marker) as the last cause, which is
   * skipped, so the reason is never just a class name.
   */
  public static String oneLine(Throwable e) {
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      String message = t.getMessage();
      if (!(t instanceof ContextException) && message != null && !message.isBlank()) {
        reason = message;
      }
    }
    return reason == null ? "no reason given" : reason.replaceAll("\\s+", " ").strip();
  }

  /** Disconnects from the gateway, waiting a few seconds for a clean close. */
  @Override
  public void close() {
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

  /** Readiness, a refusal while connecting, and the gateway's reconnects, for the log. */
  private static final class Lifecycle extends ListenerAdapter {
    private final CountDownLatch ready;
    private volatile ShutdownEvent closedWith;

    Lifecycle(CountDownLatch ready) {
      this.ready = ready;
    }

    @Override
    public void onReady(ReadyEvent event) {
      ready.countDown();
    }

    /** JDA gives up for good on some close codes (disallowed intents): no waiting for ready. */
    @Override
    public void onShutdown(ShutdownEvent event) {
      if (ready.getCount() > 0) {
        closedWith = event;
        ready.countDown();
      }
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
  }

  /** Points JDA at the configured gateway; a fresh instance per connection (connect pacing). */
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
