package coach.discord;

import coach.core.chat.CommandWord;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.privacy.PrivacyService;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import net.dv8tion.jda.api.interactions.IntegrationType;
import net.dv8tion.jda.api.interactions.InteractionContextType;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.Commands;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SlashCommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The {@code /coach} slash command: one sub-command per {@link CommandWord}, so {@code /coach
 * practice prompt:fraud-checkout} is the word {@code practice} with the argument {@code
 * fraud-checkout}. Words that take an argument get one optional option: {@code prompt} (with
 * autocomplete from the curriculum), {@code zone} (autocomplete from IANA zone names), {@code view}
 * and {@code confirm} (fixed choices), or {@code argument} for a word added later.
 */
final class SlashCommands {

  static final String NAME = "coach";

  /** Autocomplete answers at most this many choices (Discord's limit). */
  static final int MAX_CHOICES = 25;

  private static final int MAX_DESCRIPTION = 100;
  private static final int MAX_CHOICE_NAME = 100;

  private SlashCommands() {}

  /** The command registered at start-up; usable in servers and in the bot's DMs. */
  static SlashCommandData definition() {
    SlashCommandData command =
        Commands.slash(NAME, "Practise ML system design interviews with the coach")
            .setContexts(InteractionContextType.GUILD, InteractionContextType.BOT_DM)
            .setIntegrationTypes(IntegrationType.GUILD_INSTALL);
    for (CommandWord word : CommandWord.values()) {
      SubcommandData sub =
          new SubcommandData(
              word.word(), DiscordText.truncate(word.description(), MAX_DESCRIPTION));
      if (word.takesArgument()) {
        sub.addOptions(option(word));
      }
      command.addSubcommands(sub);
    }
    return command;
  }

  /** The option name of a word's argument. */
  static String optionName(CommandWord word) {
    return switch (word) {
      case PRACTICE -> "prompt";
      case TIMEZONE -> "zone";
      case PROGRESS -> "view";
      case FORGET -> "confirm";
      default -> "argument";
    };
  }

  private static OptionData option(CommandWord word) {
    return switch (word) {
      case PRACTICE ->
          new OptionData(OptionType.STRING, "prompt", "Which scenario (leave out and I'll pick)")
              .setAutoComplete(true);
      case TIMEZONE ->
          new OptionData(OptionType.STRING, "zone", "An IANA time zone, e.g. Europe/Berlin")
              .setAutoComplete(true);
      case PROGRESS ->
          new OptionData(OptionType.STRING, "view", "Leave out for coverage, or list past sessions")
              .addChoice("history", "history");
      case FORGET ->
          new OptionData(OptionType.STRING, "confirm", "Delete everything now, without asking")
              .addChoice(PrivacyService.CONFIRM_WORD, PrivacyService.CONFIRM_WORD);
      default -> new OptionData(OptionType.STRING, "argument", "What the command acts on");
    };
  }

  /** A sub-command name as the command word, if it is one. */
  static Optional<CommandWord> word(String subcommand) {
    return subcommand == null ? Optional.empty() : CommandWord.of(subcommand);
  }

  /** Prompts whose id or title contains what was typed, best first: id prefix, then the rest. */
  static List<Command.Choice> promptChoices(Curriculum curriculum, String typed) {
    String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    List<Command.Choice> first = new ArrayList<>();
    List<Command.Choice> rest = new ArrayList<>();
    for (Prompt prompt : curriculum.prompts()) {
      String id = prompt.id().toLowerCase(Locale.ROOT);
      String title = prompt.title().toLowerCase(Locale.ROOT);
      Command.Choice choice =
          new Command.Choice(
              DiscordText.truncate(prompt.title() + " (" + prompt.id() + ")", MAX_CHOICE_NAME),
              prompt.id());
      if (id.startsWith(query)) {
        first.add(choice);
      } else if (id.contains(query) || title.contains(query)) {
        rest.add(choice);
      }
    }
    first.addAll(rest);
    return first.size() > MAX_CHOICES ? first.subList(0, MAX_CHOICES) : first;
  }

  /** IANA zone names containing what was typed, shortest first. */
  static List<Command.Choice> zoneChoices(String typed) {
    String query = typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
    return ZoneId.getAvailableZoneIds().stream()
        .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/"))
        .filter(z -> z.toLowerCase(Locale.ROOT).contains(query))
        .sorted((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b))
        .limit(MAX_CHOICES)
        .map(z -> new Command.Choice(z, z))
        .toList();
  }
}
