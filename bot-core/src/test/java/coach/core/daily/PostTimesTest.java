package coach.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.UserId;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PostTimesTest {

  private static DailySchedule schedule(String time, String zone, String days) {
    return new DailySchedule(
        ChannelRef.slack("T1", "C1"),
        LocalTime.parse(time),
        ZoneId.of(zone),
        PostDays.parse(days).orElseThrow(),
        List.of(),
        false,
        Optional.empty(),
        UserId.slack("T1", "U1"),
        Instant.EPOCH,
        Instant.EPOCH);
  }

  private static List<PostTimes.PostTime> next(DailySchedule s, String after, int n) {
    return PostTimes.next(s, Set.of(), Instant.parse(after), n);
  }

  @Test
  void nineInNewYorkIsNineLocalOnBothSidesOfTheSpringChange() {
    // 2027-03-14: clocks go from 02:00 EST to 03:00 EDT.
    var times = next(schedule("09:00", "America/New_York", "every day"), "2027-03-13T00:00:00Z", 2);
    assertThat(times)
        .extracting(PostTimes.PostTime::at)
        .containsExactly(
            Instant.parse("2027-03-13T14:00:00Z"), // EST, UTC-5
            Instant.parse("2027-03-14T13:00:00Z")); // EDT, UTC-4
    assertThat(times).allSatisfy(t -> assertThat(t.dstNote()).isEmpty());
  }

  @Test
  void nineInNewYorkIsNineLocalOnBothSidesOfTheAutumnChange() {
    // 2026-11-01: clocks go back from 02:00 EDT to 01:00 EST.
    var times = next(schedule("09:00", "America/New_York", "every day"), "2026-10-31T00:00:00Z", 2);
    assertThat(times)
        .extracting(PostTimes.PostTime::at)
        .containsExactly(
            Instant.parse("2026-10-31T13:00:00Z"), Instant.parse("2026-11-01T14:00:00Z"));
  }

  @Test
  void aTimeInTheSpringGapPostsAtTheFirstValidMinuteAfterIt() {
    // Berlin, 2027-03-28: 02:00 CET jumps to 03:00 CEST, so 02:30 does not exist.
    var times = next(schedule("02:30", "Europe/Berlin", "every day"), "2027-03-27T00:00:00Z", 3);
    assertThat(times)
        .extracting(PostTimes.PostTime::at)
        .containsExactly(
            Instant.parse("2027-03-27T01:30:00Z"), // 02:30 CET
            Instant.parse("2027-03-28T01:00:00Z"), // 03:00 CEST, the first minute after the gap
            Instant.parse("2027-03-29T00:30:00Z")); // 02:30 CEST
    assertThat(times.get(1).date()).isEqualTo(LocalDate.parse("2027-03-28"));
    assertThat(times.get(1).dstNote()).hasValueSatisfying(n -> assertThat(n).contains("03:00"));
    assertThat(times.get(0).dstNote()).isEmpty();
  }

  @Test
  void aRepeatedHourPostsOnceAtItsFirstOccurrence() {
    // Berlin, 2026-10-25: 03:00 CEST goes back to 02:00 CET, so 02:30 happens twice.
    var times = next(schedule("02:30", "Europe/Berlin", "every day"), "2026-10-24T12:00:00Z", 2);
    assertThat(times)
        .extracting(PostTimes.PostTime::at)
        .containsExactly(
            Instant.parse("2026-10-25T00:30:00Z"), // the first 02:30, still CEST
            Instant.parse("2026-10-26T01:30:00Z"));
    assertThat(times.get(0).dstNote()).hasValueSatisfying(n -> assertThat(n).contains("twice"));
  }

  @Test
  void sydneyChangesInOctoberAndApril() {
    // Sydney: 2026-10-04 02:00 AEST -> 03:00 AEDT; 2027-04-04 03:00 AEDT -> 02:00 AEST.
    var spring =
        next(schedule("02:15", "Australia/Sydney", "every day"), "2026-10-02T00:00:00Z", 2);
    assertThat(spring.get(1).at()).isEqualTo(Instant.parse("2026-10-03T16:00:00Z")); // 03:00 AEDT
    assertThat(spring.get(1).dstNote()).isPresent();
    var autumn =
        next(schedule("02:15", "Australia/Sydney", "every day"), "2027-04-02T12:00:00Z", 2);
    // The first 02:15 of 2027-04-04 is still AEDT (UTC+11).
    assertThat(autumn.get(1).at()).isEqualTo(Instant.parse("2027-04-03T15:15:00Z"));
    assertThat(autumn.get(1).dstNote()).hasValueSatisfying(n -> assertThat(n).contains("twice"));
  }

  @Test
  void kolkataHasNoDaylightSavingAndAHalfHourOffset() {
    var s = schedule("09:00", "Asia/Kolkata", "every day");
    var times = next(s, "2027-03-27T00:00:00Z", 3);
    assertThat(times)
        .extracting(PostTimes.PostTime::at)
        .containsExactly(
            Instant.parse("2027-03-27T03:30:00Z"),
            Instant.parse("2027-03-28T03:30:00Z"),
            Instant.parse("2027-03-29T03:30:00Z"));
    assertThat(PostTimes.nextDstWarning(s, Instant.parse("2027-01-01T00:00:00Z"))).isEmpty();
  }

  @Test
  void weekdaysAndSkipDatesAreLeftOut() {
    var s = schedule("09:00", "Europe/Berlin", "mon-fri");
    // 2026-12-24 is a Thursday; skip Christmas Day, a Friday.
    var times =
        PostTimes.next(
            s, Set.of(LocalDate.parse("2026-12-25")), Instant.parse("2026-12-24T00:00:00Z"), 3);
    assertThat(times)
        .extracting(PostTimes.PostTime::date)
        .containsExactly(
            LocalDate.parse("2026-12-24"),
            LocalDate.parse("2026-12-28"),
            LocalDate.parse("2026-12-29"));
  }

  @Test
  void onlyTimesStrictlyAfterTheGivenInstantCount() {
    var s = schedule("09:00", "UTC", "every day");
    assertThat(next(s, "2026-12-07T09:00:00Z", 1).get(0).at())
        .isEqualTo(Instant.parse("2026-12-08T09:00:00Z"));
    assertThat(next(s, "2026-12-07T08:59:59Z", 1).get(0).at())
        .isEqualTo(Instant.parse("2026-12-07T09:00:00Z"));
  }

  @Test
  void aScheduleWarnsAboutItsNextDaylightSavingProblem() {
    var s = schedule("02:30", "America/New_York", "every day");
    assertThat(PostTimes.nextDstWarning(s, Instant.parse("2026-12-07T00:00:00Z")))
        .hasValueSatisfying(w -> assertThat(w).contains("2027-03-14").contains("does not exist"));
    assertThat(
            PostTimes.nextDstWarning(
                schedule("09:00", "America/New_York", "every day"),
                Instant.parse("2026-12-07T00:00:00Z")))
        .isEmpty();
  }
}
