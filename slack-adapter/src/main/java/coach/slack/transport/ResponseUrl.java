package coach.slack.transport;

import static coach.slack.transport.SlackPoster.MAX_TRIES;

import coach.slack.transport.SlackRenderer.SlackMessage;
import com.slack.api.app_backend.slash_commands.response.SlashCommandResponse;
import com.slack.api.util.http.SlackHttpClient;
import java.io.IOException;
import java.time.Duration;
import okhttp3.Response;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers to slash commands through their {@code response_url}, visible only to the caller. A 429
 * waits a second and a 5xx or network failure backs off ({@link SlackRetries#backoff}), up to
 * {@link SlackPoster#MAX_TRIES} tries; any other refusal ends it at once. It never throws: a failed
 * answer is logged and returns false.
 */
final class ResponseUrl {

  private static final Logger log = LoggerFactory.getLogger(ResponseUrl.class);

  /** Posts a JSON body to a URL and returns the HTTP status; tests may replace it. */
  interface JsonPoster {
    int post(String url, Object body) throws IOException;
  }

  private final JsonPoster json;
  private final SlackRetries retries;

  ResponseUrl(SlackHttpClient http, SlackRetries retries) {
    this.retries = retries;
    this.json =
        (url, body) -> {
          try (Response response = http.postJsonBody(url, body)) {
            return response.code();
          }
        };
  }

  /** See {@link SlackPoster#respond}. */
  boolean respond(String responseUrl, SlackMessage message) {
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
        wait = status == 429 ? Duration.ofSeconds(1) : retries.backoff(attempt);
      } catch (IOException e) {
        reason = e.getClass().getSimpleName() + ": " + e.getMessage();
        wait = retries.backoff(attempt);
      }
      if (attempt < MAX_TRIES) {
        try {
          retries.sleep(wait);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return false;
        }
      }
    }
    log.warn("Slack response_url failed after {} tries: {}", MAX_TRIES, reason);
    return false;
  }
}
