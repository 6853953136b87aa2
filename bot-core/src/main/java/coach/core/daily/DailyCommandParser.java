package coach.core.daily;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the words after {@code daily} into a {@link DailyCommand}, or a friendly error. Its time
 * and zone readers are shared with the other channel commands.
 */
public final class DailyCommandParser {

  private static final Pattern TIME =
      Pattern.compile("(\\d{1,2})(?::(\\d{2}))?\\s*(am|pm)?", Pattern.CASE_INSENSITIVE);
  private static final List<String> KEYWORDS = List.of("zone", "days", "prompts");

  private DailyCommandParser() {}

  /** What was asked, or why it could not be read. */
  sealed interface Parsed permits Parsed.Ok, Parsed.Error {
    record Ok(DailyCommand command) implements Parsed {}

    record Error(String message) implements Parsed {}
  }

  static Parsed parse(String text) {
    String[] words = text.strip().split("\\s+", 2);
    String verb = words[0].toLowerCase(Locale.ROOT);
    String rest = words.length > 1 ? words[1].strip() : "";
    return switch (verb) {
      case "", "show", "status" -> ok(new DailyCommand.Show());
      case "pause" -> ok(new DailyCommand.Pause());
      case "resume" -> ok(new DailyCommand.Resume());
      case "off", "stop", "delete" -> ok(new DailyCommand.Off());
      case "now" -> ok(new DailyCommand.Now());
      case "list" -> ok(new DailyCommand.ListAll());
      case "skip" -> skip(rest);
      case "at", "set" -> set(rest);
      default -> new Parsed.Error(usage("I don't know `daily " + clip(verb) + "`."));
    };
  }

  private static Parsed ok(DailyCommand command) {
    return new Parsed.Ok(command);
  }

  private static Parsed skip(String rest) {
    try {
      return ok(new DailyCommand.Skip(LocalDate.parse(rest.strip())));
    } catch (DateTimeParseException e) {
      return new Parsed.Error(
          "Give the date to skip as YYYY-MM-DD, for example `daily skip 2026-12-25`.");
    }
  }

  private static Parsed set(String rest) {
    List<String> tokens = new ArrayList<>(List.of(rest.split("\\s+")));
    if (rest.isBlank()) {
      return new Parsed.Error(usage("Say when to post."));
    }
    // The time is everything before the first keyword ("9:30 am", "09:00").
    StringBuilder timeText = new StringBuilder();
    while (!tokens.isEmpty() && !KEYWORDS.contains(tokens.get(0).toLowerCase(Locale.ROOT))) {
      timeText.append(tokens.remove(0)).append(' ');
    }
    Optional<LocalTime> time = time(timeText.toString().strip());
    if (time.isEmpty()) {
      return new Parsed.Error(
          usage("`" + clip(timeText.toString().strip()) + "` isn't a time I can read."));
    }
    Optional<ZoneId> zone = Optional.empty();
    Optional<PostDays> days = Optional.empty();
    Optional<List<String>> prompts = Optional.empty();
    while (!tokens.isEmpty()) {
      String keyword = tokens.remove(0).toLowerCase(Locale.ROOT);
      StringBuilder value = new StringBuilder();
      while (!tokens.isEmpty() && !KEYWORDS.contains(tokens.get(0).toLowerCase(Locale.ROOT))) {
        value.append(tokens.remove(0)).append(' ');
      }
      String v = value.toString().strip();
      if (v.isEmpty()) {
        return new Parsed.Error(usage("`" + keyword + "` needs a value."));
      }
      switch (keyword) {
        case "zone" -> {
          zone = zone(v);
          if (zone.isEmpty()) {
            return new Parsed.Error(
                "I don't know the time zone `"
                    + clip(v)
                    + "`. Use an IANA name such as `Europe/Berlin`, `America/New_York` or"
                    + " `Asia/Kolkata`.");
          }
        }
        case "days" -> {
          days = PostDays.parse(v);
          if (days.isEmpty()) {
            return new Parsed.Error(
                "I can't read the days `"
                    + clip(v)
                    + "`. Say `every day`, `weekdays`, `weekends`, or days such as `mon,wed,fri`"
                    + " or `mon-fri`.");
          }
        }
        default -> {
          String lower = v.toLowerCase(Locale.ROOT);
          prompts =
              Optional.of(
                  lower.equals("all")
                      ? List.of()
                      : List.of(lower.split("[,\\s]+")).stream()
                          .filter(s -> !s.isEmpty())
                          .toList());
        }
      }
    }
    return ok(new DailyCommand.Set(time.get(), zone, days, prompts));
  }

  /** "09:00", "9:00", "9am", "9:30 pm", "21:15"; empty for anything else. */
  public static Optional<LocalTime> time(String text) {
    Matcher m = TIME.matcher(text.strip());
    if (!m.matches()) {
      return Optional.empty();
    }
    int hour = Integer.parseInt(m.group(1));
    int minute = m.group(2) == null ? 0 : Integer.parseInt(m.group(2));
    String half = m.group(3);
    if (half != null) {
      if (hour < 1 || hour > 12) {
        return Optional.empty();
      }
      hour = hour % 12 + (half.equalsIgnoreCase("pm") ? 12 : 0);
    } else if (m.group(2) == null) {
      return Optional.empty();
    }
    if (hour > 23 || minute > 59) {
      return Optional.empty();
    }
    return Optional.of(LocalTime.of(hour, minute));
  }

  /** An IANA zone id, matched without regard to case; empty for anything else. */
  public static Optional<ZoneId> zone(String text) {
    return ZoneId.getAvailableZoneIds().stream()
        .filter(id -> id.equalsIgnoreCase(text.strip()))
        .findFirst()
        .map(ZoneId::of);
  }

  static String usage(String problem) {
    return problem
        + " Set a schedule with `daily at HH:MM [zone IANA-ZONE] [days DAYS] [prompts all|ID,ID]`,"
        + " for example `daily at 09:00 zone Europe/Berlin days mon-fri`. Other commands: `daily`,"
        + " `daily pause`, `daily resume`, `daily off`, `daily skip YYYY-MM-DD`, `daily now`,"
        + " `daily list`.";
  }

  private static String clip(String text) {
    String cleaned = text.replace("`", "").replace("@", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
  }
}
