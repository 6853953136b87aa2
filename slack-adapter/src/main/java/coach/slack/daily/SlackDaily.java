package coach.slack.daily;

import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.core.daily.DailyRequest;
import coach.core.daily.DailySchedule;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackChannelAccess;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackConnection.Account;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackPublishing;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackReplies;
import coach.slack.transport.SlackText;
import coach.slack.transport.SlackUsers;
import com.slack.api.app_backend.events.payload.EventsApiPayload;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.methods.response.reactions.ReactionsAddResponse;
import com.slack.api.model.event.MessageEvent;
import com.slack.api.model.event.MessageThreadBroadcastEvent;
import com.slack.api.model.view.View;
import java.time.ZoneOffset;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Daily prompts in Slack channels: {@code /coach daily ...} and {@code /coach feedback} typed in a
 * channel, answers written in a post's thread (credited to their authors and acknowledged with a
 * reaction, never a reply), and the post's My feedback button (an ephemeral answer to the presser
 * only). Posting itself is {@link SlackDailyPublisher}'s. Work runs on the user's lane.
 */
public final class SlackDaily {

  private static final Logger log = LoggerFactory.getLogger(SlackDaily.class);

  /** The callback id of the schedule form. */
  public static final String SCHEDULE_FORM = SlackScheduleModal.CALLBACK_ID;

  /** The callback id of the custom prompt form. */
  public static final String PROMPT_FORM = SlackPromptModal.CALLBACK_ID;

  /** The quiet acknowledgement of a credited thread answer. */
  static final String REACTION = "white_check_mark";

  private static final Set<String> CHANNEL_TYPES = Set.of("channel", "group");

  /**
   * The bot scopes daily prompts use: posting, reading thread replies and channel details in public
   * and private channels, reacting, users' profiles and DMs to organisers.
   */
  public static final Set<String> SCOPES =
      Set.of(
          "chat:write",
          "commands",
          "channels:history",
          "groups:history",
          "channels:read",
          "groups:read",
          "reactions:write",
          "users:read",
          "im:write");

  private final DailyPrompts daily;
  private final SlackPoster poster;
  private final SlackChannelCalls calls;
  private final SlackReplies replies;
  private final SlackUsers users;
  private final Lanes lanes;
  private final Account account;
  private final SlackDailyPublisher publisher;
  private final SlackPrompts prompts;

  public SlackDaily(
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
    this.publisher =
        new SlackDailyPublisher(
            poster, calls, new SlackPublishing(poster, replies.renderer(), account.teamId()));
    this.prompts = new SlackPrompts(daily, poster, calls, replies, users, lanes, account);
  }

  /** Posts through this connection; the adapter registers it with the core as {@code slack}. */
  public DailyPublisher publisher() {
    return publisher;
  }

  /**
   * Whether the {@code /coach} text is a channel command: {@code daily ...}, {@code feedback} or
   * {@code prompt ...}.
   */
  public static boolean isDailyCommand(String text) {
    String word = firstWord(text);
    return word.equals("daily") || word.equals("feedback") || word.equals("prompt");
  }

  private static String firstWord(String text) {
    String stripped = text == null ? "" : SlackText.unescape(text).strip();
    String first = stripped.split("\\s+", 2)[0];
    return (first.startsWith("/") ? first.substring(1) : first).toLowerCase(Locale.ROOT);
  }

