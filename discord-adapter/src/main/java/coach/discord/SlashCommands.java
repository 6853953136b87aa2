package coach.discord;

import coach.discord.daily.DailyCommandOptions;
import coach.discord.daily.PromptCommandOptions;
import coach.discord.mock.MockFeature;
import coach.discord.practice.PracticeCommands;
import coach.discord.transport.DiscordPoster;
import java.util.Optional;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code /coach} slash command: a sub-command per practice command word ({@link
 * PracticeCommands}) and, when daily prompts are on, the {@code daily} group and {@code feedback}
 * ({@link DailyCommandOptions}) and the {@code prompt} group ({@link PromptCommandOptions}), and
 * when mock sessions are on, the {@code mock} group ({@link MockFeature#commands()}).
 */
final class SlashCommands {

  static final String NAME = "coach";

  private static final Logger log = LoggerFactory.getLogger(SlashCommands.class);

  private SlashCommands() {}

  /** The command registered at start-up; usable in servers and in the bot's DMs. */
  static SlashCommandData definition(boolean daily, boolean mock) {
    SlashCommandData command =
        Commands.slash(NAME, "Practise ML system design interviews with the coach")
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
            .setIntegrationTypes(IntegrationType.GUILD_INSTALL)
            .addSubcommands(PracticeCommands.subcommands());
    if (daily) {
      command
          .addSubcommandGroups(DailyCommandOptions.group(), PromptCommandOptions.group())
          .addSubcommands(DailyCommandOptions.feedback());
    }
    if (mock) {
      command.addSubcommandGroups(MockFeature.commands());
    }
    return command;
  }

  /**
   * Registers {@code /coach} on the server {@code guildId}, or globally without one.
   *
   * @throws DiscordStartException with one sentence when the server is unknown or Discord refuses
   */
  static void register(
      JDA jda, DiscordPoster poster, Optional<String> guildId, boolean daily, boolean mock) {
    var definition = definition(daily, mock);
    if (guildId.isPresent()) {
      String id = guildId.get();
      Guild guild = jda.getGuildById(id);
      if (guild == null) {
        throw new DiscordStartException(
            "The bot is not a member of the server DISCORD_GUILD_ID="
                + id
                + "; invite it with the URL in the README, or unset DISCORD_GUILD_ID.");
      }
      poster
          .call(
              "registering /coach on server " + id,
              () -> guild.updateCommands().addCommands(definition))
          .orElseThrow(
              () ->
                  new DiscordStartException(
                      "Discord refused to register /coach on server "
                          + id
                          + "; was the bot invited with the applications.commands scope?"));
      log.info("Discord: /coach registered on server {} ({})", guild.getName(), id);
    } else {
      poster
          .call("registering /coach", () -> jda.updateCommands().addCommands(definition))
          .orElseThrow(
              () -> new DiscordStartException("Discord refused to register the /coach command."));
      log.info("Discord: /coach registered globally (it may take a while to show everywhere)");
    }
  }
}
