package coach.slack.transport;

import com.slack.api.Slack;
import com.slack.api.SlackConfig;
import com.slack.api.bolt.App;
import com.slack.api.bolt.AppConfig;
import com.slack.api.bolt.socket_mode.SocketModeApp;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.response.apps.connections.AppsConnectionsOpenResponse;
import com.slack.api.methods.response.auth.AuthTestResponse;
import com.slack.api.socket_mode.SocketModeClient;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The connection to one Slack workspace: the Web API client (pointed at {@code SLACK_API_URL} when
 * set), the token checks at start, and the Bolt app behind a Socket Mode WebSocket (which
 * reconnects by itself). Tokens never reach the log.
 */
public final class SlackConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(SlackConnection.class);

  /**
   * The workspace and bot user the bot token belongs to, from {@code auth.test}, and the token's
   * scopes when Slack listed them (its {@code X-OAuth-Scopes} header).
   */
  public record Account(
      String teamId, String teamName, String botUserId, Optional<Set<String>> scopes) {}

  /** Slack refused a token or could not be reached; the message is one sentence. */
  public static final class Refused extends Exception {
    Refused(String message, Throwable cause) {
      super(message, cause);
    }
  }

  private final Slack slack;
  private final String botToken;
  private final String appToken;
  private final Account account;
  private final App app;
  private SocketModeApp socket;

  private SlackConnection(Slack slack, String botToken, String appToken, Account account) {
    this.slack = slack;
    this.botToken = botToken;
    this.appToken = appToken;
    this.account = account;
    this.app =
        new App(
            AppConfig.builder()
                .singleTeamBotToken(botToken)
                .slack(slack)
                // Otherwise Bolt calls auth.test before every event: slow, and rate limited.
                .authTestCacheEnabled(true)
                .subtypedMessageEventsAutoAckEnabled(true)
                .allEventsApiAutoAckEnabled(true)
                .build());
    // every log line about a request names its kind or event and its user (never its text)
    this.app.use(
        (request, response, chain) -> {
          com.slack.api.bolt.context.Context context = request.getContext();
          String user =
              context.getRequestUserId() == null
                  ? "-"
                  : context.getTeamId() == null
                      ? "slack:" + context.getRequestUserId()
                      : coach.core.chat.UserId.slack(
                              context.getTeamId(), context.getRequestUserId())
                          .value();
          // Bolt does not hand middleware the event's id: its kind until Coach names the id
          String event =
              request instanceof com.slack.api.bolt.request.builtin.EventRequest e
                  ? e.getEventTypeAndSubtype()
                  : request.getRequestType().name().toLowerCase(java.util.Locale.ROOT);
          try (coach.core.health.LogContext.Scope scope =
              coach.core.health.LogContext.event(event, user)) {
            return chain.next(request);
          }
        });
  }

  /**
   * Checks both tokens ({@code auth.test}, {@code apps.connections.open}) and builds the Bolt app;
   * {@link #connect()} then opens the socket.
   */
  public static SlackConnection open(String botToken, String appToken, Optional<URI> apiUrl)
      throws Refused {
    Slack slack = Slack.getInstance(config(apiUrl));
    return new SlackConnection(slack, botToken, appToken, checkTokens(slack, botToken, appToken));
  }

  public Account account() {
    return account;
  }

  /** The Bolt app, to register handlers on before {@link #connect()}. */
  public App app() {
    return app;
  }

  /** A Web API client that carries the bot token. */
  public MethodsClient methods() {
    return slack.methods(botToken);
  }

  /** {@code chat.postMessage} with the bot token, read with one Gson for every answer. */
  public ChatPost chatPost() {
    return new ChatPost(methods(), botToken, slack.getConfig());
  }

  public SlackHttpClient http() {
    return slack.getHttpClient();
  }

  /**
   * Envelopes Bolt processes at once (its default is 10). Each waits, before its ack, for the
   * inbound journal to commit the message; the journal writes the waiting ones in one transaction,
   * so more of them at once means fewer, fuller commits instead of a queue in front of the ack.
   */
  static final int ENVELOPE_CONCURRENCY = 64;

  /** Opens the Socket Mode connection; events start arriving. */
  public void connect() throws Refused {
    try {
      socket =
          new SocketModeApp(appToken, app, SocketModeClient.Backend.Tyrus, ENVELOPE_CONCURRENCY);
      socket.startAsync();
    } catch (Exception e) {
      throw new Refused("Could not open Slack's Socket Mode connection (" + reason(e) + ").", e);
    }
  }

  /** Whether the Socket Mode connection is open and answers a ping (for health checks). */
  public boolean connected() {
    SocketModeApp open = socket;
    try {
      return open != null && open.getClient() != null && open.getClient().verifyConnection();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** Closes the socket: no new events arrive. */
  public void disconnect() {
    if (socket != null) {
      try {
        socket.close();
      } catch (Exception e) {
        log.warn("Slack: closing the socket failed: {}", e.getMessage());
      }
    }
  }

  /** Stops the Bolt app (after {@link #disconnect()} and once queued work is done). */
  @Override
  public void close() {
    disconnect();
    try {
      app.stop();
    } catch (Exception e) {
      log.debug("Slack: stopping the app failed: {}", e.getMessage());
    }
  }

  static SlackConfig config(Optional<URI> apiUrl) {
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

  private static Account checkTokens(Slack slack, String botToken, String appToken) throws Refused {
    try {
      AuthTestResponse auth = slack.methods(botToken).authTest(r -> r);
      if (!auth.isOk()) {
        throw new Refused(
            "Slack refused SLACK_BOT_TOKEN ("
                + auth.getError()
                + "); check that the token is current and the app is still installed.",
            null);
      }
      AppsConnectionsOpenResponse socketUrl =
          slack.methods().appsConnectionsOpen(r -> r.token(appToken));
      if (!socketUrl.isOk()) {
        throw new Refused(
            "Slack refused SLACK_APP_TOKEN ("
                + socketUrl.getError()
                + "); it must be an app-level token with the connections:write scope and Socket"
                + " Mode enabled.",
            null);
      }
      return new Account(auth.getTeamId(), auth.getTeam(), auth.getUserId(), scopes(auth));
    } catch (IOException e) {
      throw new Refused(
          "Could not reach Slack's Web API at "
              + slack.getConfig().getMethodsEndpointUrlPrefix()
              + " ("
              + reason(e)
              + ").",
          e);
    } catch (SlackApiException e) {
      throw new Refused(
          "Slack's Web API answered HTTP " + e.getResponse().code() + " while checking the tokens.",
          e);
    }
  }

  /** The scopes Slack says the token has, from the {@code X-OAuth-Scopes} header. */
  private static Optional<Set<String>> scopes(AuthTestResponse auth) {
    Map<String, List<String>> headers = auth.getHttpResponseHeaders();
    if (headers == null) {
      return Optional.empty();
    }
    for (Map.Entry<String, List<String>> header : headers.entrySet()) {
      if (header.getKey() != null
          && header.getKey().equalsIgnoreCase("x-oauth-scopes")
          && !header.getValue().isEmpty()) {
        Set<String> scopes = new TreeSet<>();
        for (String scope : String.join(",", header.getValue()).split(",")) {
          if (!scope.isBlank()) {
            scopes.add(scope.strip());
          }
        }
        return Optional.of(scopes);
      }
    }
    return Optional.empty();
  }

  /**
   * Logs one line naming the scopes in {@code needed} that the token lacks, when Slack listed the
   * token's scopes: a workspace that installed an older manifest then knows what to add.
   */
  public void reportMissingScopes(Set<String> needed, String forWhat) {
    account
        .scopes()
        .ifPresent(
            granted -> {
              Set<String> missing = new TreeSet<>(needed);
              missing.removeAll(granted);
              if (!missing.isEmpty()) {
                log.warn(
                    "Slack: this installation lacks the scopes {} that {} need: reinstall the app"
                        + " from slack-adapter/manifest.yml (see the README's Daily prompts"
                        + " section)",
                    String.join(", ", missing),
                    forWhat);
              }
            });
  }

  /**
   * Why {@code e} happened, in one line: the deepest message in its chain of causes, so that a
   * wrapper without a message never shows as {@code null} or a class name.
   */
  public static String reason(Throwable e) {
    String reason = null;
    for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (t.getMessage() != null && !t.getMessage().isBlank()) {
        reason = t.getMessage();
      }
    }
    return reason == null ? "no reason given" : reason.replaceAll("\\s+", " ").strip();
  }
}
