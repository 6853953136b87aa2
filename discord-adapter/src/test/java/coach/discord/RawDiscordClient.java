package coach.discord;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A bare HTTP and WebSocket client for the loopback Discord, for tests of the fake itself: it sends
 * exactly the request a test writes, with no library in between to tidy it up.
 */
final class RawDiscordClient implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(10);

  /** A REST answer: status and JSON body (an empty object for 204). */
  record Response(int status, JsonNode body) {
    int code() {
      return body.path("code").asInt(-1);
    }
  }

  private final FakeDiscord discord;
  private final HttpClient http = HttpClient.newHttpClient();
  private final BlockingQueue<JsonNode> received = new LinkedBlockingQueue<>();
  private final CompletableFuture<Integer> closeCode = new CompletableFuture<>();
  private WebSocket socket;

  RawDiscordClient(FakeDiscord discord) {
    this.discord = discord;
  }

  /** {@code METHOD /api/v10/PATH} with a JSON body (or none) and an Authorization header. */
  Response rest(String method, String path, String json, String authorization) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(discord.apiUrl().resolve(path)).timeout(WAIT);
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    if (json == null) {
      request.method(method, HttpRequest.BodyPublishers.noBody());
    } else {
      request.header("Content-Type", "application/json");
      request.method(method, HttpRequest.BodyPublishers.ofString(json));
    }
    return send(request.build());
  }

  private Response send(HttpRequest request) {
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      String body = response.body().isBlank() ? "{}" : response.body();
      return new Response(response.statusCode(), JSON.readTree(body));
    } catch (IOException e) {
      throw new AssertionError(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /**
   * {@code POST /api/v10/PATH} as multipart form data, the way files are uploaded: the JSON in
   * {@code payload_json} and {@code files} small files {@code files[0]}, {@code files[1]}...
   */
  Response upload(String path, String json, int files) {
    String boundary = "coach-test-boundary";
    StringBuilder form = new StringBuilder();
    form.append("--").append(boundary).append("\r\n");
    form.append("Content-Disposition: form-data; name=\"payload_json\"\r\n");
    form.append("Content-Type: application/json\r\n\r\n").append(json).append("\r\n");
    for (int i = 0; i < files; i++) {
      form.append("--").append(boundary).append("\r\n");
      form.append("Content-Disposition: form-data; name=\"files[").append(i).append("]\"; ");
      form.append("filename=\"f").append(i).append(".txt\"\r\n");
      form.append("Content-Type: text/plain\r\n\r\n").append("file ").append(i).append("\r\n");
    }
    form.append("--").append(boundary).append("--\r\n");
    HttpRequest request =
        HttpRequest.newBuilder(discord.apiUrl().resolve(path))
            .timeout(WAIT)
            .header("Authorization", "Bot " + FakeDiscord.TOKEN)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(form.toString()))
            .build();
    return send(request);
  }

  /** The same with the bot's token. */
  Response rest(String method, String path, String json) {
    return rest(method, path, json, "Bot " + FakeDiscord.TOKEN);
  }

  /** Opens the gateway and returns HELLO. */
  JsonNode connect() {
    socket =
        http.newWebSocketBuilder()
            .buildAsync(discord.gatewayUrl(), new Listener())
            .orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS)
            .join();
    return next();
  }

  /** Sends one gateway payload. */
  void send(String json) {
    socket.sendText(json, true).orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  /** Opens the gateway and identifies with the bot token; returns READY's data. */
  JsonNode identify() {
    connect();
    send("{\"op\":2,\"d\":{\"token\":\"" + FakeDiscord.TOKEN + "\",\"intents\":4096}}");
    return next().path("d");
  }

  /** The next payload the gateway sent. */
  JsonNode next() {
    try {
      JsonNode payload = received.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
      if (payload == null) {
        throw new AssertionError("the gateway sent nothing");
      }
      return payload;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** The close code the gateway closed the socket with. */
  int awaitClose() {
    return closeCode.orTimeout(WAIT.toMillis(), TimeUnit.MILLISECONDS).join();
  }

  @Override
  public void close() {
    if (socket != null) {
      socket.abort();
    }
  }

  private final class Listener implements WebSocket.Listener {
    private final StringBuilder text = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
      text.append(data);
      if (last) {
        try {
          received.add(JSON.readTree(text.toString()));
        } catch (IOException e) {
          throw new IllegalStateException(e);
        }
        text.setLength(0);
      }
      webSocket.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
      closeCode.complete(statusCode);
      return null;
    }
  }
}
