package coach.slack.transport;

import coach.core.chat.Reply.Block;
import coach.slack.transport.SlackRenderer.SlackMessage;
import com.slack.api.methods.MethodsClient;
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
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outbound Web API calls with Slack's manners: messages are paced per channel (and posts per
 * workspace, with a {@link WorkspacePacer}), a 429 waits the {@code Retry-After} it names, other
 * transient failures are retried with exponential backoff, and after the last of {@link #MAX_TRIES}
 * tries the reason is logged and the call gives up (returns empty or false; it never throws).
 * Tokens never reach the log. Calls block the calling thread while they wait, so call them from a
 * worker, never from an ack. This class says what each call sends and returns, and remembers the
 * bot's DM channels; the manners are {@link SlackRetries}', answers to a slash command's {@code
 * response_url} {@link ResponseUrl}'s.
 */
public final class SlackPoster {

  private static final Logger log = LoggerFactory.getLogger(SlackPoster.class);

  /** Tries per call, the first included. */
  public static final int MAX_TRIES = 3;

  /** Waits; tests may replace it. */
  public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;
  }

  /** Waits on the calling thread. */
  public static final Sleeper THREAD_SLEEP =
      d -> Thread.sleep(d.toMillis(), d.toNanosPart() % 1_000_000);

  private final MethodsClient methods;
  private final ChatPost.Sender chatPost;
  private final SlackRetries retries;
  private final ResponseUrl responses;
  private final Map<String, String> dmChannels = new ConcurrentHashMap<>();

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
    this.retries = new SlackRetries(pacer, workspacePacer, team, backoff, sleeper);
    this.responses = new ResponseUrl(http, retries);
  }

  /**
   * Answers a slash command through its {@code response_url} (Slack allows five answers within 30
   * minutes), visible only to the caller; unlike {@code chat.postEphemeral} this works in channels
   * the bot is not a member of. False when it could not be delivered.
   */
  public boolean respond(String responseUrl, SlackMessage message) {
    return responses.respond(responseUrl, message);
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
      String method, String pacedChannel, SlackRetries.Call<T> call) {
    Outcome<T> outcome = attempt(method, pacedChannel, true, call);
    if (!outcome.ok() && !outcome.transientFailure() && !outcome.missingScope()) {
      log.warn("Slack {} failed: {}", method, outcome.error());
    }
    return outcome.response();
  }

  /** See {@link SlackRetries#attempt}. */
  <T extends SlackApiTextResponse> Outcome<T> attempt(
      String method, String pacedChannel, boolean retryUncertain, SlackRetries.Call<T> call) {
    return retries.attempt(method, pacedChannel, retryUncertain, call);
  }
}
