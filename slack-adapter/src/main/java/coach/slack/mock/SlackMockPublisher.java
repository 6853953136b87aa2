package coach.slack.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPublisher.PublishException;
import coach.core.mock.MockPublisher;
import coach.core.mock.MockSessions;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackPublishing;
import coach.slack.transport.SlackRenderer.SlackMessage;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.methods.response.chat.ChatUpdateResponse;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mock sessions' messages on Slack: the announcement is posted in its channel ({@code
 * chat.postMessage}, paced like every message) and edited in place ({@code chat.update}, its {@code
 * ts} being the announcement's id); everything else is a DM. Slack has no calendar events, so the
 * session's {@code .ics} file stands in for one. An announcement whose answer was lost (a timeout,
 * HTTP 5xx) may have gone out: before it is tried again the channel's history is searched for its
 * Going button, so a retry never posts twice.
 */
final class SlackMockPublisher implements MockPublisher {

  private static final Logger log = LoggerFactory.getLogger(SlackMockPublisher.class);

  private static final String ELSEWHERE = "schedule the session in another channel";

  private final SlackPoster poster;
  private final SlackChannelCalls calls;
  private final SlackPublishing publishing;
  private final Map<String, Instant> uncertain = new ConcurrentHashMap<>();

  SlackMockPublisher(SlackPoster poster, SlackChannelCalls calls, SlackPublishing publishing) {
    this.poster = poster;
    this.calls = calls;
    this.publishing = publishing;
  }

  @Override
  public String announce(ChannelRef channel, Reply announcement) throws PublishException {
    String id = publishing.channelId(channel);
    Optional<String> going = goingButton(announcement);
    Optional<String> found = going.flatMap(button -> alreadyPosted(id, button));
    if (found.isPresent()) {
      log.info("the announcement {} had gone out after all", going.get());
      return found.get();
    }
    List<SlackMessage> messages = publishing.renderer().render(announcement).messages();
    Instant tried = Instant.now();
    Outcome<ChatPostMessageResponse> posted = poster.postMessageChecked(id, messages.get(0), false);
    if (!posted.ok()) {
      if (posted.transientFailure() && going.isPresent()) {
        uncertain.putIfAbsent(going.get(), tried);
      }
      throw SlackPublishing.failure(posted, ELSEWHERE);
    }
    going.ifPresent(uncertain::remove);
    for (SlackMessage more : messages.subList(1, messages.size())) {
      poster.postMessage(id, more);
    }
    return posted.response().get().getTs();
  }

  @Override
  public void updateAnnouncement(ChannelRef channel, String messageRef, Reply announcement)
      throws PublishException {
    String id = publishing.channelId(channel);
    List<SlackMessage> messages = publishing.renderer().render(announcement).messages();
    if (messages.size() > 1) {
      log.warn("the announcement in {} outgrew one message; only its first part is updated", id);
    }
    Outcome<ChatUpdateResponse> updated =
        poster.updateMessageChecked(id, messageRef, messages.get(0));
    if (!updated.ok()) {
      throw SlackPublishing.failure(updated, ELSEWHERE);
    }
  }

  @Override
  public void directMessage(UserId user, Reply message) throws PublishException {
    publishing.directMessage(user, message);
  }

  /** The id of the announcement's Going button, which names its session. */
  private static Optional<String> goingButton(Reply announcement) {
    return announcement.blocks().stream()
        .filter(b -> b instanceof Reply.Block.Choices)
        .flatMap(b -> ((Reply.Block.Choices) b).choices().stream())
        .map(Reply.Block.Choice::actionId)
        .filter(id -> id.startsWith(MockSessions.GOING + ":"))
        .findFirst();
  }

  private Optional<String> alreadyPosted(String channel, String button) {
    Instant since = uncertain.get(button);
    if (since == null) {
      return Optional.empty();
    }
    Outcome<Optional<String>> found = calls.findByButton(channel, since, button);
    if (!found.ok()) {
      log.warn(
          "could not check whether the announcement {} went out ({}); posting it again",
          button,
          found.error());
      return Optional.empty();
    }
    return found.response().get();
  }
}
