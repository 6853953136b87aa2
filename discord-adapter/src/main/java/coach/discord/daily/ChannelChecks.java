package coach.discord.daily;

import coach.discord.transport.Channels;
import coach.discord.transport.Channels.Need;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.channel.attribute.IThreadContainer;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.entities.channel.middleman.GuildMessageChannel;

/** Whether the bot can post daily prompts in a channel ({@link Channels} has the common checks). */
final class ChannelChecks {

  /**
   * What a daily post needs: the message (an embed with buttons), its thread, and replies there.
   */
  static final List<Need> TO_POST = toPost();

  private ChannelChecks() {}

  private static List<Need> toPost() {
    List<Need> needs = new ArrayList<>(Channels.TO_POST_EMBEDS);
    needs.add(new Need(Permission.CREATE_PUBLIC_THREADS, "Create Public Threads"));
    needs.add(new Need(Permission.MESSAGE_SEND_IN_THREADS, "Send Messages in Threads"));
    return List.copyOf(needs);
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
    return Channels.missing(channel, TO_POST);
  }
}
