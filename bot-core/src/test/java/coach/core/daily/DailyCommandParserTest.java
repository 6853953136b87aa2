package coach.core.daily;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class DailyCommandParserTest {

  private static DailyCommand ok(String text) {
    var parsed = DailyCommandParser.parse(text);
    assertThat(parsed).isInstanceOf(DailyCommandParser.Parsed.Ok.class);
    return ((DailyCommandParser.Parsed.Ok) parsed).command();
  }

  private static String error(String text) {
    var parsed = DailyCommandParser.parse(text);
    assertThat(parsed).isInstanceOf(DailyCommandParser.Parsed.Error.class);
    return ((DailyCommandParser.Parsed.Error) parsed).message();
  }

  @Test
  void readsTheContractsFullForm() {
    var set =
        (DailyCommand.Set)
            ok("at 09:00 zone Europe/Berlin days mon-fri prompts fraud-checkout,churn-prediction");
    assertThat(set.time()).isEqualTo(LocalTime.of(9, 0));
    assertThat(set.zone()).contains(ZoneId.of("Europe/Berlin"));
    assertThat(set.days().orElseThrow().days())
        .isEqualTo(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    assertThat(set.prompts()).contains(List.of("fraud-checkout", "churn-prediction"));
  }

  @Test
  void optionsMayComeInAnyOrderAndDaysMayBeWords() {
    var set = (DailyCommand.Set) ok("at 9:30 pm days every day zone asia/kolkata");
    assertThat(set.time()).isEqualTo(LocalTime.of(21, 30));
    assertThat(set.zone()).contains(ZoneId.of("Asia/Kolkata"));
    assertThat(set.days().orElseThrow().days()).hasSize(7);
    assertThat(set.prompts()).isEmpty();
    assertThat(((DailyCommand.Set) ok("at 08:15 prompts all")).prompts()).contains(List.of());
  }

  @Test
  void daysAcceptListsRangesAndWrapAround() {
    assertThat(PostDays.parse("mon,wed,fri").orElseThrow().days())
        .containsExactlyInAnyOrder(DayOfWeek.MONDAY, DayOfWeek.WEDNESDAY, DayOfWeek.FRIDAY);
    assertThat(PostDays.parse("fri-mon").orElseThrow().days())
        .containsExactlyInAnyOrder(
            DayOfWeek.FRIDAY, DayOfWeek.SATURDAY, DayOfWeek.SUNDAY, DayOfWeek.MONDAY);
    assertThat(PostDays.parse("weekends").orElseThrow().describe()).isEqualTo("weekends");
    assertThat(PostDays.parse("tue thu").orElseThrow().code()).isEqualTo("tue,thu");
    assertThat(PostDays.parse("someday")).isEmpty();
  }

  @Test
  void theOtherSubcommandsAreRead() {
    assertThat(ok("")).isInstanceOf(DailyCommand.Show.class);
    assertThat(ok("pause")).isInstanceOf(DailyCommand.Pause.class);
    assertThat(ok("RESUME")).isInstanceOf(DailyCommand.Resume.class);
    assertThat(ok("off")).isInstanceOf(DailyCommand.Off.class);
    assertThat(ok("now")).isInstanceOf(DailyCommand.Now.class);
    assertThat(ok("list")).isInstanceOf(DailyCommand.ListAll.class);
    assertThat(((DailyCommand.Skip) ok("skip 2026-12-25")).date()).hasToString("2026-12-25");
    assertThat(ok("")).extracting(DailyCommand::organiserOnly).isEqualTo(false);
    assertThat(ok("list")).extracting(DailyCommand::organiserOnly).isEqualTo(true);
  }

  @Test
  void mistakesGetAMessageThatSaysHowToWriteIt() {
    assertThat(error("at 25:00")).contains("isn't a time").contains("daily at HH:MM");
    assertThat(error("at 9")).contains("isn't a time");
    assertThat(error("at 09:00 zone Mars/Olympus")).contains("Mars/Olympus").contains("IANA");
    assertThat(error("at 09:00 days someday")).contains("weekdays");
    assertThat(error("at 09:00 zone")).contains("needs a value");
    assertThat(error("skip tomorrow")).contains("YYYY-MM-DD");
    assertThat(error("sometimes @everyone")).contains("daily sometimes").doesNotContain("@");
  }
}
