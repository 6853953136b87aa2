package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class MockCommandParserTest {

  @Test
  void scheduleReadsEveryOptionOfTheContract() {
    MockCommand c =
        MockCommandParser.parse(
            "schedule at 2026-12-10 18:30 zone europe/berlin minutes 90 capacity 6 min 3"
                + " deadline 12 weekly prompts fraud-checkout, churn-prediction");

    assertThat(c)
        .isEqualTo(
            new MockCommand.Schedule(
                LocalDate.of(2026, 12, 10),
                LocalTime.of(18, 30),
                Optional.of(ZoneId.of("Europe/Berlin")),
                90,
                OptionalInt.of(6),
                3,
                OptionalInt.of(12),
                true,
                List.of("fraud-checkout", "churn-prediction")));
  }

  @Test
  void scheduleDefaultsFollowTheContract() {
    MockCommand c = MockCommandParser.parse("schedule at 2026-12-10 6:30 pm");

    assertThat(c)
        .isEqualTo(
            new MockCommand.Schedule(
                LocalDate.of(2026, 12, 10),
                LocalTime.of(18, 30),
                Optional.empty(),
                60,
                OptionalInt.empty(),
                2,
                OptionalInt.empty(),
                false,
                List.of()));
  }

  @Test
  void mistakesSayWhatToTypeInstead() {
    assertThat(message("schedule 2026-12-10 18:00")).contains("Say when it starts");
    assertThat(message("schedule at 10/12/2026 18:00")).contains("YYYY-MM-DD");
    assertThat(message("schedule at 2026-12-10 25:00")).contains("HH:MM");
    assertThat(message("schedule at 2026-12-10 18:00 minutes 5")).contains("between 20 and 240");
    assertThat(message("schedule at 2026-12-10 18:00 capacity 1")).contains("at least 2");
    assertThat(message("schedule at 2026-12-10 18:00 min 1")).contains("at least 2");
    assertThat(message("schedule at 2026-12-10 18:00 deadline 500")).contains("0 (at the start)");
    assertThat(message("schedule at 2026-12-10 18:00 colour blue")).contains("`colour`");
    assertThat(message("schedule at 2026-12-10 18:00 zone Nowhere/City")).contains("time zone");
    assertThat(message("cancel")).contains("mock cancel ID");
    assertThat(message("move K7QMD 2026-12-11 18:00")).contains("mock move K7QMD at");
    assertThat(message("reminders sometimes")).contains("mock reminders on");
    assertThat(message("dance")).contains("I don't know `mock dance`");
  }

  @Test
  void idsAreReadWithOrWithoutTheHashInAnyCase() {
    assertThat(MockCommandParser.parse("cancel #k7qmd")).isEqualTo(new MockCommand.Cancel("K7QMD"));
    assertThat(MockCommandParser.parse("ics K7QMD")).isEqualTo(new MockCommand.Ics("K7QMD"));
    assertThat(MockCommandParser.parse("move k7qmd at 2026-12-11 09:15 zone Asia/Kolkata"))
        .isEqualTo(
            new MockCommand.Move(
                "K7QMD",
                LocalDate.of(2026, 12, 11),
                LocalTime.of(9, 15),
                Optional.of(ZoneId.of("Asia/Kolkata"))));
  }

  @Test
  void remindersAndAvoid() {
    assertThat(MockCommandParser.parse("reminders"))
        .isEqualTo(new MockCommand.Reminders(Optional.empty(), Optional.empty()));
    assertThat(MockCommandParser.parse("reminders off 24h"))
        .isEqualTo(new MockCommand.Reminders(Optional.of(false), Optional.of(MockStep.REMIND_DAY)));
    assertThat(MockCommandParser.parse("reminders on 1h"))
        .isEqualTo(new MockCommand.Reminders(Optional.of(true), Optional.of(MockStep.REMIND_HOUR)));
    assertThat(MockCommandParser.parse("avoid <@U123>"))
        .isEqualTo(new MockCommand.Avoid(Optional.of("<@U123>"), false));
    assertThat(MockCommandParser.parse("unavoid <@U123>"))
        .isEqualTo(new MockCommand.Avoid(Optional.of("<@U123>"), true));
    assertThat(MockCommandParser.parse("avoid"))
        .isEqualTo(new MockCommand.Avoid(Optional.empty(), false));
    assertThat(MockCommandParser.parse("")).isEqualTo(new MockCommand.Help());
    assertThat(MockCommandParser.parse("list")).isEqualTo(new MockCommand.ListSessions());
  }

  private static String message(String text) {
    MockCommand c = MockCommandParser.parse(text);
    assertThat(c).isInstanceOf(MockCommand.Invalid.class);
    return ((MockCommand.Invalid) c).message();
  }
}
