package coach.slack.transport;

import com.slack.api.methods.MethodsClient;
import com.slack.api.methods.response.chat.ChatGetPermalinkResponse;
import com.slack.api.methods.response.conversations.ConversationsHistoryResponse;
import com.slack.api.methods.response.conversations.ConversationsInfoResponse;
import com.slack.api.methods.response.reactions.ReactionsAddResponse;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.Conversation;
import com.slack.api.model.Message;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import com.slack.api.model.view.View;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Web API calls about team channels (and the forms opened from them), with {@link SlackPoster}'s
 * manners (rate limits, retries, one log line per missing scope): a channel's details, links to
 * messages, reactions and history.
 */
public final class SlackChannelCalls {

  private static final Logger log = LoggerFactory.getLogger(SlackChannelCalls.class);

  private final MethodsClient methods;
  private final SlackPoster poster;

  public SlackChannelCalls(MethodsClient methods, SlackPoster poster) {
    this.methods = methods;
    this.poster = poster;
  }

  /** Opens a modal in answer to the interaction of {@code triggerId} (valid for 3 s). */
  public Outcome<ViewsOpenResponse> openModal(String triggerId, View view) {
    Outcome<ViewsOpenResponse> opened =
        poster.attempt(
            "views.open",
            null,
            true,
            () -> methods.viewsOpen(r -> r.triggerId(triggerId).view(view)));
    if (!opened.ok() && !opened.transientFailure() && !opened.missingScope()) {
      log.warn("Slack views.open failed: {}", opened.error());
    }
    return opened;
  }

  /** A channel's details ({@code conversations.info}): membership, creator, archived. */
  public Outcome<Conversation> conversationInfo(String channel) {
    Outcome<ConversationsInfoResponse> info =
        poster.attempt(
            "conversations.info",
            null,
            true,
            () -> methods.conversationsInfo(r -> r.channel(channel)));
    return info.ok() && info.response().get().getChannel() != null
        ? Outcome.ok(info.response().get().getChannel())
        : info.ok() ? Outcome.failed("channel_not_found", Optional.empty(), false) : info.as();
  }

  /** A link to a message ({@code chat.getPermalink}), or empty when Slack would not give one. */
  public Optional<String> permalink(String channel, String messageTs) {
    Outcome<ChatGetPermalinkResponse> link =
        poster.attempt(
            "chat.getPermalink",
            null,
            true,
            () -> methods.chatGetPermalink(r -> r.channel(channel).messageTs(messageTs)));
    if (!link.ok() && !link.transientFailure() && !link.missingScope()) {
      log.warn("Slack chat.getPermalink failed: {}", link.error());
    }
    return link.response().map(ChatGetPermalinkResponse::getPermalink).filter(p -> !p.isBlank());
  }

  /** Adds the bot's reaction {@code emoji} to a message; {@code already_reacted} counts as done. */
  public Outcome<ReactionsAddResponse> addReaction(String channel, String messageTs, String emoji) {
    Outcome<ReactionsAddResponse> added =
        poster.attempt(
            "reactions.add",
            null,
            true,
            () -> methods.reactionsAdd(r -> r.channel(channel).timestamp(messageTs).name(emoji)));
    if (added.error().equals("already_reacted")) {
      return Outcome.ok(new ReactionsAddResponse());
    }
    return added;
  }

  /**
   * The channel's messages since {@code oldestTs} (newest first, at most {@code limit}), to find
   * out whether a post whose answer was lost went out after all.
   */
  public Outcome<List<Message>> history(String channel, String oldestTs, int limit) {
    Outcome<ConversationsHistoryResponse> history =
        poster.attempt(
            "conversations.history",
            null,
            true,
            () ->
                methods.conversationsHistory(
                    r -> r.channel(channel).oldest(oldestTs).limit(limit).inclusive(true)));
    return history.ok()
        ? Outcome.ok(
            history.response().get().getMessages() == null
                ? List.of()
                : history.response().get().getMessages())
        : history.as();
  }

  /** How far before {@code since} {@link #findByButton} searches, for clock differences. */
  private static final long HISTORY_MARGIN_SECONDS = 120;

  /**
   * The ts of a message in {@code channel} since {@code since} that carries a button of the core
   * action id {@code actionId}: how a post whose answer was lost (a timeout, HTTP 5xx) is found if
   * it went out after all, so that trying again never posts twice. Empty when there is none; a
   * failed search is the failure.
   */
  public Outcome<Optional<String>> findByButton(String channel, Instant since, String actionId) {
    String oldest = (since.getEpochSecond() - HISTORY_MARGIN_SECONDS) + ".000000";
    Outcome<List<Message>> found = history(channel, oldest, 100);
    if (!found.ok()) {
      return found.as();
    }
    for (Message message : found.response().get()) {
      if (message.getBlocks() != null && names(message.getBlocks(), actionId)) {
        return Outcome.ok(Optional.ofNullable(message.getTs()));
      }
    }
    return Outcome.ok(Optional.empty());
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
}
