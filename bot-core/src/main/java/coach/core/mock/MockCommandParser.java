package coach.core.mock;

import coach.core.daily.DailyCommandParser;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Reads the words after {@code mock} into a {@link MockCommand}; mistakes become a friendly one.
 */
public final class MockCommandParser {

  /** Defaults of {@code mock schedule}, per the channel contract. */
  public static final int DEFAULT_MINUTES = 60;

  public static final int DEFAULT_MIN = 2;

  static final int MIN_MINUTES = 20;
  static final int MAX_MINUTES = 240;
  static final int MAX_DEADLINE_HOURS = 168;

  private static final List<String> KEYWORDS =
      List.of("zone", "minutes", "capacity", "min", "deadline", "weekly", "prompts");

  private MockCommandParser() {}

  public static MockCommand parse(String text) {
    String stripped = text == null ? "" : text.strip();
    String[] words = stripped.split("\\s+", 2);
    String verb = words[0].toLowerCase(Locale.ROOT);
    String rest = words.length > 1 ? words[1].strip() : "";
    return switch (verb) {
      case "", "help" -> new MockCommand.Help();
      case "list", "upcoming" -> new MockCommand.ListSessions();
      case "schedule", "new" -> schedule(rest);
      case "cancel" ->
          id(rest, "cancel").<MockCommand>map(MockCommand.Cancel::new).orElse(badId("cancel"));
      case "ics", "calendar" ->
          id(rest, "ics").<MockCommand>map(MockCommand.Ics::new).orElse(badId("ics"));
      case "move", "reschedule" -> move(rest);
      case "reminders", "reminder" -> reminders(rest);
      case "avoid" ->
          new MockCommand.Avoid(rest.isEmpty() ? Optional.empty() : Optional.of(rest), false);
      case "unavoid" ->
          rest.isEmpty()
              ? new MockCommand.Invalid("Say who to pair you with again: `mock unavoid @name`.")
              : new MockCommand.Avoid(Optional.of(rest), true);
      default -> new MockCommand.Invalid(usage("I don't know `mock " + clip(verb) + "`."));
    };
  }

  /** A session id as typed: {@code #K7QM}, {@code k7qm}. */
  static Optional<String> id(String text, String verb) {
    String word = text.strip().split("\\s+")[0];
    String id = word.startsWith("#") ? word.substring(1) : word;
    return id.matches("[A-Za-z0-9]{3,12}")
        ? Optional.of(id.toUpperCase(Locale.ROOT))
        : Optional.empty();
  }

  private static MockCommand badId(String verb) {
    return new MockCommand.Invalid(
        "Say which session: `mock "
            + verb
            + " ID`, with the id shown as #ID on its announcement or in `mock list`.");
  }

  private static MockCommand schedule(String rest) {
    List<String> tokens = tokens(rest);
    if (tokens.isEmpty() || !tokens.get(0).equalsIgnoreCase("at")) {
      return new MockCommand.Invalid(usage("Say when it starts."));
    }
    tokens.remove(0);
    Optional<LocalDate> date = tokens.isEmpty() ? Optional.empty() : date(tokens.remove(0));
    if (date.isEmpty()) {
      return new MockCommand.Invalid(usage("Give the date as YYYY-MM-DD, then the time as HH:MM."));
    }
    Optional<LocalTime> time = timeFrom(tokens);
    if (time.isEmpty()) {
      return new MockCommand.Invalid(usage("Give the start time as HH:MM after the date."));
    }
    Optional<ZoneId> zone = Optional.empty();
    int minutes = DEFAULT_MINUTES;
    OptionalInt capacity = OptionalInt.empty();
    int min = DEFAULT_MIN;
    OptionalInt deadline = OptionalInt.empty();
    boolean weekly = false;
    List<String> prompts = List.of();
    while (!tokens.isEmpty()) {
      String keyword = tokens.remove(0).toLowerCase(Locale.ROOT);
      if (keyword.equals("weekly")) {
        weekly = true;
        continue;
      }
      if (!KEYWORDS.contains(keyword)) {
        return new MockCommand.Invalid(usage("I don't know the option `" + clip(keyword) + "`."));
      }
      if (tokens.isEmpty()) {
        return new MockCommand.Invalid(usage("`" + keyword + "` needs a value."));
      }
      String value = tokens.remove(0);
      switch (keyword) {
        case "zone" -> {
          zone = DailyCommandParser.zone(value);
          if (zone.isEmpty()) {
            return unknownZone(value);
          }
        }
        case "minutes" -> {
          OptionalInt n = number(value);
          if (n.isEmpty() || n.getAsInt() < MIN_MINUTES || n.getAsInt() > MAX_MINUTES) {
            return new MockCommand.Invalid(
                "A mock session lasts between "
                    + MIN_MINUTES
                    + " and "
                    + MAX_MINUTES
                    + " minutes, for example `minutes 60`.");
          }
          minutes = n.getAsInt();
        }
        case "capacity" -> {
          capacity = number(value);
          if (capacity.isEmpty() || capacity.getAsInt() < 2) {
            return new MockCommand.Invalid(
                "Capacity is how many people can join, at least 2, for example `capacity 8`.");
          }
        }
        case "min" -> {
          OptionalInt n = number(value);
          if (n.isEmpty() || n.getAsInt() < 2) {
            return new MockCommand.Invalid(
                "The minimum is how many must say Going for the session to run, at least 2.");
          }
          min = n.getAsInt();
        }
        case "deadline" -> {
          deadline = number(value);
          if (deadline.isEmpty() || deadline.getAsInt() > MAX_DEADLINE_HOURS) {
            return new MockCommand.Invalid(
                "The RSVP deadline is in whole hours before the start, from 0 (at the start) to "
                    + MAX_DEADLINE_HOURS
                    + ", for example `deadline 2`.");
          }
        }
        default -> {
          StringBuilder ids = new StringBuilder(value);
          while (!tokens.isEmpty() && !KEYWORDS.contains(tokens.get(0).toLowerCase(Locale.ROOT))) {
            ids.append(',').append(tokens.remove(0));
          }
          prompts =
              List.of(ids.toString().toLowerCase(Locale.ROOT).split(",")).stream()
                  .map(String::strip)
                  .filter(s -> !s.isEmpty() && !s.equals("all"))
                  .distinct()
                  .toList();
        }
      }
    }
    if (capacity.isPresent() && capacity.getAsInt() < min) {
      return new MockCommand.Invalid(
          "The capacity ("
              + capacity.getAsInt()
              + ") is below the minimum ("
              + min
              + "): nobody could ever start this session. Raise `capacity` or lower `min`.");
    }
    return new MockCommand.Schedule(
        date.get(), time.get(), zone, minutes, capacity, min, deadline, weekly, prompts);
  }

