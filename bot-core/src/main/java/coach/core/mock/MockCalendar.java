package coach.core.mock;

import biweekly.Biweekly;
import biweekly.ICalendar;
import biweekly.component.VEvent;
import biweekly.io.TimezoneAssignment;
import biweekly.property.DateEnd;
import biweekly.property.DateStart;
import biweekly.property.ICalProperty;
import biweekly.property.Method;
import biweekly.property.Status;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.regex.Pattern;

/**
 * Writes a mock session as an RFC 5545 iCalendar file with one VEVENT. A scheduled or moved session
 * is {@code METHOD:PUBLISH}; a cancelled one is {@code METHOD:CANCEL} with {@code
 * STATUS:CANCELLED}, same UID and a higher SEQUENCE, so a calendar that imported the first file
 * updates or removes the same event. DTSTART and DTEND are local times with the session's TZID and
 * a VTIMEZONE built from Java's zone rules ({@link ZoneDefinitions}); they are written in UTC
 * instead for a UTC session, and for a local time that occurs twice (the repeated hour when clocks
 * go back), which RFC 5545 would read as its first occurrence. DTSTAMP is always UTC.
 */
public final class MockCalendar {

  /** The MIME type of the file {@link #write} produces. */
  public static final String FILE_MIME = "text/calendar";

  /** PRODID of every file: who wrote it. */
  static final String PRODUCT_ID = "-//Coach//Mock sessions//EN";

  private static final Pattern SESSION_ID = Pattern.compile("[A-Za-z0-9_-]{1,100}");

  private MockCalendar() {}

  /** The event's UID for a session: {@code mock-<sessionId>@coach}, the same for its whole life. */
  public static String uid(String sessionId) {
    return "mock-" + checked(sessionId) + "@coach";
  }

  /** The file name to upload the session under: {@code mock-<sessionId>.ics}. */
  public static String fileName(String sessionId) {
    return "mock-" + checked(sessionId) + ".ics";
  }

  /** The session as an iCalendar file: UTF-8, CRLF line ends, lines folded at 75 octets. */
  public static byte[] write(CalendarEntry entry) {
    ICalendar ical = new ICalendar();
    ical.setProductId(PRODUCT_ID);
    ical.setMethod(entry.cancelled() ? Method.cancel() : Method.publish());

    VEvent event = new VEvent();
    event.setUid(entry.uid());
    event.setSequence(entry.sequence());
    event.setDateTimeStamp(Date.from(entry.stamp()));
    DateStart start = event.setDateStart(Date.from(entry.start()), true);
    DateEnd end = event.setDateEnd(Date.from(entry.end()), true);
    event.setSummary(entry.summary());
    if (!entry.description().isBlank()) {
      event.setDescription(entry.description());
    }
    if (!entry.location().isBlank()) {
      event.setLocation(entry.location());
    }
    if (entry.cancelled()) {
      event.setStatus(Status.cancelled());
    }
    ical.addEvent(event);

    ZoneId zone = entry.zone();
    if (!zone.normalized().equals(ZoneOffset.UTC)) {
      TimezoneAssignment local = ZoneDefinitions.assignment(zone, entry.start(), entry.end());
      inZone(ical, local, zone, start, entry.start());
      inZone(ical, local, zone, end, entry.end());
    }
    return ContentLines.fold(Biweekly.write(ical).foldLines(false).go())
        .getBytes(StandardCharsets.UTF_8);
  }

  /**
   * Writes a date-time property as local time in the session's zone, unless that local time occurs
   * twice (then it stays in UTC, which is never ambiguous).
   */
  private static void inZone(
      ICalendar ical, TimezoneAssignment local, ZoneId zone, ICalProperty property, Instant at) {
    if (!ZoneDefinitions.ambiguous(zone, at)) {
      ical.getTimezoneInfo().setTimezone(property, local);
    }
  }

  private static String checked(String sessionId) {
    if (sessionId == null || !SESSION_ID.matcher(sessionId).matches()) {
      throw new IllegalArgumentException("a session id is letters and digits, not " + sessionId);
    }
    return sessionId;
  }
}
