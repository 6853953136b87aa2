package coach.slack.transport;

import java.util.Optional;

/**
 * How a Web API call ended: Slack's answer, or its error code ({@code not_in_channel}, {@code
 * missing_scope} with the {@code neededScope}, "HTTP 503" ...) and whether trying again later may
 * help by itself.
 */
public record Outcome<T>(
    Optional<T> response, String error, Optional<String> neededScope, boolean transientFailure) {

  /** Slack's error when the token lacks a scope; its answer names the scope in {@code needed}. */
  public static final String MISSING_SCOPE = "missing_scope";

  static <T> Outcome<T> ok(T response) {
    return new Outcome<>(Optional.of(response), "", Optional.empty(), false);
  }

  static <T> Outcome<T> failed(String error, Optional<String> needed, boolean transientFailure) {
    return new Outcome<>(Optional.empty(), error, needed, transientFailure);
  }

  public boolean ok() {
    return response.isPresent();
  }

  public boolean missingScope() {
    return error.equals(MISSING_SCOPE);
  }

  /** The same failure for another answer type. */
  <U> Outcome<U> as() {
    return new Outcome<>(Optional.empty(), error, neededScope, transientFailure);
  }
}
