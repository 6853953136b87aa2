package coach.slack.transport;

import com.google.gson.Gson;
import com.slack.api.SlackConfig;
import com.slack.api.methods.Methods;
import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.RequestFormBuilder;
import com.slack.api.methods.SlackApiException;
import com.slack.api.methods.request.chat.ChatPostMessageRequest;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import java.io.IOException;
import okhttp3.Response;
import okhttp3.ResponseBody;

/**
 * {@code chat.postMessage}, the bot's most frequent call, sent like the SDK's own ({@link
 * RequestFormBuilder}, the bearer token, the same HTTP client) but read with one Gson kept for
 * every answer. The SDK builds a new Gson for each response, and with it the type adapters of the
 * response's whole class graph; that took about a quarter of an event handler's CPU under load.
 * Failures surface as the SDK's do: a non-2xx answer throws {@link SlackApiException} carrying the
 * response (so {@code Retry-After} is read the same way).
 */
public final class ChatPost {

  /** Posts one message. */
  @FunctionalInterface
  public interface Sender {
    ChatPostMessageResponse post(ChatPostMessageRequest request)
        throws IOException, SlackApiException;
  }

  private final MethodsClient methods;
  private final String token;
  private final Gson gson;

  /**
   * @param methods the Web API client to send through
   * @param token the bot token (sent as a bearer header, never logged)
   */
  public ChatPost(MethodsClient methods, String token, SlackConfig config) {
    this.methods = methods;
    this.token = token;
    this.gson = com.slack.api.util.json.GsonFactory.createSnakeCase(config);
  }

  /** Posts {@code request}; Slack's answer, ok or not, or an exception like the SDK's. */
  public ChatPostMessageResponse post(ChatPostMessageRequest request)
      throws IOException, SlackApiException {
    try (Response response =
        methods.runPostFormWithToken(
            RequestFormBuilder.toForm(request), Methods.CHAT_POST_MESSAGE, token)) {
      ResponseBody body = response.body();
      String text = body == null ? "" : body.string();
      if (!response.isSuccessful()) {
        throw new SlackApiException(response, text);
      }
      return gson.fromJson(text, ChatPostMessageResponse.class);
    }
  }
}
