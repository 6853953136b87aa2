package coach.slack.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackPublishing;
import coach.slack.transport.SlackRenderer.SlackMessage;
import coach.slack.transport.SlackText;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts daily prompts in Slack channels ({@code chat.postMessage}, paced per channel like every
 * message) and tells organisers by DM. The post's thread is its discussion, so the receipt names
 * the post's {@code ts} twice. A post after an earlier one carries a link to that one's thread and
 * the core's summary of it. Slack's refusals become one sentence an organiser can act on.
 *
 * <p>A post whose answer was lost (a timeout, HTTP 5xx) may have gone out: before trying it again,
 * the channel's history is searched for it, so a retry never posts twice.
 */
final class SlackDailyPublisher implements DailyPublisher {

  private static final Logger log = LoggerFactory.getLogger(SlackDailyPublisher.class);

  private static final Pattern PERMALINK = Pattern.compile("https?://[^\\s|<>]+");

  private final SlackPoster poster;
  private final SlackChannelCalls calls;
  private final SlackPublishing publishing;
  private final Map<String, Instant> uncertain = new ConcurrentHashMap<>();

  SlackDailyPublisher(SlackPoster poster, SlackChannelCalls calls, SlackPublishing publishing) {
    this.poster = poster;
    this.calls = calls;
    this.publishing = publishing;
  }

  @Override
  public Receipt publish(DailyPost post) throws PublishException {
    String channel = publishing.channelId(post.channel());
    Optional<String> found = alreadyPosted(channel, post.postId());
    if (found.isPresent()) {
      log.info("the {} post of {} had gone out after all", post.date(), post.channel());
      return new Receipt(found.get(), found.get());
    }
    List<SlackMessage> messages = publishing.renderer().render(post.body()).messages();
    Optional<String> link =
        post.previous()
            .flatMap(p -> p.messageRef())
            .flatMap(ts -> calls.permalink(channel, ts))
            .filter(p -> PERMALINK.matcher(p).matches());
    SlackMessage first = withPrevious(messages.get(0), link, post.previousSummary());
    Instant tried = Instant.now();
    Outcome<ChatPostMessageResponse> posted = poster.postMessageChecked(channel, first, false);
    if (!posted.ok()) {
      if (posted.transientFailure()) {
        uncertain.putIfAbsent(post.postId(), tried);
      }
      throw failure(posted);
    }
    uncertain.remove(post.postId());
    String ts = posted.response().get().getTs();
    for (SlackMessage more : messages.subList(1, messages.size())) {
      poster.postMessage(channel, more);
    }
    return new Receipt(ts, ts);
  }

  @Override
  public void directMessage(UserId user, Reply message) throws PublishException {
    publishing.directMessage(user, message);
  }

  /**
   * When an earlier try of this post ended without an answer, the ts of the post if it is in the
   * channel after all (found by its My feedback button, which names the post).
   */
  private Optional<String> alreadyPosted(String channel, String postId) {
    Instant since = uncertain.get(postId);
    if (since == null) {
      return Optional.empty();
    }
    Outcome<Optional<String>> found =
        calls.findByButton(channel, since, DailyPrompts.FEEDBACK_ACTION + ":" + postId);
    if (!found.ok()) {
      log.warn(
          "could not check whether the post {} went out ({}); posting it again",
          postId,
          found.error());
      return Optional.empty();
    }
    return found.response().get();
  }

  /**
   * The post with a line before its buttons: a link to the previous post's thread and the core's
   * summary of it (concepts, never names). The summary is escaped like all text.
   */
  static SlackMessage withPrevious(
      SlackMessage message, Optional<String> permalink, Optional<String> summary) {
    if (permalink.isEmpty() && summary.isEmpty()) {
      return message;
    }
    StringBuilder line = new StringBuilder();
    permalink.ifPresent(p -> line.append('<').append(p).append("|Previous question's thread>"));
    summary.ifPresent(
        s ->
            line.append(line.length() > 0 ? ": " : "")
                .append(SlackText.truncate(SlackText.escape(s), 2500)));
    ContextBlock context =
        ContextBlock.builder()
            .elements(
                List.of(MarkdownTextObject.builder().text(line.toString()).verbatim(true).build()))
            .build();
    List<LayoutBlock> blocks = new ArrayList<>(message.blocks());
    int at = blocks.size();
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i) instanceof ActionsBlock) {
        at = i;
        break;
      }
    }
    blocks.add(at, context);
    return new SlackMessage(message.text(), blocks);
  }

  /** Slack's refusal as one sentence an organiser can act on. */
  static PublishException failure(Outcome<?> outcome) {
    return SlackPublishing.failure(outcome, "set up daily prompts in another channel");
  }
}
