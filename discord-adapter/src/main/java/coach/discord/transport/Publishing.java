package coach.discord.transport;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPublisher.PublishException;
import coach.discord.transport.DiscordRenderer.DiscordMessage;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;
import net.dv8tion.jda.api.entities.channel.middleman.MessageChannel;
import net.dv8tion.jda.api.exceptions.PermissionException;
import net.dv8tion.jda.api.requests.ErrorResponse;

/**
 * What channel features share when they post for the core's timers: finding the channel a {@link
 * ChannelRef} names, sending a direct message, and turning a failed call into a {@link
 * PublishException} whose reason an organiser can act on. A channel that is gone, a bot that was
 * removed or lost a permission, a refused token are permanent; server errors, rate limits and
 * timeouts are transient.
 */
public final class Publishing {

  /**
   * A feature's own advice: how to set it up again elsewhere ("set daily prompts up again in
   * another channel with /coach daily set."), and the permissions it needs, by name.
   */
  public record Advice(String setUpAgain, String permissions) {}

  private Publishing() {}

  /** The channel to post in, if the bot is still there and {@code problem} finds nothing amiss. */
  public static GuildMessageChannel channel(
      JDA jda, ChannelRef ref, Advice advice, Function<GuildChannel, Optional<String>> problem)
      throws PublishException {
    Guild guild = jda.getGuildById(ref.workspace());
    if (guild == null) {
      throw new PublishException(
          "I'm no longer a member of that Discord server (was I removed?); invite me again with"
              + " the link in Coach's README.",
          true);
    }
    GuildChannel channel = guild.getGuildChannelById(ref.channel());
    if (channel == null) {
      throw new PublishException(
          "The channel no longer exists on Discord (was it deleted?); " + advice.setUpAgain(),
          true);
    }
    Optional<String> found = problem.apply(channel);
    if (found.isPresent()) {
      String reason = found.get();
      throw new PublishException(
          Character.toUpperCase(reason.charAt(0)) + reason.substring(1), true);
    }
    if (!(channel instanceof GuildMessageChannel messages)) {
      throw new PublishException("I can't post messages in that kind of channel.", true);
    }
    return messages;
  }

  /** Sends {@code message} to a Discord user's DMs, message by message. */
  public static void directMessage(Replies replies, UserId user, Reply message, Advice advice)
      throws PublishException {
    if (!user.platform().equals("discord")) {
      throw new PublishException(user + " is not a Discord user.", true);
    }
    String id = user.value().substring("discord:".length());
    try {
      MessageChannel dm = replies.requireDmChannel(id);
      for (DiscordMessage part : replies.renderer().render(message)) {
        replies
            .poster()
            .require("sending a DM to user " + id, () -> dm.sendMessage(part.toCreateData()));
      }
    } catch (DiscordPoster.Failure e) {
      throw failure(e, advice);
    }
  }

  /** A failed call as a reason an organiser can act on, permanent unless trying later may help. */
  public static PublishException failure(DiscordPoster.Failure e, Advice advice) {
    if (e.missingPermission()) {
      String permission = ((PermissionException) e.getCause()).getPermission().getName();
      return new PublishException(
          "I'm missing the "
              + permission
              + " permission in the channel; give it to my role in the channel's settings.",
          true,
          e);
    }
    int code = e.code();
    if (code == ErrorResponse.UNKNOWN_CHANNEL.getCode()) {
      String again = advice.setUpAgain();
      return new PublishException(
          "Discord says the channel no longer exists (10003 Unknown Channel); was it deleted? "
              + Character.toUpperCase(again.charAt(0))
              + again.substring(1),
          true,
          e);
    }
    if (code == ErrorResponse.MISSING_ACCESS.getCode()) {
      return new PublishException(
          "Discord refused me access to the channel (50001 Missing Access): I may have been"
              + " removed from the server or can no longer see the channel; invite me again or"
              + " give my role View Channel there.",
          true,
          e);
    }
    if (code == ErrorResponse.MISSING_PERMISSIONS.getCode()) {
      return new PublishException(
          "Discord says I lack a permission in the channel (50013 Missing Permissions); give my"
              + " role "
              + advice.permissions()
              + " there.",
          true,
          e);
    }
    if (code == ErrorResponse.CANNOT_SEND_TO_USER.getCode()) {
      return new PublishException(
          "Discord won't let me send that person a direct message (50007); they may not accept"
              + " DMs from server members.",
          true,
          e);
    }
    if (e.status() == 401) {
      return new PublishException(
          "Discord refused my bot token (401 Unauthorized); put the current token in"
              + " DISCORD_BOT_TOKEN and restart Coach.",
          true,
          e);
    }
    if (e.retryable() || e.status() == 429) {
      return new PublishException(
          "Discord did not answer in time or had an error (" + e.getMessage() + ").", false, e);
    }
    return new PublishException("Discord refused the post (" + e.getMessage() + ").", true, e);
  }
}
