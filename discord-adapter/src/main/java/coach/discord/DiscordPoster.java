package coach.discord;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.requests.Response;
import net.dv8tion.jda.api.requests.RestAction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound REST calls with retries. JDA already keeps Discord's rate limits (per-route buckets and
 * the global limit, waiting out a 429's {@code retry_after}) and retries a few gateway errors (502,
 * 503, 504...); on top of that a failed call that may succeed later (a server error, a network
 * error) is tried again with exponential backoff, up to {@link #MAX_TRIES} tries. After the last
 * try, or at once for a failure no retry can fix (a user who does not accept DMs, a missing
 * permission), the reason is logged and the call gives up: it never throws and never fails
 * silently. Calls block, so make them from a worker thread, never from JDA's event thread.
 */
final class DiscordPoster {

  private static final Logger log = LoggerFactory.getLogger(DiscordPoster.class);

  /** Tries per call, the first included. */
  static final int MAX_TRIES = 3;

  /** Waits; tests may replace it. */
  interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  private final Duration backoff;
  private final Sleeper sleeper;

  DiscordPoster(Duration backoff) {
    this(backoff, d -> Thread.sleep(d.toMillis()));
  }

  DiscordPoster(Duration backoff, Sleeper sleeper) {
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * Runs the action built by {@code action} (built afresh for each try) and waits for its result.
   *
   * @param what what is being done, for the log ("sending a message to channel 42")
   * @return the result, or empty when it failed for good (the reason is logged)
   */
  <T> Optional<T> call(String what, Supplier<? extends RestAction<T>> action) {
    String reason = "no try";
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      try {
        return Optional.ofNullable(action.get().complete());
      } catch (ErrorResponseException e) {
        reason = describe(e);
        if (!retryable(e)) {
          log.warn("Discord: {} failed: {}", what, reason);
          return Optional.empty();
        }
      } catch (RuntimeException e) {
        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        if (e instanceof IllegalArgumentException || e instanceof IllegalStateException) {
          // JDA refused the request before sending it (a limit, a permission): no retry helps.
          log.warn("Discord: {} failed: {}", what, reason);
          return Optional.empty();
        }
      }
      if (attempt < MAX_TRIES) {
        Duration wait = backoff(attempt);
        log.debug("Discord: {} try {} failed ({}); retrying in {}", what, attempt, reason, wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    log.warn("Discord: {} failed after {} tries: {}", what, MAX_TRIES, reason);
    return Optional.empty();
  }

  /** A server error or a network failure may pass; a refusal (4xx) will not. */
  static boolean retryable(ErrorResponseException e) {
    Response response = e.getResponse();
    return e.isServerError()
        || response == null
        || response.getException() != null
        || response.code >= 500
        || response.code < 0;
  }

  private static String describe(ErrorResponseException e) {
    Response response = e.getResponse();
    String status = response == null ? "no response" : "HTTP " + response.code;
    return status + ", Discord error " + e.getErrorCode() + " (" + e.getMeaning() + ")";
  }

  private Duration backoff(int attempt) {
    long base = backoff.toMillis() << (attempt - 1);
    return Duration.ofMillis(base + ThreadLocalRandom.current().nextLong(base / 4 + 1));
  }
}
