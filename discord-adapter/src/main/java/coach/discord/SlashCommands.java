package coach.discord;

import coach.discord.daily.DailyCommandOptions;
import coach.discord.daily.PromptCommandOptions;
import coach.discord.mock.MockFeature;
import coach.discord.practice.PracticeCommands;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;

/**
 * The {@code /coach} slash command: a sub-command per practice command word ({@link
 * PracticeCommands}) and, when daily prompts are on, the {@code daily} group and {@code feedback}
 * ({@link DailyCommandOptions}) and the {@code prompt} group ({@link PromptCommandOptions}), and
 * when mock sessions are on, the {@code mock} group ({@link MockFeature#commands()}).
 */
final class SlashCommands {

  static final String NAME = "coach";

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
}
