package coach.discord.mock;

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
 * The mock-session sub-commands of {@code /coach}, named as in the channels contract: {@code /coach
 * mock schedule|list|cancel|move|ics|reminders|avoid|unavoid} with the options {@code at}, {@code
 * zone}, {@code minutes}, {@code capacity}, {@code min}, {@code deadline}, {@code weekly}, {@code
 * prompts} and {@code id}. A sub-command and its options become the words the core reads after
 * {@code mock} ({@code schedule at 2026-12-10 18:00 zone Europe/Berlin capacity 6 weekly}). Numbers
 * are integer options Discord checks before sending; {@code zone}, {@code prompts} and {@code id}
 * are completed as they are typed.
 */
final class MockCommandOptions {

  static final String GROUP = "mock";

  /** Option names, as the contract's words. */
  static final String AT = "at";

  static final String ZONE = "zone";
  static final String MINUTES = "minutes";
  static final String CAPACITY = "capacity";
  static final String MIN = "min";
  static final String DEADLINE = "deadline";
  static final String WEEKLY = "weekly";
  static final String PROMPTS = "prompts";
  static final String ID = "id";
  static final String TURN = "turn";
  static final String WHICH = "which";
  static final String USER = "user";

  /** The bounds the core accepts, so Discord refuses the rest before they are sent. */
  private static final int MIN_MINUTES = 20;

  private static final int MAX_MINUTES = 240;
  private static final int MAX_PEOPLE = 500;
  private static final int MAX_DEADLINE_HOURS = 168;

  private MockCommandOptions() {}

  /** {@code /coach mock ...}. */
  static SubcommandGroupData group() {
    return new SubcommandGroupData(GROUP, "Group mock interviews in this channel")
        .addSubcommands(
            new SubcommandData("schedule", "Announce a mock interview session here (organisers)")
                .addOptions(
                    at("Local start, YYYY-MM-DD HH:MM, e.g. 2026-12-10 18:00"),
                    zone(),
                    new OptionData(OptionType.INTEGER, MINUTES, "Length in minutes (default 60)")
                        .setRequiredRange(MIN_MINUTES, MAX_MINUTES),
                    new OptionData(OptionType.INTEGER, CAPACITY, "Places (default: no limit)")
                        .setRequiredRange(2, MAX_PEOPLE),
                    new OptionData(
                            OptionType.INTEGER, MIN, "Fewest people for it to run (default 2)")
                        .setRequiredRange(2, MAX_PEOPLE),
                    new OptionData(
                            OptionType.INTEGER,
                            DEADLINE,
                            "RSVP deadline, hours before the start (0 = at the start)")
                        .setRequiredRange(0, MAX_DEADLINE_HOURS),
                    new OptionData(OptionType.BOOLEAN, WEEKLY, "Repeat every week"),
                    new OptionData(
                            OptionType.STRING,
                            PROMPTS,
                            "Prompt ids (default: chosen for each candidate)")
                        .setAutoComplete(true)),
            new SubcommandData("list", "This channel's upcoming sessions"),
            new SubcommandData("cancel", "Cancel a session; everyone going is told (organisers)")
                .addOptions(id()),
            new SubcommandData("move", "Move a session; everyone going is told (organisers)")
                .addOptions(id(), at("New local start, YYYY-MM-DD HH:MM"), zone()),
            new SubcommandData("ics", "A session as a calendar file, for you").addOptions(id()),
            new SubcommandData("reminders", "Your DM reminders a day and an hour before")
                .addOptions(
                    new OptionData(OptionType.STRING, TURN, "Switch them on or off")
                        .addChoice("on", "on")
                        .addChoice("off", "off"),
                    new OptionData(OptionType.STRING, WHICH, "Only one of them")
                        .addChoice("a day before", "24h")
                        .addChoice("an hour before", "1h")),
            new SubcommandData("avoid", "Never be paired with someone (private)")
                .addOptions(
                    new OptionData(OptionType.USER, USER, "Who (leave out to see your list)")),
            new SubcommandData("unavoid", "Allow pairing with someone again")
                .addOptions(new OptionData(OptionType.USER, USER, "Who", true)));
  }

