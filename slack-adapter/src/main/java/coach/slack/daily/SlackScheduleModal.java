package coach.slack.daily;

import coach.core.daily.DailySchedule;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.TimePickerElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.format.TextStyle;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The form an organiser gets for {@code /coach daily} without arguments: a time picker, the zone
 * (an IANA name, checked on submit) and weekday boxes, filled in with the channel's schedule. A
 * submission becomes the text of {@code daily at HH:MM zone Z days D,D}, so the core handles it
 * like the typed command.
 */
final class SlackScheduleModal {

  static final String CALLBACK_ID = "daily-schedule";

  private static final String TIME = "time";
  private static final String ZONE = "zone";
  private static final String DAYS = "days";

  private SlackScheduleModal() {}

  /** The form for {@code channel}, filled with its schedule, or 09:00 on weekdays. */
  static View view(String channel, Optional<DailySchedule> current, ZoneId userZone) {
    LocalTime time = current.map(DailySchedule::time).orElse(LocalTime.of(9, 0));
    ZoneId zone = current.map(DailySchedule::zone).orElse(userZone);
    Set<DayOfWeek> days =
        current.map(s -> dayset(s)).orElse(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY));
    List<OptionObject> options = new ArrayList<>();
    List<OptionObject> selected = new ArrayList<>();
    for (DayOfWeek day : DayOfWeek.values()) {
      OptionObject option =
          OptionObject.builder()
              .text(plain(day.getDisplayName(TextStyle.FULL, Locale.ENGLISH)))
              .value(code(day))
              .build();
      options.add(option);
      if (days.contains(day)) {
        selected.add(option);
      }
    }
    List<LayoutBlock> blocks =
        List.of(
            input(
                TIME,
                "Post at",
                TimePickerElement.builder().actionId(TIME).initialTime(time.toString()).build(),
                null),
            input(
                ZONE,
                "Time zone",
                PlainTextInputElement.builder().actionId(ZONE).initialValue(zone.getId()).build(),
                "An IANA time zone, such as Europe/Berlin or America/New_York."),
            input(
                DAYS,
                "On",
                CheckboxesElement.builder()
                    .actionId(DAYS)
                    .options(options)
                    .initialOptions(selected.isEmpty() ? null : selected)
                    .build(),
                null));
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(channel)
        .title(ViewTitle.builder().type("plain_text").text("Daily prompts").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Save").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  /** What is wrong with a submission, by block id (Slack shows it under the field); empty if ok. */
  static Map<String, String> errors(ViewState state) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (value(state, TIME)
        .map(ViewState.Value::getSelectedTime)
        .filter(t -> !t.isBlank())
        .isEmpty()) {
      errors.put(TIME, "Pick a time.");
    }
    Optional<String> zone = value(state, ZONE).map(ViewState.Value::getValue).map(String::strip);
    try {
      ZoneId.of(zone.orElse(""));
    } catch (DateTimeException e) {
      errors.put(ZONE, "That isn't a time zone I know; try one like Europe/Berlin.");
    }
    if (selectedDays(state).isEmpty()) {
      errors.put(DAYS, "Pick at least one day.");
    }
    return errors;
  }

  /**
   * The submission as the text after {@code daily}: {@code at 09:00 zone Europe/Berlin days
   * mon,fri}.
   */
  static String commandText(ViewState state) {
    String time = value(state, TIME).map(ViewState.Value::getSelectedTime).orElse("").strip();
    String zone = value(state, ZONE).map(ViewState.Value::getValue).orElse("").strip();
    return "at " + time + " zone " + zone + " days " + String.join(",", selectedDays(state));
  }

  private static List<String> selectedDays(ViewState state) {
    List<String> days = new ArrayList<>();
    value(state, DAYS)
        .map(ViewState.Value::getSelectedOptions)
        .ifPresent(options -> options.forEach(o -> days.add(o.getValue())));
    return days;
  }

  private static Optional<ViewState.Value> value(ViewState state, String id) {
    if (state == null || state.getValues() == null) {
      return Optional.empty();
    }
    Map<String, ViewState.Value> block = state.getValues().get(id);
    return block == null ? Optional.empty() : Optional.ofNullable(block.get(id));
  }

  private static Set<DayOfWeek> dayset(DailySchedule schedule) {
    Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
    for (DayOfWeek day : DayOfWeek.values()) {
      if (schedule.days().includes(day)) {
        days.add(day);
      }
    }
    return days;
  }

  private static String code(DayOfWeek day) {
    return day.getDisplayName(TextStyle.SHORT, Locale.ENGLISH).toLowerCase(Locale.ROOT);
  }

  private static InputBlock input(
      String id,
      String label,
      com.slack.api.model.block.element.BlockElement element,
      String hint) {
    InputBlock.InputBlockBuilder block =
        InputBlock.builder().blockId(id).label(plain(label)).element(element);
    if (hint != null) {
      block.hint(plain(hint));
    }
    return block.build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).build();
  }
}
