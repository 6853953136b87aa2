package coach.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/** A bare HTTP client for FakeSlack's own tests: form posts as Slack's clients send them. */
final class FakeSlackWebApi {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  /** An HTTP answer: status, Retry-After (if any) and the JSON body. */
  record Answer(int status, Optional<String> retryAfter, JsonNode body) {
    boolean ok() {
      return body.path("ok").asBoolean();
    }

    String error() {
      return body.path("error").asText();
    }
  }

  private final URI base;

  FakeSlackWebApi(URI base) {
    this.base = base;
  }

  /** POSTs {@code params} form-encoded to {@code method}, with a bearer token unless null. */
  Answer call(String method, String token, Map<String, String> params) {
    String form =
        params.entrySet().stream()
            .map(
                e ->
                    URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8)
                        + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    HttpRequest.Builder request =
        HttpRequest.newBuilder(base.resolve(method))
            .header("Content-Type", "application/x-www-form-urlencoded")
            .POST(HttpRequest.BodyPublishers.ofString(form));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return send(request.build());
  }

  /** A bot-token call. */
  Answer bot(String method, Map<String, String> params) {
    return call(method, FakeSlack.BOT_TOKEN, params);
  }

  /** POSTs raw bytes (a file upload) or a JSON body (a response_url answer) to a URL. */
  Answer post(String url, byte[] body, String contentType) {
    return send(
        HttpRequest.newBuilder(URI.create(url))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build());
  }

  private static Answer send(HttpRequest request) {
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      JsonNode body;
      try {
        body = JSON.readTree(response.body());
      } catch (Exception notJson) {
        body = JSON.createObjectNode().put("text", response.body());
      }
      return new Answer(response.statusCode(), response.headers().firstValue("Retry-After"), body);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
