package coach.core.mock;

import biweekly.ICalendar;
import biweekly.component.Observance;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.property.DateStart;
import biweekly.util.DateTimeComponents;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Reads a parsed DTSTART the way RFC 5545 defines it, independently of biweekly's own time-zone
 * resolver: an observance starts at its local DTSTART in its TZOFFSETFROM and lasts until the next
 * observance starts; a local time belongs to the observance whose span contains it once its
 * TZOFFSETTO is applied. Only explicit observances (no RRULE) are understood, which is what {@link
 * ZoneDefinitions} writes.
 */
final class ZoneDefinitionReader {

  private ZoneDefinitionReader() {}

  /** The instant a parsed DTSTART stands for; fails when the file leaves it ambiguous. */
  static Instant instant(ICalendar ical, DateStart dtstart) {
    TimezoneAssignment zone = ical.getTimezoneInfo().getTimezone(dtstart);
    if (zone == null) {
      if (!dtstart.getValue().getRawComponents().isUtc()) {
        throw new AssertionError("a floating DTSTART");
      }
      return dtstart.getValue().toInstant();
    }
    VTimezone definition = zone.getComponent();
    if (definition == null) {
      throw new AssertionError("TZID without a VTIMEZONE");
    }
    List<Observance> observances = new ArrayList<>();
    observances.addAll(definition.getStandardTimes());
    observances.addAll(definition.getDaylightSavingsTime());
    observances.forEach(
        o -> {
          if (o.getRecurrenceRule() != null || !o.getRecurrenceDates().isEmpty()) {
            throw new AssertionError("this reader only understands explicit observances");
          }
        });
    observances.sort(Comparator.comparing(ZoneDefinitionReader::onset));
    LocalDateTime local = local(dtstart.getValue().getRawComponents());
    List<Instant> readings = new ArrayList<>();
    for (int i = 0; i < observances.size(); i++) {
      Instant candidate = local.toInstant(to(observances.get(i)));
      boolean started = !candidate.isBefore(onset(observances.get(i)));
      boolean ended =
          i + 1 < observances.size() && !candidate.isBefore(onset(observances.get(i + 1)));
      if (started && !ended) {
        readings.add(candidate);
      }
    }
    if (readings.size() != 1) {
      throw new AssertionError(
          local + " reads as " + readings + " in " + definition.getTimezoneId());
    }
    return readings.get(0);
  }

  private static Instant onset(Observance observance) {
    LocalDateTime start = local(observance.getDateStart().getValue().getRawComponents());
    return start.toInstant(offset(observance.getTimezoneOffsetFrom().getValue().getMillis()));
  }

  private static ZoneOffset to(Observance observance) {
    return offset(observance.getTimezoneOffsetTo().getValue().getMillis());
  }

  private static ZoneOffset offset(long millis) {
    return ZoneOffset.ofTotalSeconds((int) (millis / 1000));
  }

  private static LocalDateTime local(DateTimeComponents c) {
    return LocalDateTime.of(
        c.getYear(), c.getMonth(), c.getDate(), c.getHour(), c.getMinute(), c.getSecond());
  }
}
