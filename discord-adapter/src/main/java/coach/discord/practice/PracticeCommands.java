package coach.discord.practice;

import coach.core.chat.CommandWord;
import coach.core.privacy.PrivacyService;
import coach.discord.transport.DiscordText;
import java.util.ArrayList;
import java.util.List;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;

/**
 * The practice sub-commands of {@code /coach}: one per {@link CommandWord}, so {@code /coach
 * practice prompt:fraud-checkout} is the word {@code practice} with the argument {@code
 * fraud-checkout}. Words that take an argument get one optional option: {@code prompt} (with
 * autocomplete from the curriculum), {@code zone} (autocomplete from IANA zone names), {@code view}
 * and {@code confirm} (fixed choices), or {@code argument} for a word added later.
 */
public final class PracticeCommands {

  private static final int MAX_DESCRIPTION = 100;

  private PracticeCommands() {}

  /** One sub-command per command word. */
  public static List<SubcommandData> subcommands() {
    List<SubcommandData> subs = new ArrayList<>();
    for (CommandWord word : CommandWord.values()) {
      SubcommandData sub =
          new SubcommandData(
              word.word(), DiscordText.truncate(word.description(), MAX_DESCRIPTION));
      if (word.takesArgument()) {
        sub.addOptions(option(word));
      }
      subs.add(sub);
    }
    return subs;
  }

  /** The option name of a word's argument. */
  public static String optionName(CommandWord word) {
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
}
