package coach.slack.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackRenderer.SlackMessage;
import coach.slack.transport.SlackText;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;
import com.slack.api.model.Message;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
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

  /** How far before the first uncertain try the history is searched, for clock differences. */
  private static final long HISTORY_MARGIN_SECONDS = 120;

  private final SlackPoster poster;
  private final SlackChannelCalls calls;
  private final SlackRenderer renderer;
  private final String teamId;
  private final Map<String, Instant> uncertain = new ConcurrentHashMap<>();

  SlackDailyPublisher(
      SlackPoster poster, SlackChannelCalls calls, SlackRenderer renderer, String teamId) {
    this.poster = poster;
    this.calls = calls;
    this.renderer = renderer;
    this.teamId = teamId;
  }

  @Override
  public Receipt publish(DailyPost post) throws PublishException {
    if (!post.channel().workspace().equals(teamId)) {
      throw new PublishException(
          "The channel is in another Slack workspace ("
              + post.channel().workspace()
              + ") than the one Coach is connected to ("
              + teamId
              + ").",
          true);
    }
    String channel = post.channel().channel();
    Optional<String> found = alreadyPosted(channel, post.postId());
    if (found.isPresent()) {
      log.info("the {} post of {} had gone out after all", post.date(), post.channel());
      return new Receipt(found.get(), found.get());
    }
    List<SlackMessage> messages = renderer.render(post.body()).messages();
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
    String[] parts = user.value().split(":");
    if (!user.platform().equals("slack") || !parts[1].equals(teamId)) {
      throw new PublishException("Coach can't reach " + user + " from this workspace.", true);
    }
    Outcome<String> dm = poster.openDmChecked(parts[2]);
    if (!dm.ok()) {
      throw failure(dm);
    }
    for (SlackMessage m : renderer.render(message).messages()) {
      Outcome<ChatPostMessageResponse> sent =
          poster.postMessageChecked(dm.response().get(), m, true);
      if (!sent.ok()) {
        throw failure(sent);
      }
    }
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
    String oldest = (since.getEpochSecond() - HISTORY_MARGIN_SECONDS) + ".000000";
    Outcome<List<Message>> history = calls.history(channel, oldest, 100);
    if (!history.ok()) {
      log.warn(
          "could not check whether the post {} went out ({}); posting it again",
          postId,
          history.error());
      return Optional.empty();
    }
    String button = DailyPrompts.FEEDBACK_ACTION + ":" + postId;
    for (Message message : history.response().get()) {
      if (message.getBlocks() != null && names(message.getBlocks(), button)) {
        return Optional.ofNullable(message.getTs());
      }
    }
    return Optional.empty();
  }

  private static boolean names(List<LayoutBlock> blocks, String actionId) {
    for (LayoutBlock block : blocks) {
      if (block instanceof ActionsBlock actions && actions.getElements() != null) {
        for (BlockElement element : actions.getElements()) {
          if (element instanceof ButtonElement button
              && button.getActionId() != null
              && SlackRenderer.coreActionId(button.getActionId()).equals(actionId)) {
            return true;
          }
        }
      }
    }
    return false;
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
    String error = outcome.error();
    return switch (error) {
      case "not_in_channel" ->
          new PublishException(
              "Coach is no longer a member of the channel: invite it back with `/invite @Coach`.",
              true);
      case "channel_not_found" ->
          new PublishException(
              "Slack says the channel doesn't exist or Coach can't see it (it was deleted, or"
                  + " Coach was removed from a private channel): invite Coach back with `/invite"
                  + " @Coach`, or set up daily prompts in another channel.",
              true);
      case "is_archived" ->
          new PublishException(
              "The channel is archived: unarchive it, or set up daily prompts in another channel.",
              true);
      case Outcome.MISSING_SCOPE ->
          new PublishException(
              "Coach's Slack app lacks the "
                  + outcome.neededScope().map(s -> "`" + s + "` ").orElse("")
                  + "permission: a workspace admin needs to reinstall it from its current"
                  + " manifest.",
              true);
      case "account_inactive", "invalid_auth", "token_revoked", "token_expired", "not_authed" ->
          new PublishException(
              "Slack no longer accepts Coach's bot token ("
                  + error
                  + "): the app was uninstalled or the token revoked. Reinstall the app and"
                  + " update SLACK_BOT_TOKEN.",
              true);
      case "restricted_action",
          "restricted_action_read_only_channel",
          "restricted_action_non_threadable_channel" ->
          new PublishException(
              "The channel's settings don't let Coach post there (" + error + ").", true);
      default ->
          outcome.transientFailure()
              ? new PublishException(
                  "Slack didn't take the post (" + error + "); it will be tried again.", false)
              : new PublishException("Slack refused the post (" + error + ").", true);
    };
  }
}
