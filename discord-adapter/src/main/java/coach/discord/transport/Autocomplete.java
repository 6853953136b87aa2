package coach.discord.transport;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;
import net.dv8tion.jda.api.interactions.commands.Command;

/** Autocomplete answers for slash command options, within Discord's limits. */
public final class Autocomplete {

  /** Autocomplete answers at most this many choices (Discord's limit). */
  public static final int MAX_CHOICES = 25;

  /** A choice's name and value are at most this long. */
  public static final int MAX_CHOICE_TEXT = 100;

  private Autocomplete() {}

  /** Prompts whose id or title contains what was typed, best first: id prefix, then the rest. */
  public static List<Command.Choice> prompts(Curriculum curriculum, String typed) {
    return prompts(curriculum, typed, "", "");
  }

  /**
   * Like {@link #prompts(Curriculum, String)}, with {@code namePrefix} and {@code valuePrefix}
   * before each choice's name and value (the ids already picked in a list), leaving out choices
   * whose value would be too long.
   */
  public static List<Command.Choice> prompts(
      Curriculum curriculum, String typed, String namePrefix, String valuePrefix) {
    String query = normalise(typed);
    List<Command.Choice> first = new ArrayList<>();
    List<Command.Choice> rest = new ArrayList<>();
    for (Prompt prompt : curriculum.prompts()) {
      String id = prompt.id().toLowerCase(Locale.ROOT);
      String title = prompt.title().toLowerCase(Locale.ROOT);
      String value = valuePrefix + prompt.id();
      if (value.length() > MAX_CHOICE_TEXT) {
        continue;
      }
      Command.Choice choice =
          new Command.Choice(
              DiscordText.truncate(
                  namePrefix + prompt.title() + " (" + prompt.id() + ")", MAX_CHOICE_TEXT),
              value);
      if (id.startsWith(query)) {
        first.add(choice);
      } else if (id.contains(query) || title.contains(query)) {
        rest.add(choice);
      }
    }
    first.addAll(rest);
    return first.size() > MAX_CHOICES ? first.subList(0, MAX_CHOICES) : first;
  }

  /**
   * Choices for a comma-separated list of prompt ids: the ids typed so far stay, and the last part
   * is completed from prompt ids and titles, leaving out ids already picked. {@code first} (such as
   * "all") is offered first while nothing is picked and it matches what was typed.
   */
  public static List<Command.Choice> promptList(
      Curriculum curriculum, String typed, Optional<Command.Choice> first) {
    String text = typed == null ? "" : typed;
    int comma = text.lastIndexOf(',');
    List<String> picked =
        comma < 0
            ? List.of()
            : Arrays.stream(text.substring(0, comma).split(","))
                .map(String::strip)
                .filter(s -> !s.isEmpty())
                .toList();
    String last = text.substring(comma + 1).strip();
    List<Command.Choice> choices = new ArrayList<>();
    first
        .filter(c -> picked.isEmpty() && c.getAsString().startsWith(normalise(last)))
        .ifPresent(choices::add);
    String names = picked.isEmpty() ? "" : String.join(", ", picked) + ", ";
    String values = picked.isEmpty() ? "" : String.join(",", picked) + ",";
    for (Command.Choice choice : prompts(curriculum, last, names, values)) {
      String id = choice.getAsString().substring(values.length());
      if (!picked.contains(id) && choices.size() < MAX_CHOICES) {
        choices.add(choice);
      }
    }
    return choices;
  }

  /** IANA zone names (and UTC) containing what was typed, shortest first. */
  public static List<Command.Choice> zones(String typed) {
    String query = normalise(typed);
    return Stream.concat(
            Stream.of("UTC"),
            ZoneId.getAvailableZoneIds().stream()
                .filter(z -> z.contains("/") && !z.startsWith("Etc/") && !z.startsWith("SystemV/")))
        .filter(z -> z.toLowerCase(Locale.ROOT).contains(query))
        .sorted((a, b) -> a.length() != b.length() ? a.length() - b.length() : a.compareTo(b))
        .limit(MAX_CHOICES)
        .map(z -> new Command.Choice(z, z))
        .toList();
  }

  /** Fixed words that contain what was typed, in their order, each its own name and value. */
  public static List<Command.Choice> words(List<String> words, String typed) {
    String query = normalise(typed);
    return words.stream()
        .filter(w -> w.toLowerCase(Locale.ROOT).contains(query))
        .limit(MAX_CHOICES)
        .map(w -> new Command.Choice(w, w))
        .toList();
  }

  private static String normalise(String typed) {
    return typed == null ? "" : typed.strip().toLowerCase(Locale.ROOT);
  }
}
