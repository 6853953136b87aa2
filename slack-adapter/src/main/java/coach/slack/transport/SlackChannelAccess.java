package coach.slack.transport;

import com.slack.api.model.Conversation;
import com.slack.api.model.User;
import java.util.Optional;

/**
 * What Slack says about a user and a channel, for one channel command ({@code /coach daily ...},
 * {@code /coach mock ...}): whether the user is an organiser there (a workspace admin or owner, or
 * the channel's creator; {@code COACH_ADMINS} is the core's), and whether the bot can post in the
 * channel. Each look-up is done at most once per command, and only when needed.
 */
public final class SlackChannelAccess {

  private static final String INVITE = "invite me with `/invite @Coach`, then try again.";

  private final SlackChannelCalls calls;
  private final SlackUsers users;
  private final String team;
  private final String user;
  private final String channel;
  private Outcome<Conversation> info;

  public SlackChannelAccess(
      SlackChannelCalls calls, SlackUsers users, String team, String user, String channel) {
    this.calls = calls;
    this.users = users;
    this.team = team;
    this.user = user;
    this.channel = channel;
  }

  /** A workspace admin or owner ({@code users.info}), or the channel's creator. */
  public boolean organiser() {
    Optional<User> profile = users.fresh(team, user);
    if (profile.isPresent()
        && (profile.get().isAdmin() || profile.get().isOwner() || profile.get().isPrimaryOwner())) {
      return true;
    }
    Outcome<Conversation> channelInfo = info();
    return channelInfo.ok() && user.equals(channelInfo.response().get().getCreator());
  }

  /**
   * Empty when the bot can post in the channel; else one sentence on what to fix. A private channel
   * the bot is not in looks to Slack like no channel at all, so that is an invitation too.
   */
  public Optional<String> postingProblem() {
    Outcome<Conversation> channelInfo = info();
    if (channelInfo.ok()) {
      Conversation c = channelInfo.response().get();
      if (c.isArchived()) {
        return Optional.of("this channel is archived; unarchive it, or pick another channel.");
      }
      return c.isMember() ? Optional.empty() : Optional.of(INVITE);
    }
    if (channelInfo.missingScope()) {
      return Optional.of(missingScope(channelInfo.neededScope()));
    }
    if (channelInfo.error().equals("channel_not_found")) {
      return Optional.of(INVITE);
    }
    return Optional.of(
        "Slack didn't tell me whether I'm in this channel ("
            + channelInfo.error()
            + "); please try again in a minute.");
  }

  /** The friendly sentence for a workspace that installed an older manifest. */
  private static String missingScope(Optional<String> scope) {
    return "my Slack app lacks the "
        + scope.map(s -> "`" + s + "` ").orElse("")
        + "permission this needs. A workspace admin can add it by reinstalling Coach from"
        + " its current manifest.";
  }

  private Outcome<Conversation> info() {
    if (info == null) {
      info = calls.conversationInfo(channel);
    }
    return info;
  }
}
