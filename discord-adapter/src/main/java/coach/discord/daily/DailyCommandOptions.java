package coach.discord.daily;

import coach.core.curriculum.Curriculum;
import coach.discord.transport.Autocomplete;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import net.dv8tion.jda.api.interactions.commands.Command;
import net.dv8tion.jda.api.interactions.commands.OptionType;
import net.dv8tion.jda.api.interactions.commands.build.OptionData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandData;
import net.dv8tion.jda.api.interactions.commands.build.SubcommandGroupData;

/**
 * The daily sub-commands of {@code /coach}, named as in the channels contract: {@code /coach daily
 * show|set|pause|resume|off|skip|now|list} with the options {@code time}, {@code zone}, {@code
 * days}, {@code prompts} and {@code date}, and {@code /coach feedback}. A sub-command and its
 * options become the words the core reads after {@code daily} ({@code at 09:00 zone Europe/Berlin
 * days mon-fri prompts all}); zones, days and prompts are offered by autocomplete as they are
 * typed. Discord cannot run a sub-command group bare, so {@code show} stands for plain {@code
 * daily}.
 */
public final class DailyCommandOptions {

  public static final String GROUP = "daily";
  public static final String FEEDBACK = "feedback";

  /** What {@code days} offers; any other list or range of day names works too. */
  static final List<String> DAY_WORDS =
      List.of("every day", "weekdays", "weekends", "mon-fri", "mon,wed,fri", "tue,thu", "sat,sun");

  private static final String ALL = "all";

  private DailyCommandOptions() {}

  /** {@code /coach daily ...}. */
  public static SubcommandGroupData group() {
    return new SubcommandGroupData(GROUP, "Daily design questions in this channel")
        .addSubcommands(
            new SubcommandData("show", "This channel's daily schedule and its next three posts"),
            new SubcommandData("set", "Post a design question here on a schedule (organisers)")
                .addOptions(
                    new OptionData(
                        OptionType.STRING,
                        "time",
                        "Local post time, 24-hour HH:MM, e.g. 09:00",
                        true),
                    new OptionData(
                            OptionType.STRING,
                            "zone",
                            "IANA time zone (default: yours), e.g. Europe/Berlin")
                        .setAutoComplete(true),
                    new OptionData(
                            OptionType.STRING,
                            "days",
                            "every day (default), weekdays, weekends, mon-fri...")
                        .setAutoComplete(true),
                    new OptionData(
                            OptionType.STRING,
                            "prompts",
                            "all (default), or prompt ids: fraud-checkout,...")
                        .setAutoComplete(true)),
            new SubcommandData("pause", "Stop posting here for now (organisers)"),
            new SubcommandData("resume", "Start posting here again (organisers)"),
            new SubcommandData("off", "Delete this channel's schedule (organisers)"),
            new SubcommandData("skip", "No post on one date, e.g. a holiday (organisers)")
                .addOptions(
                    new OptionData(
                        OptionType.STRING, "date", "The local date to skip, YYYY-MM-DD", true)),
            new SubcommandData(
                "now", "Post the next question now; it counts as today's (organisers)"),
            new SubcommandData("list", "Every daily schedule on this server (organisers)"));
  }

  /** {@code /coach feedback}: private feedback on one's latest daily answer in this channel. */
  public static SubcommandData feedback() {
    return new SubcommandData(FEEDBACK, "Your private feedback on your latest daily answer here");
  }

  /**
   * The words after {@code daily} that the core reads, from a sub-command of the group and its
   * options ({@code option} gives an option's value by name).
   */
  static String requestText(String subcommand, Function<String, Optional<String>> option) {
    String sub = subcommand == null ? "show" : subcommand;
    return switch (sub) {
      case "show" -> "";
      case "set" -> {
        StringBuilder text = new StringBuilder("at ").append(words(option.apply("time")));
        option
            .apply("zone")
            .map(DailyCommandOptions::oneWord)
            .filter(z -> !z.isEmpty())
            .ifPresent(z -> text.append(" zone ").append(z));
        option
            .apply("days")
            .map(DailyCommandOptions::words)
            .filter(d -> !d.isEmpty())
            .ifPresent(d -> text.append(" days ").append(d.toLowerCase(Locale.ROOT)));
        option
            .apply("prompts")
            .map(DailyCommandOptions::list)
            .filter(p -> !p.isEmpty())
            .ifPresent(p -> text.append(" prompts ").append(p));
        yield text.toString();
      }
      case "skip" -> "skip " + oneWord(option.apply("date").orElse(""));
      default -> sub;
    };
  }

  /** Autocomplete choices for the option being typed in {@code /coach daily set}. */
  static List<Command.Choice> choices(Curriculum curriculum, String option, String typed) {
    return switch (option) {
      case "zone" -> Autocomplete.zones(typed);
      case "days" -> Autocomplete.words(DAY_WORDS, typed);
      case "prompts" -> promptChoices(curriculum, typed);
      default -> List.of();
    };
  }

  /**
   * {@code prompts} is a comma-separated list: the ids typed so far stay, and the last part is
   * completed from prompt ids and titles ({@code all} is offered first while nothing is picked).
   */
  static List<Command.Choice> promptChoices(Curriculum curriculum, String typed) {
    return Autocomplete.promptList(
        curriculum, typed, Optional.of(new Command.Choice("all prompts, in turn", ALL)));
  }

  /** Words with their spacing tidied. */
  private static String words(Optional<String> text) {
    return text.map(DailyCommandOptions::words).orElse("");
  }

  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** A zone or a date has no spaces: any typed are dropped. */
  private static String oneWord(String text) {
    return text.replaceAll("\\s+", "");
  }

  /** Prompt ids, however they were separated, as {@code a,b,c}. */
  private static String list(String text) {
    return String.join(
        ",", Arrays.stream(text.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList());
  }
}
