package coach.discord.transport;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import net.dv8tion.jda.api.exceptions.ErrorResponseException;
import net.dv8tion.jda.api.exceptions.PermissionException;
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
 * permission), the call gives up: {@link #call} logs the reason and returns empty, {@link #require}
 * throws it as a {@link Failure} for the caller to report. Neither fails silently. Calls block, so
 * make them from a worker thread, never from JDA's event thread.
 */
public final class DiscordPoster {

  private static final Logger log = LoggerFactory.getLogger(DiscordPoster.class);

  /** Tries per call, the first included. */
  public static final int MAX_TRIES = 3;

  /** Waits; tests may replace it. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /**
   * A call that failed for good: Discord's HTTP status and JSON error code when it answered, and
   * whether a later try might succeed (a server error, a timeout) or not (a refusal).
   */
  public static final class Failure extends Exception {
    private final int status;
    private final int code;
    private final boolean retryable;
    private final int tries;

    Failure(String reason, int status, int code, boolean retryable, int tries, Throwable cause) {
      super(reason, cause);
      this.status = status;
      this.code = code;
      this.retryable = retryable;
      this.tries = tries;
    }

    /** The HTTP status Discord answered with, or -1 when there was no answer. */
    public int status() {
      return status;
    }

    /** Discord's JSON error code (10003 Unknown Channel, 50001 Missing Access...), or 0. */
    public int code() {
      return code;
    }

    /** Whether trying again later might succeed (a server error, a network error). */
    public boolean retryable() {
      return retryable;
    }

    /** JDA refused the request before sending it, for lack of a permission it knows about. */
    public boolean missingPermission() {
      return getCause() instanceof PermissionException;
    }
  }

  private final Duration backoff;
  private final Sleeper sleeper;

  public DiscordPoster(Duration backoff) {
    this(backoff, d -> Thread.sleep(d.toMillis()));
  }

  public DiscordPoster(Duration backoff, Sleeper sleeper) {
    this.backoff = backoff;
    this.sleeper = sleeper;
  }

  /**
   * Runs the action built by {@code action} (built afresh for each try) and waits for its result.
   *
   * @param what what is being done, for the log ("sending a message to channel 42")
   * @return the result, or empty when it failed for good (the reason is logged)
   */
  public <T> Optional<T> call(String what, Supplier<? extends RestAction<T>> action) {
    try {
      return Optional.ofNullable(require(what, action));
    } catch (Failure e) {
      if (e.tries > 1) {
        log.warn("Discord: {} failed after {} tries: {}", what, e.tries, e.getMessage());
      } else {
        log.warn("Discord: {} failed: {}", what, e.getMessage());
      }
      return Optional.empty();
    }
  }

  /**
   * Like {@link #call}, but a failure is thrown for the caller to report (nothing is logged above
   * debug level here).
   *
   * @throws Failure after the last try, or at once for a failure no retry can fix
   */
  public <T> T require(String what, Supplier<? extends RestAction<T>> action) throws Failure {
    Failure failure = null;
    for (int attempt = 1; attempt <= MAX_TRIES; attempt++) {
      try {
        return action.get().complete();
      } catch (ErrorResponseException e) {
        Response response = e.getResponse();
        int status = response == null ? -1 : response.code;
        failure = new Failure(describe(e), status, e.getErrorCode(), retryable(e), attempt, e);
      } catch (IllegalArgumentException | IllegalStateException | PermissionException e) {
        // JDA refused the request before sending it (a limit, a permission): no retry helps.
        failure = new Failure(reason(e), -1, 0, false, attempt, e);
      } catch (RuntimeException e) {
        failure = new Failure(reason(e), -1, 0, true, attempt, e);
      }
      if (!failure.retryable()) {
        throw failure;
      }
      if (attempt < MAX_TRIES) {
        Duration wait = backoff(attempt);
        log.debug(
            "Discord: {} try {} failed ({}); retrying in {}",
            what,
            attempt,
            failure.getMessage(),
            wait);
        try {
          sleeper.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    throw new Failure(
        failure.getMessage(), failure.status, failure.code, true, MAX_TRIES, failure.getCause());
  }

  /** A server error or a network failure may pass; a refusal (4xx) will not. */
  public static boolean retryable(ErrorResponseException e) {
    Response response = e.getResponse();
    return e.isServerError()
        || response == null
        || response.getException() != null
        || response.code >= 500
        || response.code < 0;
  }

  private static String reason(RuntimeException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
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