  private static OptionData at(String description) {
    return new OptionData(OptionType.STRING, AT, description, true);
  }

  private static OptionData zone() {
    return new OptionData(OptionType.STRING, ZONE, "IANA time zone (default: yours)")
        .setAutoComplete(true);
  }

  private static OptionData id() {
    return new OptionData(OptionType.STRING, ID, "The session's id, shown as #ID", true)
        .setAutoComplete(true);
  }

  /**
   * The words after {@code mock} that the core reads, from a sub-command of the group and its
   * options ({@code option} gives an option's value as text by name).
   */
  static String requestText(String subcommand, Function<String, Optional<String>> option) {
    String sub = subcommand == null ? "list" : subcommand;
    StringBuilder text = new StringBuilder(sub);
    switch (sub) {
      case "schedule" -> {
        text.append(" at ").append(words(option.apply(AT).orElse("")));
        zoneWords(option, text);
        for (String number : List.of(MINUTES, CAPACITY, MIN, DEADLINE)) {
          option
              .apply(number)
              .map(MockCommandOptions::oneWord)
              .filter(n -> !n.isEmpty())
              .ifPresent(n -> text.append(' ').append(number).append(' ').append(n));
        }
        if (option.apply(WEEKLY).map(Boolean::parseBoolean).orElse(false)) {
          text.append(" weekly");
        }
        option
            .apply(PROMPTS)
            .map(MockCommandOptions::list)
            .filter(p -> !p.isEmpty())
            .ifPresent(p -> text.append(" prompts ").append(p));
      }
      case "cancel", "ics" -> text.append(' ').append(oneWord(option.apply(ID).orElse("")));
      case "move" -> {
        text.append(' ').append(oneWord(option.apply(ID).orElse("")));
        text.append(" at ").append(words(option.apply(AT).orElse("")));
        zoneWords(option, text);
      }
      case "reminders" -> {
        option.apply(TURN).ifPresent(t -> text.append(' ').append(oneWord(t)));
        option.apply(WHICH).ifPresent(w -> text.append(' ').append(oneWord(w)));
      }
      case "avoid", "unavoid" ->
          option
              .apply(USER)
              .map(MockCommandOptions::oneWord)
              .filter(u -> !u.isEmpty())
              .ifPresent(u -> text.append(" <@").append(u).append('>'));
      default -> {}
    }
    return text.toString();
  }

  private static void zoneWords(Function<String, Optional<String>> option, StringBuilder text) {
    option
        .apply(ZONE)
        .map(MockCommandOptions::oneWord)
        .filter(z -> !z.isEmpty())
        .ifPresent(z -> text.append(" zone ").append(z));
  }

  /** Autocomplete choices for {@code zone} and {@code prompts} (ids are the feature's). */
  static List<Command.Choice> choices(Curriculum curriculum, String option, String typed) {
    return switch (option) {
      case ZONE -> Autocomplete.zones(typed);
      case PROMPTS -> Autocomplete.promptList(curriculum, typed, Optional.empty());
      default -> List.of();
    };
  }

  /** Words with their spacing tidied. */
  private static String words(String text) {
    return text.strip().replaceAll("\\s+", " ");
  }

  /** A zone, an id or a number has no spaces: any typed are dropped. */
  private static String oneWord(String text) {
    return text.replaceAll("\\s+", "");
  }

  /** Prompt ids, however they were separated, as {@code a,b,c}. */
  private static String list(String text) {
    return String.join(
        ",",
        Arrays.stream(text.toLowerCase(Locale.ROOT).split("[,\\s]+"))
            .filter(s -> !s.isEmpty())
            .toList());
  }
}
