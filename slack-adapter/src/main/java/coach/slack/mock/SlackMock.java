package coach.slack.mock;

import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyRequest;
import coach.core.mock.MockPublisher;
import coach.core.mock.MockSessions;
import coach.slack.transport.SlackChannelAccess;
import coach.slack.transport.SlackChannelCalls;
import coach.slack.transport.SlackConnection.Account;
import coach.slack.transport.SlackPoster;
import coach.slack.transport.SlackPublishing;
import coach.slack.transport.SlackRenderer;
import coach.slack.transport.SlackReplies;
import coach.slack.transport.SlackText;
import coach.slack.transport.SlackUsers;
import com.slack.api.app_backend.interactive_components.payload.BlockActionPayload;
import com.slack.api.app_backend.slash_commands.payload.SlashCommandPayload;
import com.slack.api.bolt.App;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Group mock sessions in Slack channels: {@code /coach mock ...} typed in a channel (answered
 * ephemerally; the {@code .ics} of {@code mock ics} is uploaded into the asker's DM, since Slack
 * cannot attach a file to an ephemeral message, and the ephemeral answer says so), the buttons
 * whose ids start {@code mock-} (Going and Not going on the announcement; Can't make it, I'm here,
 * Give feedback and They didn't show in DMs) and the forms ({@link SlackMockForms}). Posting is
 * {@link SlackMockPublisher}'s. Work runs on the user's lane, except RSVPs: they run on one lane
 * per session, so that the announcement's edits go out in the order the RSVPs were taken.
 */
public final class SlackMock {

  private static final Logger log = LoggerFactory.getLogger(SlackMock.class);

  /** The callback id of the feedback form. */
  public static final String FEEDBACK_FORM = SlackFeedbackModal.CALLBACK_ID;

  /** The callback id of the schedule form. */
  public static final String SCHEDULE_FORM = SlackMockScheduleModal.CALLBACK_ID;

  /**
   * The bot scopes mock sessions use: posting and editing the announcement, channel details (is the
   * bot in it, who created it) in public and private channels, users' profiles (names, zones, admin
   * flags), DMs, and the calendar file's upload.
   */
  public static final Set<String> SCOPES =
      Set.of(
          "chat:write",
          "commands",
          "channels:read",
          "groups:read",
          "users:read",
          "im:write",
          "files:write");

  /** What only makes sense in a team channel. */
  private static final Set<String> CHANNEL_VERBS =
      Set.of("schedule", "new", "list", "upcoming", "cancel", "move", "reschedule");

  /** What only organisers may do: the only verbs worth asking Slack who the sender is. */
  private static final Set<String> ORGANISER_VERBS =
      Set.of("schedule", "new", "cancel", "move", "reschedule");

  private final MockSessions mock;
  private final SlackChannelCalls calls;
  private final SlackUsers users;
  private final Lanes lanes;
  private final Account account;
  private final SlackMockPublisher publisher;
  private final MockAnswers answers;
  private final SlackMockForms forms;

  public SlackMock(
      MockSessions mock,
      SlackPoster poster,
      SlackChannelCalls calls,
      SlackReplies replies,
      SlackUsers users,
      Lanes lanes,
      Account account) {
    this.mock = mock;
    this.calls = calls;
    this.users = users;
    this.lanes = lanes;
    this.account = account;
    this.publisher =
        new SlackMockPublisher(
            poster, calls, new SlackPublishing(poster, replies.renderer(), account.teamId()));
    this.answers = new MockAnswers(mock, poster, replies);
    this.forms = new SlackMockForms(mock, calls, users, lanes, account, answers);
  }

  /** Posts through this connection; the adapter registers it with the core as {@code slack}. */
  public MockPublisher publisher() {
    return publisher;
  }

  /** Registers the forms' submissions with Bolt (each acks at once; the work is queued). */
  public void register(App app) {
    forms.register(app);
  }

  /** Whether the {@code /coach} text is a mock command: {@code mock ...}. */
  public static boolean isMockCommand(String text) {
    return words(text).get(0).equals("mock");
  }

  /** The text's first two words in lower case ("" when missing), without a leading slash. */
  private static List<String> words(String text) {
    String stripped = text == null ? "" : SlackText.unescape(text).strip();
    String[] words = stripped.split("\\s+", 3);
    String first = words[0].startsWith("/") ? words[0].substring(1) : words[0];
    return List.of(
        first.toLowerCase(Locale.ROOT), words.length > 1 ? words[1].toLowerCase(Locale.ROOT) : "");
  }

  /**
   * A mock command (on the user's lane). In a channel it is answered ephemerally, and an
   * organiser's bare {@code mock schedule} opens the schedule form; in the DM only the personal
   * commands work ({@code reminders}, {@code avoid}, {@code ics}), the rest say where they belong.
   */
  public void onSlashCommand(SlashCommandPayload payload, Optional<String> dm, boolean inDm) {
    String team = SlackText.first(payload.getTeamId(), account.teamId());
    String user = payload.getUserId();
    String channel = payload.getChannelId();
    String text = SlackText.unescape(String.valueOf(payload.getText())).strip();
    String[] split = text.split("\\s+", 2);
    String rest = split.length > 1 ? split[1].strip() : "";
    String verb = words(text).get(1);
    String eventId =
        "cmd:" + SlackText.first(payload.getTriggerId(), channel + ":" + System.nanoTime());
    ChannelRef ref = ChannelRef.slack(team, channel);
    if (inDm) {
      Optional<Reply> reply =
          CHANNEL_VERBS.contains(verb)
              ? Optional.of(
                  Reply.text(
                      "Mock sessions belong to a team channel: type `/coach mock "
                          + verb
                          + "` in the channel where your group meets."))
              : answers.command(
                  new DailyRequest(
                      ref, users.sender(team, user), eventId, rest, false, Optional::empty));
      reply.ifPresent(r -> answers.toPresser(user, channel, r));
      return;
    }
    Optional<String> responseUrl =
        Optional.ofNullable(payload.getResponseUrl()).filter(url -> !url.isBlank());
    Optional<Reply> reply;
    try {
      Sender sender = users.sender(team, user);
      SlackChannelAccess access = new SlackChannelAccess(calls, users, team, user, channel);
      boolean organiser = ORGANISER_VERBS.contains(verb) && access.organiser();
      if (organiser
          && verb.equals("schedule")
          && rest.equalsIgnoreCase(verb)
          && forms.openSchedule(
              payload.getTriggerId(), channel, sender.zone().orElse(ZoneOffset.UTC))) {
        return; // the form says the rest
      }
      reply =
          answers.command(
              new DailyRequest(ref, sender, eventId, rest, organiser, access::postingProblem));
    } catch (RuntimeException e) {
      log.error("Slack: /coach mock in {} failed", channel, e);
      reply = Optional.of(MockAnswers.SORRY);
    }
    reply.ifPresent(r -> answers.inChannel(channel, user, responseUrl, r));
  }

  /** Whether a button is mock sessions' (its id starts {@code mock-}). */
  public boolean takesAction(BlockActionPayload payload) {
    return MockSessions.handles(
        SlackRenderer.coreActionId(payload.getActions().get(0).getActionId()));
  }

  /**
   * A press on one of mock sessions' buttons (on the user's lane). RSVPs move to their session's
   * lane; Give feedback opens its form at once, while the trigger is fresh.
   */
  public void onAction(BlockActionPayload payload) {
    BlockActionPayload.Action action = payload.getActions().get(0);
    String id = SlackRenderer.coreActionId(action.getActionId());
    String user = payload.getUser().getId();
    String team =
        SlackText.first(
            payload.getUser().getTeamId(),
            payload.getTeam() == null ? null : payload.getTeam().getId(),
            account.teamId());
    String channel =
        payload.getContainer() != null && payload.getContainer().getChannelId() != null
            ? payload.getContainer().getChannelId()
            : payload.getChannel() == null ? null : payload.getChannel().getId();
    // Each click is an event of its own (Going, Not going, Going again); a redelivery is not.
    String eventId =
        SlackText.truncate(
            "mock:" + SlackText.first(action.getActionTs(), payload.getTriggerId()) + ":" + id,
            Inbound.MAX_ID_LENGTH);
    Runnable press = () -> press(team, user, channel, id, eventId, payload.getTriggerId());
    if (id.startsWith(MockSessions.GOING + ":")
        || id.startsWith(MockSessions.NOT_GOING + ":")
        || id.startsWith(MockSessions.CANT_MAKE_IT + ":")) {
      String session = id.substring(id.indexOf(':') + 1).toUpperCase(Locale.ROOT);
      lanes.submit("mock-session:" + session, press);
    } else {
      press.run();
    }
  }

  private void press(
      String team, String user, String channel, String id, String eventId, String triggerId) {
    Optional<MockSessions.PressOutcome> outcome;
    try {
      outcome = mock.press(users.sender(team, user), id, eventId);
    } catch (RuntimeException e) {
      log.error("Slack: the mock button {} failed", id, e);
      outcome =
          Optional.of(
              new MockSessions.PressOutcome(Optional.of(MockAnswers.SORRY), Optional.empty()));
    }
    if (outcome.isEmpty()) {
      return; // a redelivered click
    }
    outcome.get().form().ifPresent(form -> forms.openFeedback(triggerId, form, user, channel));
    outcome.get().reply().ifPresent(r -> answers.toPresser(user, channel, r));
  }
}
