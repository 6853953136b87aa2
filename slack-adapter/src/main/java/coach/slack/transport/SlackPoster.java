package coach.slack.transport;

import coach.core.chat.Reply.Block;
import coach.core.health.CoachMetrics;
import coach.slack.transport.SlackRenderer.SlackMessage;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import com.slack.api.methods.SlackFilesUploadV2Exception;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import com.slack.api.methods.response.conversations.ConversationsOpenResponse;
import com.slack.api.methods.response.users.UsersInfoResponse;
import com.slack.api.model.User;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.view.View;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound Web API calls with Slack's manners: messages are paced per channel (and posts per
 * workspace, with a {@link WorkspacePacer}), a 429 waits the {@code Retry-After} it names, other
 * transient failures are retried with exponential backoff, and after the last of {@link #MAX_TRIES}
 * tries the reason is logged and the call gives up (returns empty or false; it never throws).
 * Tokens never reach the log. Calls block the calling thread while they wait, so call them from a
 * worker, never from an ack.
 */
public final class SlackPoster {

  private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);

  /** Tries per call, the first included. */
  public static final int MAX_TRIES = 3;

  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  /** Waits; tests may replace it. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Waits on the calling thread. */
  public static final Sleeper THREAD_SLEEP =
      d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

  /** Posts a JSON body to a URL and returns the HTTP status; tests may replace it. */
  interface JsonPoster {
    int post(String url, Object body) throws IOException;
  }

  @FunctionalInterface
  interface Call<T extends SlackApiTextResponse> {
    T call() throws IOException, SlackApiException;
  }

  private final MethodsClient methods;
  private final ChatPost.Sender chatPost;
  private final ChannelPacer pacer;
  private final Optional<WorkspacePacer> workspacePacer;
  private final String team;
  private final Duration backoff;
  private final Sleeper sleeper;
  private final JsonPoster json;
  private final Map<String, String> dmChannels = new ConcurrentHashMap<>();
  private final Set<String> reportedScopes = ConcurrentHashMap.newKeySet();

  /**
   * Every {@code chat.postMessage} waits for a slot in its channel's pace, and with {@code
   * workspacePacer} in the pace of the whole workspace {@code team} after that.
   *
   * @param methods a client that already carries the bot token
   * @param chatPost how {@code chat.postMessage} is sent ({@link ChatPost#post})
   * @param backoff wait before the second try; doubled before the third
   */
  public SlackPoster(
      MethodsClient methods,
      ChatPost.Sender chatPost,
      SlackHttpClient http,
      ChannelPacer pacer,
      Optional<WorkspacePacer> workspacePacer,
      String team,
      Duration backoff,
      Sleeper sleeper) {
    this.methods = methods;
    this.chatPost = chatPost;
    this.pacer = pacer;
    this.workspacePacer = workspacePacer;
    this.team = team;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.json =
        (url, body) -> {
          try (Response response = http.postJsonBody(url, body)) {
            return response.code();
          }
        };
  }

  /**
   * Answers a slash command through its {@code response_url} (Slack allows five answers within 30
   * minutes), visible only to the caller; unlike {@code chat.postEphemeral} this works in channels
   * the bot is not a member of. False when it could not be delivered.
   */
  public boolean respond(String responseUrl, SlackMessage message) {
    SlashCommandResponse body =
        SlashCommandResponse.builder()
            .responseType("ephemeral")
            .text(message.text())
            .blocks(message.blocks())
            .build();
    String reason = "no try";
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      Duration wait;
      try {
        int status = json.post(responseUrl, body);
        if (status >= 200 && status < 300) {
          return true;
        }
        reason = "HTTP " + status;
        if (status != 429 && status < 500) {
          log.warn("Slack response_url refused the answer: {}", reason);
          return false;
        }
        wait = status == 429 ? Duration.ofSeconds(1) : backoff(attempt);
      } catch (IOException e) {
        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        wait = backoff(attempt);
      }
      if (attempt < MAX_TRIES) {
        try {
          sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    log.warn("Slack response_url failed after {} tries: {}", MAX_TRIES, reason);
    return false;
  }

  /** Posts a message; returns Slack's answer, or empty when it could not be delivered. */
  public Optional<ChatPostMessageResponse> postMessage(String channel, SlackMessage message) {
    return call("chat.postMessage", channel, () -> chatPost.post(postRequest(channel, message)));
  }

  /** Posts a message only {@code user} sees in {@code channel}; false when it failed. */
  public boolean postEphemeral(String channel, String user, SlackMessage message) {
    return call(
            "chat.postEphemeral",
            channel,
            () ->
                methods.chatPostEphemeral(
                    r ->
                        r.channel(channel)
                            .user(user)
                            .text(message.text())
                            .blocks(message.blocks())))
        .isPresent();
  }

  /** The id of the bot's direct-message channel with {@code user}, opened if need be; cached. */
  public Optional<String> openDm(String user) {
    String known = dmChannels.get(user);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<String> opened =
        call(
                "conversations.open",
                null,
                () -> methods.conversationsOpen(r -> r.users(List.of(user)).returnIm(false)))
            .map(ConversationsOpenResponse::getChannel)
            .map(c -> c.getId());
    opened.ifPresent(id -> dmChannels.put(user, id));
    return opened;
  }

  /**
   * Posts a message (paced), for callers that must know why it failed. With {@code retryUncertain}
   * false, a timeout or 5xx is not retried here, since Slack may have posted the message: the
   * caller checks before trying again.
   */
  public Outcome<ChatPostMessageResponse> postMessageChecked(
      String channel, SlackMessage message, boolean retryUncertain) {
    return attempt(
        "chat.postMessage",
        channel,
        retryUncertain,
        () -> chatPost.post(postRequest(channel, message)));
  }

  private static ChatPostMessageRequest postRequest(String channel, SlackMessage message) {
    return ChatPostMessageRequest.builder()
        .channel(channel)
        .text(message.text())
        .blocks(message.blocks())
        .unfurlLinks(false)
        .unfurlMedia(false)
        .build();
  }

  /**
   * Replaces the content of the bot's message {@code ts} in {@code channel} ({@code chat.update}).
   * Not paced like new messages (Slack rates it by its method tier); retried like any call, since a
   * second identical edit changes nothing.
   */
  public Outcome<ChatUpdateResponse> updateMessageChecked(
      String channel, String ts, SlackMessage message) {
    return attempt(
        "chat.update",
        null,
        true,
        () ->
            methods.chatUpdate(
                r -> r.channel(channel).ts(ts).text(message.text()).blocks(message.blocks())));
  }

  /** Like {@link #openDm}, with the reason when it fails. */
  public Outcome<String> openDmChecked(String user) {
    String known = dmChannels.get(user);
    if (known != null) {
      return Outcome.ok(known);
    }
    Outcome<ConversationsOpenResponse> opened =
        attempt(
            "conversations.open",
            null,
            true,
            () -> methods.conversationsOpen(r -> r.users(List.of(user)).returnIm(false)));
    if (!opened.ok() || opened.response().get().getChannel() == null) {
      return opened.ok() ? Outcome.failed("no_channel", Optional.empty(), true) : opened.as();
    }
    String id = opened.response().get().getChannel().getId();
    dmChannels.put(user, id);
    return Outcome.ok(id);
  }

  /** Remembers a DM channel learnt from an event, saving a conversations.open later. */
  public void rememberDm(String user, String channel) {
    dmChannels.putIfAbsent(user, channel);
  }

  /** Publishes {@code user}'s Home tab; false when it failed. */
  public boolean publishHome(String user, List<LayoutBlock> blocks) {
    View view = View.builder().type("home").blocks(blocks).build();
    return call("views.publish", null, () -> methods.viewsPublish(r -> r.userId(user).view(view)))
        .isPresent();
  }

  /** Uploads a file into {@code channel} (files upload v2); false when it failed. */
  public boolean upload(String channel, Block.File file) {
    return call(
            "files.uploadV2",
            null,
            () -> {
              try {
                return methods.filesUploadV2(
                    r ->
                        r.channel(channel)
                            .filename(file.fileName())
                            .title(file.description())
                            .fileData(file.data())
                            .requestFileInfo(false));
              } catch (SlackFilesUploadV2Exception e) {
                throw new IOException("the upload was refused", e);
              }
            })
        .isPresent();
  }

  /** A user's profile (name and time zone), or empty when Slack would not say. */
  public Optional<User> userInfo(String user) {
    return call("users.info", null, () -> methods.usersInfo(r -> r.user(user)))
        .map(UsersInfoResponse::getUser);
  }

  private <T extends SlackApiTextResponse> Optional<T> call(
      String method, String pacedChannel, Call<T> call) {
    Outcome<T> outcome = attempt(method, pacedChannel, true, call);
    if (!outcome.ok() && !outcome.transientFailure() && !outcome.missingScope()) {
      log.warn("Slack {} failed: {}", method, outcome.error());
    }
    return outcome.response();
  }

  /**
   * Calls {@code method}, waiting out rate limits ({@code Retry-After}) and retrying transient
   * failures up to {@link #MAX_TRIES} times in all. With {@code retryUncertain} false, a failure
   * after which Slack may have done the work anyway (a timeout, HTTP 5xx, {@code internal_error})
   * is not retried here: the caller decides, since a second chat.postMessage would post twice. Logs
   * only transient give-ups and missing scopes (once per scope); the caller logs the rest.
   */
  <T extends SlackApiTextResponse> Outcome<T> attempt(
      String method, String pacedChannel, boolean retryUncertain, Call<T> call) {
    String reason = "no try";
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      Duration wait = Duration.ZERO;
      boolean uncertain = false;
      try {
        if (pacedChannel != null) {
          sleep(pacer.reserve(pacedChannel));
        }
        if (workspacePacer.isPresent() && method.equals("chat.postMessage")) {
          sleep(workspacePacer.get().reserve(team));
        }
        T response = call.call();
        if (response.isOk()) {
          return Outcome.ok(response);
        }
        String error = String.valueOf(response.getError());
        if (error.equals("ratelimited")) {
          reason = "rate limited";
          wait = Duration.ofSeconds(1);
        } else if (TRANSIENT_ERRORS.contains(error)) {
          reason = error;
          wait = backoff(attempt);
          uncertain = true;
        } else {
          Optional<String> needed =
              Optional.ofNullable(response.getNeeded()).filter(n -> !n.isBlank());
          if (error.equals(Outcome.MISSING_SCOPE)) {
            reportMissingScope(method, needed);
          } else {
            log.debug("Slack {} answered {}", method, error);
          }
          return Outcome.failed(error, needed, false);
        }
      } catch (SlackApiException e) {
        int status = e.getResponse().code();
        if (status == 429) {
          wait = retryAfter(e);
          reason = "rate limited (HTTP 429, Retry-After " + wait.toSeconds() + " s)";
        } else if (status >= 500) {
          reason = "HTTP " + status;
          wait = backoff(attempt);
          uncertain = true;
        } else {
          return Outcome.failed("HTTP " + status, Optional.empty(), false);
        }
      } catch (IOException e) {
        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        wait = backoff(attempt);
        uncertain = true;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        log.warn("Slack {} abandoned: interrupted", method);
        return Outcome.failed("interrupted", Optional.empty(), true);
      }
      if (uncertain && !retryUncertain) {
        log.warn("Slack {} failed: {}; Slack may or may not have done it", method, reason);
        return Outcome.failed(reason, Optional.empty(), true);
      }
      if (attempt < MAX_TRIES) {
        log.debug("Slack {} try {} failed ({}); retrying in {} ms", method, attempt, reason, wait);
        try {
          sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    log.warn("Slack {} failed after {} tries: {}", method, MAX_TRIES, reason);
    return Outcome.failed(reason, Optional.empty(), true);
  }

  /**
   * One clear line per missing scope: a workspace that installed an older manifest lacks the scopes
   * newer features need. Said once per scope and method, so a busy channel does not flood the log.
   */
  private void reportMissingScope(String method, Optional<String> needed) {
    String scope = needed.orElse("(Slack did not say which)");
    if (reportedScopes.add(method + " " + scope)) {
      log.warn(
          "Slack {} needs the scope {}, which this installation of the app lacks: reinstall the"
              + " app from slack-adapter/manifest.yml (see the README's Daily prompts section)",
          method,
          scope);
    }
  }

  private void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero() && !duration.isNegative()) {
      CoachMetrics.platformWait("slack", duration);
      sleeper.sleep(duration);
    }
  }

  private Duration backoff(int attempt) {
    long base = backoff.toMillis() << (attempt - 1);
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
  }

  private static Duration retryAfter(SlackApiException e) {
    String header = e.getResponse().header("Retry-After");
    try {
      long seconds = header == null ? 1 : Long.parseLong(header.strip());
      Duration wait = Duration.ofSeconds(Math.max(0, seconds));
      return wait.compareTo(MAX_RETRY_AFTER) > 0 ? MAX_RETRY_AFTER : wait;
    } catch (NumberFormatException ignored) {
      return Duration.ofSeconds(1);
    }
  }
}
