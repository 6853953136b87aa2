package coach.discord.transport;

import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;

/**
 * Channel features' common checks, from JDA's view of the server (roles and permission overwrites,
 * kept current by the gateway): which channel a command is about, who may configure it, and which
 * permissions the bot lacks there.
 */
public final class Channels {

  /** A permission the bot needs in a channel, by the name Discord's settings show. */
  public record Need(Permission permission, String name) {}

  /** What a post with embeds and buttons needs. */
  public static final List<Need> TO_POST_EMBEDS =
      List.of(
          new Need(Permission.VIEW_CHANNEL, "View Channel"),
          new Need(Permission.MESSAGE_SEND, "Send Messages"),
          new Need(Permission.MESSAGE_EMBED_LINKS, "Embed Links"));

  private Channels() {}

  /**
   * The channel a command is about: the channel itself, or a thread's parent (commands given in a
   * thread are about its channel).
   */
  public static GuildChannel target(GuildChannel channel) {
    if (channel instanceof ThreadChannel thread) {
      return thread.getParentChannel();
    }
    return channel;
  }

  /**
   * Whether {@code member} may configure channel features in {@code channel}: Administrator, Manage
   * Server or Manage Channels there (people listed in COACH_ADMINS are checked by the core).
   */
  public static boolean organiser(Member member, GuildChannel channel) {
    return member != null
        && (member.hasPermission(channel, Permission.ADMINISTRATOR)
            || member.hasPermission(channel, Permission.MANAGE_SERVER)
            || member.hasPermission(channel, Permission.MANAGE_CHANNEL));
  }

  /**
   * Empty when the bot has every one of {@code needs} in {@code channel}; else one sentence naming
   * what is missing and where to give it.
   */
  public static Optional<String> missing(GuildChannel channel, List<Need> needs) {
    var self = channel.getGuild().getSelfMember();
    List<String> missing =
        needs.stream()
            .filter(n -> !self.hasPermission(channel, n.permission()))
            .map(Need::name)
            .toList();
    if (missing.isEmpty()) {
      return Optional.empty();
    }
    boolean one = missing.size() == 1;
    return Optional.of(
        "I'm missing the "
            + names(missing)
            + (one ? " permission" : " permissions")
            + " in <#"
            + channel.getId()
            + ">. Give my role "
            + (one ? "that permission" : "those permissions")
            + " in the channel's settings (Edit Channel, Permissions), then try again.");
  }

  /** "A", "A and B", "A, B and C". */
  public static String names(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