  /**
   * A daily command (on the user's lane). In a channel it is answered ephemerally; in the DM it
   * says where daily prompts live.
   */
  public void onSlashCommand(SlashCommandPayload payload, Optional<String> dm, boolean inDm) {
    String team = SlackText.first(payload.getTeamId(), account.teamId());
    String user = payload.getUserId();
    String channel = payload.getChannelId();
    String text = SlackText.unescape(String.valueOf(payload.getText())).strip();
    if (firstWord(text).equals("prompt")) {
      prompts.onSlashCommand(payload, text, dm, inDm);
      return;
    }
    boolean feedback = firstWord(text).equals("feedback");
    if (inDm) {
      replies.send(
          channel,
          Reply.text(
              feedback
                  ? "Feedback on daily answers is per channel: type `/coach feedback` in the"
                      + " channel where you answered, and only you will see it."
                  : "Daily prompts are set up per team channel: type `/coach daily` in the channel"
                      + " you want them in."));
      return;
    }
    Optional<String> responseUrl =
        Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank());
    Optional<Reply> reply;
    try {
      reply = command(payload, team, user, channel, text, feedback);
    } catch (RuntimeException e) {
      log.error("Slack: /coach {} in {} failed", feedback ? "feedback" : "daily", channel, e);
      reply = Optional.of(SORRY);
    }
    reply.ifPresent(r -> replies.sendEphemeral(channel, user, responseUrl, r, dm));
  }

  private static final Reply SORRY =
      Reply.text(
          "Sorry, something went wrong on my side and nothing was changed. Please try again in a"
              + " moment.");

  private Optional<Reply> command(
      SlashCommandPayload payload,
      String team,
      String user,
      String channel,
      String text,
      boolean feedback) {
    ChannelRef ref = ChannelRef.slack(team, channel);
    Sender sender = users.sender(team, user);
    Optional<Reply> reply;
    if (feedback) {
      reply = Optional.of(daily.feedback(ref, sender, Optional.empty()));
    } else {
      String[] words = text.split("\\s+", 2);
      String rest = words.length > 1 ? words[1].strip() : "";
      SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
      boolean organiser = access.organiser();
      if (rest.isEmpty() && organiser && !SlackText.isBlank(payload.getTriggerId())) {
        // The form first: its trigger is good for 3 s. The text answer follows.
        calls.openModal(
            payload.getTriggerId(),
            SlackScheduleModal.view(channel, schedule(ref), sender.zone().orElse(ZoneOffset.UTC)));
      }
      String eventId =
          "cmd:" + SlackText.first(payload.getTriggerId(), channel + ":" + System.nanoTime());
      reply =
          daily.command(
              new DailyRequest(ref, sender, eventId, rest, organiser, access::postingProblem));
    }
    return reply;
  }

  private Optional<DailySchedule> schedule(ChannelRef channel) {
    return daily.schedules().stream()
        .map(DailyPrompts.ScheduleView::schedule)
        .filter(s -> s.channel().equals(channel))
        .findFirst();
  }

  /**
   * The schedule form was submitted: what is wrong with it, by field, for Slack to show in the form
   * (the ack); or nothing, and the change is made on the user's lane and answered ephemerally in
   * the channel, like the typed command.
   */
  public Map<String, String> onScheduleSubmitted(ViewSubmissionPayload payload) {
    View view = payload.getView();
    Map<String, String> errors = SlackScheduleModal.errors(view.getState());
    if (!errors.isEmpty()) {
      return errors;
    }
    String user = payload.getUser().getId();
    String team =
        SlackText.first(
            payload.getTeam() == null ? null : payload.getTeam().getId(), account.teamId());
    String senderTeam = SlackText.first(payload.getUser().getTeamId(), team);
    String channel = view.getPrivateMetadata();
    String text = SlackScheduleModal.commandText(view.getState());
    String eventId = "view:" + view.getId() + ":" + view.getHash();
    lanes.submit(
        user,
        () -> {
          Optional<Reply> reply;
          try {
            SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
            reply =
                daily.command(
                    new DailyRequest(
                        ChannelRef.slack(team, channel),
                        users.sender(senderTeam, user),
                        eventId,
                        text,
                        access.organiser(),
                        access::postingProblem));
          } catch (RuntimeException e) {
            log.error("Slack: the daily schedule form for {} failed", channel, e);
            reply = Optional.of(SORRY);
          }
          reply.ifPresent(
              r -> replies.sendEphemeral(channel, user, Optional.empty(), r, poster.openDm(user)));
        });
    return Map.of();
  }

  /**
   * The custom prompt form was submitted: its errors for the form, or it is handled on the lane.
   */
  public Map<String, String> onPromptSubmitted(ViewSubmissionPayload payload) {
    return prompts.onFormSubmitted(payload);
  }

  /** A channel message: a reply in a thread may be an answer to a daily post. */
  public void onMessage(EventsApiPayload<MessageEvent> payload) {
    MessageEvent e = payload.getEvent();
    if (e.getBotId() == null) {
      onThreadMessage(
          payload.getTeamId(),
          e.getTeam(),
          e.getChannelType(),
          e.getChannel(),
          e.getUser(),
          e.getThreadTs(),
          e.getTs(),
          SlackText.first(e.getClientMsgId(), e.getTs()),
          e.getText());
    }
  }

  /** A thread reply also sent to the channel: an answer like any other. */
  public void onThreadBroadcast(EventsApiPayload<MessageThreadBroadcastEvent> payload) {
    MessageThreadBroadcastEvent e = payload.getEvent();
    onThreadMessage(
        payload.getTeamId(),
        null,
        e.getChannelType(),
        e.getChannel(),
        e.getUser(),
        e.getThreadTs(),
        e.getTs(),
        SlackText.first(e.getClientMsgId(), e.getTs()),
        e.getText());
  }

  private void onThreadMessage(
      String workspace,
      String userTeam,
      String channelType,
      String channel,
      String user,
      String threadTs,
      String ts,
      String eventId,
      String text) {
    if (!CHANNEL_TYPES.contains(channelType)
        || SlackText.isBlank(threadTs)
        || threadTs.equals(ts)
        || SlackText.isBlank(user)
        || user.equals(account.botUserId())
        || SlackText.isBlank(channel)
        || SlackText.isBlank(eventId)
        || text == null) {
      return;
    }
    String team = SlackText.first(workspace, account.teamId());
    String senderTeam = SlackText.first(userTeam, team);
    String answer = SlackText.unescape(text);
    lanes.submit(
        user, () -> credit(team, senderTeam, channel, user, threadTs, ts, eventId, answer));
  }

  private void credit(
      String team,
      String senderTeam,
      String channel,
      String user,
      String threadTs,
      String ts,
      String eventId,
      String text) {
    ChannelRef ref = ChannelRef.slack(team, channel);
    Optional<DailyPrompts.Credited> credited =
        daily.threadAnswer(ref, threadTs, users.sender(senderTeam, user), eventId, text);
    if (credited.isEmpty()) {
      return;
    }
    Outcome<ReactionsAddResponse> reacted = calls.addReaction(channel, ts, REACTION);
    if (!reacted.ok() && !reacted.missingScope()) {
      log.warn(
          "Slack: could not acknowledge a daily answer in {} with a reaction ({})",
          channel,
          reacted.error());
    }
  }

  /**
   * Whether a button is daily's: My feedback, a suggestion's Approve / Reject (and Discord's
   * Answer, should it come here).
   */
  public boolean takesAction(BlockActionPayload payload) {
    String id = SlackRenderer.coreActionId(payload.getActions().get(0).getActionId());
    return SlackPrompts.takesAction(id)
        || id.startsWith(DailyPrompts.FEEDBACK_ACTION + ":")
        || id.startsWith(DailyPrompts.ANSWER_ACTION + ":");
  }

  /** My feedback under a post: the presser's own feedback, visible to them only. */
  public void onAction(BlockActionPayload payload) {
    if (SlackPrompts.takesAction(
        SlackRenderer.coreActionId(payload.getActions().get(0).getActionId()))) {
      prompts.onAction(payload);
      return;
    }
    String user = payload.getUser().getId();
    String senderTeam =
        SlackText.first(
            payload.getUser().getTeamId(),
            payload.getTeam() == null ? null : payload.getTeam().getId(),
            account.teamId());
    String team =
        SlackText.first(
            payload.getTeam() == null ? null : payload.getTeam().getId(), account.teamId());
    String id = SlackRenderer.coreActionId(payload.getActions().get(0).getActionId());
    String channel =
        payload.getContainer() != null && payload.getContainer().getChannelId() != null
            ? payload.getContainer().getChannelId()
            : payload.getChannel() == null ? null : payload.getChannel().getId();
    if (channel == null) {
      log.warn("Slack: a My feedback click named no channel; dropped");
      return;
    }
    Reply reply;
    try {
      reply =
          id.startsWith(DailyPrompts.FEEDBACK_ACTION + ":")
              ? daily.feedback(
                  ChannelRef.slack(team, channel),
                  users.sender(senderTeam, user),
                  Optional.of(id.substring(id.indexOf(':') + 1)))
              : Reply.text("Answer by replying in the thread under the post.");
    } catch (RuntimeException e) {
      log.error("Slack: My feedback in {} failed", channel, e);
      reply = SORRY;
    }
    replies.sendEphemeral(channel, user, Optional.empty(), reply, poster.openDm(user));
  }
}
