package coach.slack.transport;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPublisher.PublishException;
import coach.slack.transport.SlackRenderer.SlackMessage;
import com.slack.api.methods.response.chat.ChatPostMessageResponse;

/**
 * What the features that post for the core (daily prompts, mock sessions) share: the check that a
 * channel or user belongs to the connected workspace, direct messages, and Slack's refusals turned
 * into one sentence an organiser can act on ({@link PublishException}).
 */
public final class SlackPublishing {

  private final SlackPoster poster;
  private final SlackRenderer renderer;
  private final String teamId;

  public SlackPublishing(SlackPoster poster, SlackRenderer renderer, String teamId) {
    this.poster = poster;
    this.renderer = renderer;
    this.teamId = teamId;
  }

  public SlackRenderer renderer() {
    return renderer;
  }

  /** The Slack channel id of {@code channel}; refused when it is in another workspace. */
  public String channelId(ChannelRef channel) throws PublishException {
    if (!channel.platform().equals("slack") || !channel.workspace().equals(teamId)) {
      throw new PublishException(
          "The channel is in another Slack workspace ("
              + channel.workspace()
              + ") than the one Coach is connected to ("
              + teamId
              + ").",
          true);
    }
    return channel.channel();
  }

  /** Sends {@code message} to {@code user} in the bot's DM with them (opened if need be). */
  public void directMessage(UserId user, Reply message) throws PublishException {
    String[] parts = user.value().split(":");
    if (!user.platform().equals("slack") || parts.length != 3 || !parts[1].equals(teamId)) {
      throw new PublishException("Coach can't reach " + user + " from this workspace.", true);
    }
    Outcome<String> dm = poster.openDmChecked(parts[2]);
    if (!dm.ok()) {
      throw failure(dm, "check that they are still in the workspace");
    }
    for (SlackMessage m : renderer.render(message).messages()) {
      Outcome<ChatPostMessageResponse> sent =
          poster.postMessageChecked(dm.response().get(), m, true);
      if (!sent.ok()) {
        throw failure(sent, "check that they are still in the workspace");
      }
    }
  }

  /**
   * Slack's refusal as one sentence an organiser can act on; {@code elsewhere} ends the advice for
   * a channel that is gone or archived ("set up daily prompts in another channel").
   */
  public static PublishException failure(Outcome<?> outcome, String elsewhere) {
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
                  + " @Coach`, or "
                  + elsewhere
                  + ".",
              true);
      case "is_archived" ->
          new PublishException(
              "The channel is archived: unarchive it, or " + elsewhere + ".", true);
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
