package coach.slack.daily;

import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyRequest;
import coach.core.daily.PromptDraft;
import coach.slack.transport.SlackChannelAccess;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackConnection.Account;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackReplies;
import coach.slack.transport.SlackText;
import coach.slack.transport.SlackUsers;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.model.view.View;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A workspace's own prompts in Slack channels: {@code /coach prompt add|list|remove ...} (a bare
 * {@code prompt add} opens a form), a member's suggestion posted in the channel with Approve and
 * Reject buttons for organisers, and the DM telling its author what was decided. Organisers are
 * those of daily prompts ({@link SlackChannelAccess}). Replies are ephemeral. The core decides.
 */
final class SlackPrompts {

  private static final Logger log = LoggerFactory.getLogger(SlackPrompts.class);

  private static final Reply SORRY =
      Reply.text(
          "Sorry, something went wrong on my side and nothing was changed. Please try again in a"
              + " moment.");

  private final DailyPrompts daily;
  private final SlackPoster poster;
  private final SlackChannelCalls calls;
  private final SlackReplies replies;
  private final SlackUsers users;
  private final Lanes lanes;
  private final Account account;

  SlackPrompts(
      DailyPrompts daily,
      SlackPoster poster,
      SlackChannelCalls calls,
      SlackReplies replies,
      SlackUsers users,
      Lanes lanes,
      Account account) {
    this.daily = daily;
    this.poster = poster;
    this.calls = calls;
    this.replies = replies;
    this.users = users;
    this.lanes = lanes;
    this.account = account;
  }

