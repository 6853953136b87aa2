package coach.slack.mock;

import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyRequest;
import coach.core.mock.FeedbackForm;
import coach.core.mock.MockSessions;
import coach.slack.transport.Outcome;
import coach.slack.transport.SlackChannelAccess;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackConnection.Account;
import coach.slack.transport.SlackText;
import coach.slack.transport.SlackUsers;
import com.slack.api.app_backend.views.payload.ViewSubmissionPayload;
import com.slack.api.bolt.App;
import com.slack.api.methods.response.views.ViewsOpenResponse;
import com.slack.api.model.view.View;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mock sessions' modals: the interviewer's feedback form ({@link SlackFeedbackModal}, opened from
 * the Give feedback button of their DM) and the organiser's schedule form ({@link
 * SlackMockScheduleModal}). Each opens with the interaction's {@code trigger_id} (good for 3 s); a
 * submission is acked at once (with the form's errors, if any) and handled on the user's lane.
 */
final class SlackMockForms {

  private static final Logger log = LoggerFactory.getLogger(SlackMockForms.class);

  private final MockSessions mock;
  private final SlackChannelCalls calls;
  private final SlackUsers users;
  private final Lanes lanes;
  private final Account account;
  private final MockAnswers answers;

  SlackMockForms(
      MockSessions mock,
      SlackChannelCalls calls,
      SlackUsers users,
      Lanes lanes,
      Account account,
      MockAnswers answers) {
    this.mock = mock;
    this.calls = calls;
    this.users = users;
    this.lanes = lanes;
    this.account = account;
    this.answers = answers;
  }

  /** Registers both forms' submissions with Bolt. */
  void register(App app) {
    app.viewSubmission(
        SlackFeedbackModal.CALLBACK_ID,
        (req, ctx) -> {
          onFeedbackSubmitted(req.getPayload());
          return ctx.ack();
        });
    app.viewSubmission(
        SlackMockScheduleModal.CALLBACK_ID,
        (req, ctx) -> {
          Map<String, String> errors = onScheduleSubmitted(req.getPayload());
          return errors.isEmpty() ? ctx.ack() : ctx.ackWithErrors(errors);
        });
  }

  /** Opens the feedback form; when Slack won't, the presser is told to press again. */
  void openFeedback(String triggerId, FeedbackForm form, String user, String channel) {
    Outcome<ViewsOpenResponse> opened = open(triggerId, SlackFeedbackModal.view(form));
    if (!opened.ok()) {
      answers.toPresser(
          user,
          channel,
          Reply.text(
              "I couldn't open the feedback form (Slack said "
                  + opened.error()
                  + "). Please press Give feedback again."));
    }
  }

  /** Opens the schedule form for {@code channel}; false when Slack wouldn't. */
  boolean openSchedule(String triggerId, String channel, ZoneId zone) {
    return open(triggerId, SlackMockScheduleModal.view(channel, zone)).ok();
  }

  private Outcome<ViewsOpenResponse> open(String triggerId, View view) {
    return SlackText.isBlank(triggerId)
        ? new Outcome<>(Optional.empty(), "no trigger_id", Optional.empty(), false)
        : calls.openModal(triggerId, view);
  }

  /**
   * The feedback form was submitted: the ticks and the note are credited on the user's lane, and
   * the answer goes to their DM, where the form was opened from.
   */
  void onFeedbackSubmitted(ViewSubmissionPayload payload) {
    View view = payload.getView();
    String user = payload.getUser().getId();
    String team = senderTeam(payload);
    String formId = String.valueOf(view.getPrivateMetadata());
    Set<String> checked = SlackFeedbackModal.checked(view.getState());
    String note = SlackFeedbackModal.note(view.getState());
    String eventId = "view:" + view.getId() + ":" + view.getHash();
    lanes.submit(
        user,
        () -> {
          Optional<Reply> reply;
          try {
            reply = mock.submitFeedback(users.sender(team, user), formId, checked, note, eventId);
          } catch (RuntimeException e) {
            log.error("Slack: a mock feedback form failed", e);
            reply = Optional.of(MockAnswers.SORRY);
          }
          reply.ifPresent(r -> answers.inDm(user, r));
        });
  }

  /**
   * The schedule form was submitted: its errors by field for the form, or nothing, and the session
   * is scheduled on the user's lane and answered ephemerally in the channel, like the typed
   * command.
   */
  Map<String, String> onScheduleSubmitted(ViewSubmissionPayload payload) {
    View view = payload.getView();
    Map<String, String> errors = SlackMockScheduleModal.errors(view.getState());
    if (!errors.isEmpty()) {
      return errors;
    }
    String user = payload.getUser().getId();
    String team =
        SlackText.first(
            payload.getTeam() == null ? null : payload.getTeam().getId(), account.teamId());
    String senderTeam = senderTeam(payload);
    String channel = view.getPrivateMetadata();
    String text = SlackMockScheduleModal.commandText(view.getState());
    String eventId = "view:" + view.getId() + ":" + view.getHash();
    lanes.submit(
        user,
        () -> {
          Optional<Reply> reply;
          try {
            SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
            reply =
                answers.command(
                    new DailyRequest(
                        ChannelRef.slack(team, channel),
                        users.sender(senderTeam, user),
                        eventId,
                        text,
                        access.organiser(),
                        access::postingProblem));
          } catch (RuntimeException e) {
            log.error("Slack: the mock schedule form for {} failed", channel, e);
            reply = Optional.of(MockAnswers.SORRY);
          }
          reply.ifPresent(r -> answers.inChannel(channel, user, Optional.empty(), r));
        });
    return Map.of();
  }

  private String senderTeam(ViewSubmissionPayload payload) {
    return SlackText.first(
        payload.getUser().getTeamId(),
        payload.getTeam() == null ? null : payload.getTeam().getId(),
        account.teamId());
  }
}