  private static MockCommand move(String rest) {
    List<String> tokens = tokens(rest);
    Optional<String> id = tokens.isEmpty() ? Optional.empty() : id(tokens.remove(0), "move");
    if (id.isEmpty()) {
      return badId("move");
    }
    String usage = "Say the new time: `mock move " + id.get() + " at YYYY-MM-DD HH:MM [zone Z]`.";
    if (tokens.isEmpty() || !tokens.remove(0).equalsIgnoreCase("at") || tokens.isEmpty()) {
      return new MockCommand.Invalid(usage);
    }
    Optional<LocalDate> date = date(tokens.remove(0));
    Optional<LocalTime> time = timeFrom(tokens);
    if (date.isEmpty() || time.isEmpty()) {
      return new MockCommand.Invalid(usage);
    }
    Optional<ZoneId> zone = Optional.empty();
    if (!tokens.isEmpty()) {
      if (!tokens.remove(0).equalsIgnoreCase("zone") || tokens.isEmpty()) {
        return new MockCommand.Invalid(usage);
      }
      String value = tokens.remove(0);
      zone = DailyCommandParser.zone(value);
      if (zone.isEmpty()) {
        return unknownZone(value);
      }
    }
    if (!tokens.isEmpty()) {
      return new MockCommand.Invalid(usage);
    }
    return new MockCommand.Move(id.get(), date.get(), time.get(), zone);
  }

  private static MockCommand reminders(String rest) {
    Optional<Boolean> on = Optional.empty();
    Optional<MockStep> which = Optional.empty();
    for (String word : tokens(rest)) {
      switch (word.toLowerCase(Locale.ROOT)) {
        case "on", "yes" -> on = Optional.of(true);
        case "off", "no", "none" -> on = Optional.of(false);
        case "24h", "24", "day", "day-before", "daily" -> which = Optional.of(MockStep.REMIND_DAY);
        case "1h", "1", "hour", "hour-before" -> which = Optional.of(MockStep.REMIND_HOUR);
        case "all", "both" -> which = Optional.empty();
        default -> {
          return new MockCommand.Invalid(
              "Switch reminders with `mock reminders on` or `mock reminders off`, optionally"
                  + " naming one: `mock reminders off 24h` or `mock reminders on 1h`.");
        }
      }
    }
    if (on.isEmpty() && which.isPresent()) {
      return new MockCommand.Invalid("Say `on` or `off`, for example `mock reminders off 24h`.");
    }
    return new MockCommand.Reminders(on, which);
  }

  private static Optional<LocalTime> timeFrom(List<String> tokens) {
    if (tokens.isEmpty()) {
      return Optional.empty();
    }
    String text = tokens.remove(0);
    if (!tokens.isEmpty()
        && (tokens.get(0).equalsIgnoreCase("am") || tokens.get(0).equalsIgnoreCase("pm"))) {
      text = text + " " + tokens.remove(0);
    }
    return DailyCommandParser.time(text);
  }

  private static Optional<LocalDate> date(String text) {
    try {
      return Optional.of(LocalDate.parse(text));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static OptionalInt number(String text) {
    return text.matches("\\d{1,4}") ? OptionalInt.of(Integer.parseInt(text)) : OptionalInt.empty();
  }

  private static List<String> tokens(String text) {
    List<String> tokens = new ArrayList<>();
    for (String t : text.strip().split("\\s+")) {
      if (!t.isEmpty()) {
        tokens.add(t);
      }
    }
    return tokens;
  }

  private static MockCommand unknownZone(String value) {
    return new MockCommand.Invalid(
        "I don't know the time zone `"
            + clip(value)
            + "`. Use an IANA name such as `Europe/Berlin`, `America/New_York` or `Asia/Kolkata`.");
  }

  static String usage(String problem) {
    return problem
        + " Schedule with `mock schedule at YYYY-MM-DD HH:MM [zone Z] [minutes N] [capacity N]"
        + " [min N] [deadline HOURS] [weekly] [prompts ID,ID]`, for example `mock schedule at"
        + " 2026-12-10 18:00 zone Europe/Berlin capacity 6`. Other commands: `mock list`,"
        + " `mock cancel ID`, `mock move ID at YYYY-MM-DD HH:MM`, `mock ics ID`,"
        + " `mock reminders on|off [24h|1h]`, `mock avoid @name`.";
  }

  static String clip(String text) {
    String cleaned = text.replace("`", "").replace("@", "").replace("<", "").replace(">", "");
    return cleaned.length() > 40 ? cleaned.substring(0, 40) + "…" : cleaned;
  }
}
