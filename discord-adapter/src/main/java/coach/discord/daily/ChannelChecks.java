package coach.discord.daily;

import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Member;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.concrete.ThreadChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/**
 * Who may configure a channel, and whether the bot can post there, from JDA's view of the server
 * (roles and permission overwrites, kept current by the gateway).
 */
final class ChannelChecks {

  /** A permission the bot needs in a daily channel, by the name Discord's settings show. */
  record Need(Permission permission, String name) {}

  /**
   * What a daily post needs: the message (an embed with buttons), its thread, and replies there.
   */
  static final List<Need> TO_POST =
      List.of(
          new Need(Permission.VIEW_CHANNEL, "View Channel"),
          new Need(Permission.MESSAGE_SEND, "Send Messages"),
          new Need(Permission.MESSAGE_EMBED_LINKS, "Embed Links"),
          new Need(Permission.CREATE_PUBLIC_THREADS, "Create Public Threads"),
          new Need(Permission.MESSAGE_SEND_IN_THREADS, "Send Messages in Threads"));

  private ChannelChecks() {}

  /**
   * The channel a daily command is about: the channel itself, or a thread's parent (commands given
   * in a post's thread are about the channel).
   */
  static GuildChannel target(GuildChannel channel) {
    if (channel instanceof ThreadChannel thread) {
      return thread.getParentChannel();
    }
    return channel;
  }

  /**
   * Whether {@code member} may configure daily prompts in {@code channel}: Administrator, Manage
   * Server or Manage Channels there (people listed in COACH_ADMINS are checked by the core).
   */
  static boolean organiser(Member member, GuildChannel channel) {
    return member != null
        && (member.hasPermission(channel, Permission.ADMINISTRATOR)
            || member.hasPermission(channel, Permission.MANAGE_SERVER)
            || member.hasPermission(channel, Permission.MANAGE_CHANNEL));
  }

  /**
   * Empty when the bot can post daily prompts in {@code channel}; else one sentence naming what is
   * missing, for the organiser to fix.
   */
  static Optional<String> postingProblem(GuildChannel channel) {
    if (!(channel instanceof IThreadContainer) || !(channel instanceof GuildMessageChannel)) {
      return Optional.of(
          "daily prompts need a text or announcement channel, where I can open a thread under each"
              + " post; run this in one of those.");
    }
    Member self = channel.getGuild().getSelfMember();
    List<String> missing =
        TO_POST.stream()
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
  static String names(List<String> names) {
    if (names.size() == 1) {
      return names.get(0);
    }
    return String.join(", ", names.subList(0, names.size() - 1))
        + " and "
        + names.get(names.size() - 1);
  }
}
