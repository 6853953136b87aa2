package coach.slack.transport;

import static coach.slack.transport.SlackPoster.MAX_TRIES;

import coach.core.health.CoachMetrics;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.SlackApiTextResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Slack's manners for one Web API call ({@link #attempt}): it waits for its slot in the channel's
 * pace (and a {@code chat.postMessage} for one in the workspace's, with a {@link WorkspacePacer}),
 * a 429 waits the {@code Retry-After} it names (60 s at the most), other transient failures are
 * retried with exponential backoff and jitter, and after the last of {@link SlackPoster#MAX_TRIES}
 * tries it gives up with the reason. Waits block the calling thread. It logs under {@link
 * SlackPoster}'s name, since the calls its lines report are SlackPoster's.
 */
final class SlackRetries {

  private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);

  private static final Duration MAX_RETRY_AFTER = Duration.ofSeconds(60);
  private static final Set<String> TRANSIENT_ERRORS =
      Set.of("internal_error", "fatal_error", "service_unavailable", "request_timeout");

  /** One Web API request, made again on each try. */
  @FunctionalInterface
  interface Call<T extends SlackApiTextResponse> {
    T call() throws IOException, SlackApiException;
  }

  private final ChannelPacer pacer;
  private final Optional<WorkspacePacer> workspacePacer;
  private final String team;
  private final Duration backoff;
  private final SlackPoster.Sleeper sleeper;
  private final Set<String> reportedScopes = ConcurrentHashMap.newKeySet();

  /**
   * @param backoff wait before the second try; doubled before the third
   */
  SlackRetries(
      ChannelPacer pacer,
      Optional<WorkspacePacer> workspacePacer,
      String team,
      Duration backoff,
      SlackPoster.Sleeper sleeper) {
    this.pacer = pacer;
    this.workspacePacer = workspacePacer;
    this.team = team;
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * Calls {@code method}, waiting out rate limits ({@code Retry-After}) and retrying transient
   * failures up to {@link SlackPoster#MAX_TRIES} times in all. With {@code retryUncertain} false, a
   * failure after which Slack may have done the work anyway (a timeout, HTTP 5xx, {@code
   * internal_error}) is not retried here: the caller decides, since a second chat.postMessage would
   * post twice. Logs only transient give-ups and missing scopes (once per scope); the caller logs
   * the rest.
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

  /**
   * Waits {@code duration} on the calling thread (not at all unless positive), counted as platform
   * wait.
   */
  void sleep(Duration duration) throws InterruptedException {
    if (!duration.isZero() && !duration.isNegative()) {
      CoachMetrics.platformWait("slack", duration);
      sleeper.sleep(duration);
    }
  }

  /** The wait after the {@code attempt}-th failed try: the backoff doubled per try, with jitter. */
  Duration backoff(int attempt) {
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
