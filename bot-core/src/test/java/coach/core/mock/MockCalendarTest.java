package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import biweekly.Biweekly;
import biweekly.ICalVersion;
import biweekly.ICalendar;
import biweekly.ValidationWarnings;
import biweekly.component.VEvent;
import biweekly.property.DateStart;
import biweekly.property.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class MockCalendarTest {

  private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");
  private static final Instant STAMP = Instant.parse("2026-10-20T09:15:00Z");
  private static final String SESSION = "k3x9";

  /** Saturday 31 October 2026, 18:00 in New York: daylight time (UTC-4). */
  private static final Instant BEFORE_CHANGE =
      LocalDateTime.of(2026, 10, 31, 18, 0).atZone(NEW_YORK).toInstant();

  /** Saturday 7 November 2026, 18:00 in New York: standard time (UTC-5), after 1 November. */
  private static final Instant AFTER_CHANGE =
      LocalDateTime.of(2026, 11, 7, 18, 0).atZone(NEW_YORK).toInstant();

  private static CalendarEntry entry(Instant start, int sequence, ZoneId zone, boolean cancelled) {
    return new CalendarEntry(
        MockCalendar.uid(SESSION),
        sequence,
        start,
        Duration.ofMinutes(60),
        zone,
        "Mock interviews: ML system design",
        "Pairs and prompts are handed out at the start.",
        "Slack #ml-study",
        cancelled,
        STAMP);
  }

  private static String text(CalendarEntry entry) {
    return new String(MockCalendar.write(entry), StandardCharsets.UTF_8);
  }

  private static ICalendar parse(CalendarEntry entry) {
    List<List<biweekly.io.ParseWarning>> warnings = new ArrayList<>();
    ICalendar ical = Biweekly.parse(text(entry)).warnings(warnings).first();
    assertThat(warnings.stream().flatMap(List::stream)).isEmpty();
    assertThat(ical).isNotNull();
    assertThat(ical.getEvents()).hasSize(1);
    return ical;
  }

  private static VEvent event(CalendarEntry entry) {
    return parse(entry).getEvents().get(0);
  }

  @Test
  void uidAndFileNameComeFromTheSessionId() {
    assertThat(MockCalendar.uid(SESSION)).isEqualTo("mock-k3x9@coach");
    assertThat(MockCalendar.fileName(SESSION)).isEqualTo("mock-k3x9.ics");
    assertThat(MockCalendar.FILE_MIME).isEqualTo("text/calendar");
    assertThatThrownBy(() -> MockCalendar.fileName("../etc"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void aMovedSessionKeepsItsUidAndCarriesTheNewSequenceAndStart() {
    VEvent first = event(entry(BEFORE_CHANGE, 0, NEW_YORK, false));
    VEvent moved = event(entry(AFTER_CHANGE, 1, NEW_YORK, false));

    assertThat(first.getUid().getValue()).isEqualTo("mock-k3x9@coach");
    assertThat(moved.getUid().getValue()).isEqualTo(first.getUid().getValue());
    assertThat(first.getSequence().getValue()).isEqualTo(0);
    assertThat(moved.getSequence().getValue()).isEqualTo(1);
    assertThat(first.getDateStart().getValue().toInstant()).isEqualTo(BEFORE_CHANGE);
    assertThat(moved.getDateStart().getValue().toInstant()).isEqualTo(AFTER_CHANGE);
    assertThat(moved.getDateEnd().getValue().toInstant())
        .isEqualTo(AFTER_CHANGE.plus(Duration.ofMinutes(60)));
    assertThat(moved.getDateTimeStamp().getValue().toInstant()).isEqualTo(STAMP);
  }

  @Test
  void startIsLocalTimeWithTheZonesIdAndADefinitionOfIt() {
    String before = text(entry(BEFORE_CHANGE, 0, NEW_YORK, false));
    String after = text(entry(AFTER_CHANGE, 1, NEW_YORK, false));

    assertThat(before)
        .contains("DTSTART;TZID=America/New_York:20261031T180000\r\n")
        .contains("DTEND;TZID=America/New_York:20261031T190000\r\n")
        .contains("BEGIN:VTIMEZONE\r\nTZID:America/New_York\r\n")
        .contains("BEGIN:DAYLIGHT", "BEGIN:STANDARD", "TZOFFSETFROM:-0400", "TZOFFSETTO:-0500")
        .contains("DTSTAMP:20261020T091500Z\r\n");
    assertThat(after).contains("DTSTART;TZID=America/New_York:20261107T180000\r\n");
  }

  /**
   * Every week of a year, in zones with and without offset changes: the file's own VTIMEZONE (read
   * as RFC 5545 says) puts the local DTSTART at the session's instant, and biweekly parses it back
   * to that instant. biweekly's resolver is only trusted two days away from an offset change: it
   * compares UTC fields (on a 12-hour clock) with the observances' local onsets, so within a day of
   * a change it can be an hour off whatever the file says.
   */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "America/New_York",
        "Europe/London",
        "Australia/Sydney",
        "Asia/Kolkata",
        "Asia/Tokyo",
        "America/Sao_Paulo",
        "Pacific/Chatham",
        "UTC",
        "+05:45"
      })
  void theStartInstantSurvivesAParseInAnyZoneAroundItsOffsetChanges(String id) {
    ZoneId zone = ZoneId.of(id);
    for (int week = 0; week < 53; week++) {
      Instant start = Instant.parse("2026-01-03T15:30:00Z").plus(Duration.ofDays(7L * week));
      ICalendar ical = parse(entry(start, week, zone, false));
      DateStart dtstart = ical.getEvents().get(0).getDateStart();

      assertThat(ZoneDefinitionReader.instant(ical, dtstart)).as("week %d", week).isEqualTo(start);
      if (!nearAnOffsetChange(zone, start)) {
        assertThat(dtstart.getValue().toInstant()).as("week %d", week).isEqualTo(start);
      }
    }
  }

  private static boolean nearAnOffsetChange(ZoneId zone, Instant at) {
    Duration margin = Duration.ofDays(2);
    return !zone.getRules().getOffset(at.minus(margin)).equals(zone.getRules().getOffset(at))
        || !zone.getRules().getOffset(at.plus(margin)).equals(zone.getRules().getOffset(at));
  }

  /** Sessions in the first hour after an offset change, where an onset off by an hour shows. */
  @ParameterizedTest
  @CsvSource({
    // Sydney leaves daylight time at 03:00 on 5 April 2026: 03:30 that morning is UTC+10.
    "Australia/Sydney, 2026-04-04T17:30:00Z, 20260405T033000",
    // New York springs forward at 02:00 on 8 March 2026: 03:30 that morning is UTC-4.
    "America/New_York, 2026-03-08T07:30:00Z, 20260308T033000",
    // London springs forward at 01:00 on 29 March 2026: 02:30 that morning is UTC+1.
    "Europe/London, 2026-03-29T01:30:00Z, 20260329T023000"
  })
  void theHourAfterAChangeIsReadInTheNewOffset(String id, Instant start, String local) {
    ZoneId zone = ZoneId.of(id);
    ICalendar ical = parse(entry(start, 0, zone, false));

    assertThat(text(entry(start, 0, zone, false)))
        .contains("DTSTART;TZID=" + id + ":" + local + "\r\n");
    assertThat(ZoneDefinitionReader.instant(ical, ical.getEvents().get(0).getDateStart()))
        .isEqualTo(start);
  }

  @Test
  void aUtcSessionIsWrittenInUtcWithoutATimezoneDefinition() {
    String text = text(entry(AFTER_CHANGE, 0, ZoneOffset.UTC, false));

    assertThat(text).contains("DTSTART:20261107T230000Z\r\n").doesNotContain("VTIMEZONE");
  }

  @Test
  void aLocalTimeThatOccursTwiceIsWrittenInUtc() {
    // 01:30 on 1 November 2026 happens twice in New York; this is the second, in standard time.
    Instant second = Instant.parse("2026-11-01T06:30:00Z");
    assertThat(second.atZone(NEW_YORK).toLocalDateTime())
        .isEqualTo(LocalDateTime.of(2026, 11, 1, 1, 30));

    String text = text(entry(second, 0, NEW_YORK, false));
    VEvent event = event(entry(second, 0, NEW_YORK, false));

    assertThat(text).contains("DTSTART:20261101T063000Z\r\n");
    assertThat(event.getDateStart().getValue().toInstant()).isEqualTo(second);
  }

  @Test
  void aScheduledSessionIsPublished() {
    ICalendar ical = parse(entry(BEFORE_CHANGE, 0, NEW_YORK, false));

    assertThat(ical.getMethod().getValue()).isEqualTo("PUBLISH");
    assertThat(ical.getEvents().get(0).getStatus()).isNull();
    assertThat(ical.getProductId().getValue()).isEqualTo(MockCalendar.PRODUCT_ID);
  }

  @Test
  void aCancelledSessionIsACancelWithStatusCancelled() {
    ICalendar ical = parse(entry(BEFORE_CHANGE, 2, NEW_YORK, true));
    VEvent event = ical.getEvents().get(0);

    assertThat(ical.getMethod().getValue()).isEqualTo("CANCEL");
    assertThat(event.getStatus().getValue()).isEqualTo(Status.cancelled().getValue());
    assertThat(event.getUid().getValue()).isEqualTo("mock-k3x9@coach");
    assertThat(event.getSequence().getValue()).isEqualTo(2);
    assertThat(text(entry(BEFORE_CHANGE, 2, NEW_YORK, true)))
        .contains("METHOD:CANCEL\r\n", "STATUS:CANCELLED\r\n");
  }

  @Test
  void textWithPunctuationNewlinesAndNonAsciiRoundTrips() {
    String summary = "Mock: ranking, fraud; and more — café ☕ 東京 🚀";
    String description =
        "Line one, with a comma; and a semicolon.\nLine two: back\\slash, \"quotes\".\n\n"
            + "Ünïcödé and a long line that must be folded because it goes on and on and on "
            + "past seventy-five characters, 😀 twice 😀.";
    String location = "Slack #ml-study, thread; bring coffee";
    CalendarEntry entry =
        new CalendarEntry(
            MockCalendar.uid(SESSION),
            3,
            AFTER_CHANGE,
            Duration.ofMinutes(90),
            NEW_YORK,
            summary,
            description,
            location,
            false,
            STAMP);

    VEvent event = event(entry);

    assertThat(event.getSummary().getValue()).isEqualTo(summary);
    assertThat(event.getDescription().getValue()).isEqualTo(description);
    assertThat(event.getLocation().getValue()).isEqualTo(location);
    String raw = text(entry);
    assertThat(raw).contains("\\,", "\\;", "\\n").contains("\r\n ");
    assertThat(raw.replace("\r\n", "")).doesNotContain("\n");
    assertThat(raw).endsWith("END:VCALENDAR\r\n");
    for (String line : raw.split("\r\n")) {
      assertThat(line.getBytes(StandardCharsets.UTF_8).length).as(line).isLessThanOrEqualTo(75);
    }
  }

  @Test
  void emptyDescriptionAndLocationAreLeftOut() {
    CalendarEntry bare =
        new CalendarEntry(
            MockCalendar.uid(SESSION),
            0,
            AFTER_CHANGE,
            Duration.ofMinutes(45),
            NEW_YORK,
            "Mock interviews",
            "",
            null,
            false,
            STAMP);

    VEvent event = event(bare);

    assertThat(event.getDescription()).isNull();
    assertThat(event.getLocation()).isNull();
  }

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void theFilePassesBiweeklysValidation(boolean cancelled) {
    for (String id : List.of("America/New_York", "Asia/Tokyo", "UTC")) {
      ICalendar ical = parse(entry(AFTER_CHANGE, 1, ZoneId.of(id), cancelled));

      ValidationWarnings warnings = ical.validate(ICalVersion.V2_0);

      assertThat(warnings.isEmpty()).as(id + ": " + warnings).isTrue();
    }
  }
}
