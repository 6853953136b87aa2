package coach.core.daily;

import java.time.DayOfWeek;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The weekdays a channel gets a post: {@code every day}, {@code weekdays}, {@code weekends}, or a
 * list or range of {@code mon tue wed thu fri sat sun} ({@code mon,wed,fri}, {@code mon-fri}).
 */
public record PostDays(Set<DayOfWeek> days) {

  public PostDays {
    if (days.isEmpty()) {
      throw new IllegalArgumentException("a schedule posts on at least one day");
    }
    days = Set.copyOf(EnumSet.copyOf(days));
  }

  public static final PostDays EVERY_DAY = new PostDays(EnumSet.allOf(DayOfWeek.class));

  /** Parses the contract's DAYS words; empty when they are not understood. */
  public static Optional<PostDays> parse(String text) {
    String words = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
    switch (words) {
      case "every day", "everyday", "daily", "all" -> {
        return Optional.of(EVERY_DAY);
      }
      case "weekdays", "workdays" -> {
        return Optional.of(new PostDays(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY)));
      }
      case "weekends", "weekend" -> {
        return Optional.of(new PostDays(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY)));
      }
      default -> {}
    }
    EnumSet<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (String part : words.split("[,\\s]+")) {
      if (part.isEmpty()) {
        continue;
      }
      String[] range = part.split("-", -1);
      if (range.length == 1) {
        Optional<DayOfWeek> day = day(range[0]);
        if (day.isEmpty()) {
          return Optional.empty();
        }
        days.add(day.get());
      } else if (range.length == 2) {
        Optional<DayOfWeek> from = day(range[0]);
        Optional<DayOfWeek> to = day(range[1]);
        if (from.isEmpty() || to.isEmpty()) {
          return Optional.empty();
        }
        // A range may wrap past Sunday: fri-mon is Friday to Monday.
        DayOfWeek d = from.get();
        days.add(d);
        while (d != to.get()) {
          d = d.plus(1);
          days.add(d);
        }
      } else {
        return Optional.empty();
      }
    }
    return days.isEmpty() ? Optional.empty() : Optional.of(new PostDays(days));
  }

  private static Optional<DayOfWeek> day(String word) {
    if (word.length() < 3) {
      return Optional.empty();
    }
    for (DayOfWeek day : DayOfWeek.values()) {
      String name = day.getDisplayName(TextStyle.FULL, Locale.ENGLISH).toLowerCase(Locale.ROOT);
      if (name.startsWith(word)) {
        return Optional.of(day);
      }
    }
    return Optional.empty();
  }

  public boolean includes(DayOfWeek day) {
    return days.contains(day);
  }

  /** The stored form: a comma list of three-letter names, Monday first. */
  public String code() {
    List<String> names = new ArrayList<>();
    for (DayOfWeek day : EnumSet.copyOf(days)) {
      names.add(day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT));
    }
    return String.join(",", names);
  }

  /** How people say it: "every day", "weekdays", "weekends", or "mon, wed, fri". */
  public String describe() {
    if (days.size() == 7) {
      return "every day";
    }
    if (days.equals(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY))) {
      return "weekdays";
    }
    if (days.equals(EnumSet.of(DayOfWeek.SATURDAY, DayOfWeek.SUNDAY))) {
      return "weekends";
    }
    return code().replace(",", ", ");
  }
}
