package coach.core.mock;

import biweekly.component.DaylightSavingsTime;
import biweekly.component.Observance;
import biweekly.component.StandardTime;
import biweekly.component.VTimezone;
import biweekly.io.TimezoneAssignment;
import biweekly.util.DateTimeComponents;
import biweekly.util.UtcOffset;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.TimeZone;

/**
 * Builds the VTIMEZONE for a session from Java's own zone rules, offline. biweekly's own generator
 * ({@code TimezoneAssignment.download}) fetches definitions from tzurl.org, which a bot must not
 * depend on, so the zone is written here as the explicit offset changes around the session: the one
 * in force at its start and every change from a year before it to a year after it ends (so both
 * standard and daylight time appear for zones that have them). A zone that never changed offset is
 * one STANDARD observance.
 */
final class ZoneDefinitions {

  /** How far around the session the offset changes are listed. */
  private static final long MARGIN_DAYS = 366;

  /** The start of an observance that has always held. */
  private static final LocalDateTime ALWAYS = LocalDateTime.of(1601, 1, 1, 0, 0);

  private ZoneDefinitions() {}

  /** Writes date-times of {@code zone} as local times with its TZID and this VTIMEZONE. */
  static TimezoneAssignment assignment(ZoneId zone, Instant start, Instant end) {
    return new TimezoneAssignment(TimeZone.getTimeZone(zone), definition(zone, start, end));
  }

  /**
   * Whether the instant's local time in the zone occurs twice (the hour repeated when clocks go
   * back). RFC 5545 reads such a local time as its first occurrence, so it must be written in UTC.
   */
  static boolean ambiguous(ZoneId zone, Instant instant) {
    LocalDateTime local = LocalDateTime.ofInstant(instant, zone);
    return zone.getRules().getValidOffsets(local).size() > 1;
  }

  static VTimezone definition(ZoneId zone, Instant start, Instant end) {
    ZoneRules rules = zone.getRules();
    VTimezone definition = new VTimezone(zone.getId());
    List<ZoneOffsetTransition> changes = transitions(rules, start, end);
    if (changes.isEmpty() || changes.get(0).getInstant().isAfter(start)) {
      // No recorded change before the session: its offset has always held.
      ZoneOffset offset = rules.getOffset(start);
      StandardTime always = new StandardTime();
      fill(always, ALWAYS, offset, offset);
      definition.addStandardTime(always);
    }
    for (ZoneOffsetTransition change : changes) {
      boolean daylight = rules.isDaylightSavings(change.getInstant());
      Observance observance = daylight ? new DaylightSavingsTime() : new StandardTime();
      fill(
          observance,
          change.getDateTimeBefore(),
          change.getOffsetBefore(),
          change.getOffsetAfter());
      if (observance instanceof DaylightSavingsTime summer) {
        definition.addDaylightSavingsTime(summer);
      } else {
        definition.addStandardTime((StandardTime) observance);
      }
    }
    return definition;
  }

  /** The change in force at {@code start}, then every change up to a margin after {@code end}. */
  private static List<ZoneOffsetTransition> transitions(
      ZoneRules rules, Instant start, Instant end) {
    List<ZoneOffsetTransition> changes = new ArrayList<>();
    Instant from = start.minus(MARGIN_DAYS, ChronoUnit.DAYS);
    Instant until = end.plus(MARGIN_DAYS, ChronoUnit.DAYS);
    ZoneOffsetTransition inForce = rules.previousTransition(start.plusNanos(1));
    if (inForce != null && inForce.getInstant().isBefore(from)) {
      changes.add(inForce);
    }
    ZoneOffsetTransition next = rules.nextTransition(from.minusNanos(1));
    while (next != null && !next.getInstant().isAfter(until)) {
      changes.add(next);
      next = rules.nextTransition(next.getInstant());
    }
    return changes;
  }

  private static void fill(
      Observance observance, LocalDateTime localStart, ZoneOffset from, ZoneOffset to) {
    observance.setDateStart(
        new DateTimeComponents(
            localStart.getYear(),
            localStart.getMonthValue(),
            localStart.getDayOfMonth(),
            localStart.getHour(),
            localStart.getMinute(),
            localStart.getSecond(),
            false));
    observance.setTimezoneOffsetFrom(offset(from));
    observance.setTimezoneOffsetTo(offset(to));
  }

  private static UtcOffset offset(ZoneOffset offset) {
    return new UtcOffset(offset.getTotalSeconds() * 1000L);
  }
}