  /** {@code /coach prompt ...} (on the user's lane); {@code text} starts with {@code prompt}. */
  void onSlashCommand(SlashCommandPayload payload, String text, Optional<String> dm, boolean inDm) {
    String channel = payload.getChannelId();
    String user = payload.getUserId();
    if (inDm) {
      replies.send(
          channel,
          Reply.text(
              "Custom prompts belong to a workspace: type `/coach prompt ...` in one of its"
                  + " channels. Practise one here with `practice ID`."));
      return;
    }
    String team = SlackText.first(payload.getTeamId(), account.teamId());
    String[] words = text.split("\\s+", 2);
    String rest = words.length > 1 ? words[1].strip() : "";
    Optional<String> responseUrl =
        Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank());
    Optional<DailyPrompts.PromptOutcome> outcome;
    try {
      if (rest.toLowerCase(Locale.ROOT).equals("add")
          && !SlackText.isBlank(payload.getTriggerId())
          && calls.openModal(payload.getTriggerId(), SlackPromptModal.view(channel)).ok()) {
        return; // the form says the rest
      }
      SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
      String eventId =
          "cmd:" + SlackText.first(payload.getTriggerId(), channel + ":" + System.nanoTime());
      outcome =
          daily.promptCommand(
              new DailyRequest(
                  ChannelRef.slack(team, channel),
                  users.sender(team, user),
                  eventId,
                  rest,
                  access.organiser(),
                  access::postingProblem));
    } catch (RuntimeException e) {
      log.error("Slack: /coach prompt in {} failed", channel, e);
      outcome = Optional.of(failed());
    }
    outcome.ifPresent(o -> deliver(team, channel, user, responseUrl, dm, o));
  }

  /** Whether a button is an organiser's Approve or Reject under a suggestion. */
  static boolean takesAction(String coreActionId) {
    return coreActionId.startsWith(DailyPrompts.APPROVE_PROMPT_ACTION + ":")
        || coreActionId.startsWith(DailyPrompts.REJECT_PROMPT_ACTION + ":");
  }

  /** Approve or Reject pressed (on the presser's lane). */
  void onAction(BlockActionPayload payload) {
    String user = payload.getUser().getId();
    String team =
        SlackText.first(
            payload.getTeam() == null ? null : payload.getTeam().getId(), account.teamId());
    String senderTeam = SlackText.first(payload.getUser().getTeamId(), team);
    String id = SlackRenderer.coreActionId(payload.getActions().get(0).getActionId());
    BlockActionPayload.Container container = payload.getContainer();
    String channel =
        container != null && container.getChannelId() != null
            ? container.getChannelId()
            : payload.getChannel() == null ? null : payload.getChannel().getId();
    if (channel == null) {
      log.warn("Slack: a prompt Approve/Reject click named no channel; dropped");
      return;
    }
    // The same button on the same message acts once per presser: a redelivery is deduped.
    String eventId =
        "btn:"
            + channel
            + ":"
            + (container != null && container.getMessageTs() != null
                ? container.getMessageTs()
                : SlackText.first(
                    payload.getActions().get(0).getActionTs(), payload.getTriggerId()))
            + ":"
            + id;
    Optional<DailyPrompts.PromptOutcome> outcome;
    try {
      SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
      outcome =
          daily.decidePrompt(
              new DailyRequest(
                  ChannelRef.slack(team, channel),
                  users.sender(senderTeam, user),
                  SlackText.truncate(eventId, Inbound.MAX_ID_LENGTH),
                  id,
                  access.organiser(),
                  access::postingProblem));
    } catch (RuntimeException e) {
      log.error("Slack: a prompt decision in {} failed", channel, e);
      outcome = Optional.of(failed());
    }
    outcome.ifPresent(o -> deliver(team, channel, user, Optional.empty(), poster.openDm(user), o));
  }

  /**
   * The prompt form was submitted: its errors by field for the form, or nothing, and the prompt is
   * added (or suggested) on the user's lane, answered like the typed command.
   */
  Map<String, String> onFormSubmitted(ViewSubmissionPayload payload) {
    View view = payload.getView();
    Map<String, String> errors = SlackPromptModal.errors(view.getState());
    if (!errors.isEmpty()) {
      return errors;
    }
    String user = payload.getUser().getId();
    String team =
        SlackText.first(
            payload.getTeam() == null ? null : payload.getTeam().getId(), account.teamId());
    String senderTeam = SlackText.first(payload.getUser().getTeamId(), team);
    String channel = view.getPrivateMetadata();
    PromptDraft draft = SlackPromptModal.draft(view.getState());
    String eventId = "view:" + view.getId() + ":" + view.getHash();
    lanes.submit(
        user,
        () -> {
          Optional<DailyPrompts.PromptOutcome> outcome;
          try {
            SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
            outcome =
                daily.addPrompt(
                    new DailyRequest(
                        ChannelRef.slack(team, channel),
                        users.sender(senderTeam, user),
                        eventId,
                        "add",
                        access.organiser(),
                        access::postingProblem),
                    draft);
          } catch (RuntimeException e) {
            log.error("Slack: the prompt form for {} failed", channel, e);
            outcome = Optional.of(failed());
          }
          outcome.ifPresent(
              o -> deliver(team, channel, user, Optional.empty(), poster.openDm(user), o));
        });
    return Map.of();
  }

  private static DailyPrompts.PromptOutcome failed() {
    return new DailyPrompts.PromptOutcome(
        SORRY, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The sender's ephemeral reply, the suggestion in the channel, the author's DM. */
  private void deliver(
      String team,
      String channel,
      String user,
      Optional<String> responseUrl,
      Optional<String> dm,
      DailyPrompts.PromptOutcome outcome) {
    outcome.channelMessage().ifPresent(m -> replies.send(channel, m));
    replies.sendEphemeral(channel, user, responseUrl, outcome.reply(), dm);
    if (outcome.dmTo().isPresent() && outcome.dm().isPresent()) {
      directMessage(team, outcome.dmTo().get(), outcome.dm().get());
    }
  }

  private void directMessage(String team, UserId to, Reply message) {
    String[] parts = to.value().split(":");
    if (!to.platform().equals("slack") || parts.length != 3 || !parts[1].equals(team)) {
      log.warn("Slack: a prompt decision's author is not of this workspace; not told by DM");
      return;
    }
    Optional<String> dm = poster.openDm(parts[2]);
    if (dm.isEmpty()) {
      log.warn("Slack: could not open a DM to tell a suggestion's author of the decision");
      return;
    }
    replies.send(dm.get(), message);
  }
}
