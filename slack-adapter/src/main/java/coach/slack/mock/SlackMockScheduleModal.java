package coach.slack.mock;

import coach.core.mock.MockCommandParser;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.DatePickerElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.block.element.TimePickerElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form an organiser gets for {@code /coach mock schedule} without arguments: a date and a time
 * picker, the zone (an IANA name, the organiser's own to start with), the length in minutes, an
 * optional capacity and whether it repeats weekly. A submission becomes the text of {@code schedule
 * at YYYY-MM-DD HH:MM zone Z minutes N [capacity N] [weekly]}, so the core handles it like the
 * typed command (and says what is wrong with a date in the past).
 */
final class SlackMockScheduleModal {

  static final String CALLBACK_ID = "mock-schedule";

  private static final String DATE = "date";
  private static final String TIME = "time";
  private static final String ZONE = "zone";
  private static final String MINUTES = "minutes";
  private static final String CAPACITY = "capacity";
  private static final String WEEKLY = "weekly";

  private SlackMockScheduleModal() {}

  /** The form for {@code channel}, starting at 18:00 in {@code userZone}, 60 minutes. */
  static View view(String channel, ZoneId userZone) {
    OptionObject weekly =
        OptionObject.builder().text(plain("Repeat every week")).value(WEEKLY).build();
    List<LayoutBlock> blocks =
        List.of(
            input(DATE, "Date", DatePickerElement.builder().actionId(DATE).build(), false, null),
            input(
                TIME,
                "Starts at",
                TimePickerElement.builder().actionId(TIME).initialTime("18:00").build(),
                false,
                null),
            input(
                ZONE,
                "Time zone",
                PlainTextInputElement.builder()
                    .actionId(ZONE)
                    .initialValue(userZone.getId())
                    .build(),
                false,
                "An IANA time zone, such as Europe/Berlin. Everyone sees the time in their own."),
            input(
                MINUTES,
                "Minutes",
                PlainTextInputElement.builder()
                    .actionId(MINUTES)
                    .initialValue(String.valueOf(MockCommandParser.DEFAULT_MINUTES))
                    .build(),
                false,
                null),
            input(
                CAPACITY,
                "Places",
                PlainTextInputElement.builder().actionId(CAPACITY).build(),
                true,
                "Leave empty for no limit; past it, people join a waitlist."),
            input(
                WEEKLY,
                "Repeat",
                CheckboxesElement.builder().actionId(WEEKLY).options(List.of(weekly)).build(),
                true,
                null));
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(channel)
        .title(ViewTitle.builder().type("plain_text").text("Mock interview").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Announce").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  /** What is wrong with a submission, by block id (Slack shows it under the field); empty if ok. */
  static Map<String, String> errors(ViewState state) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (text(state, DATE).isEmpty()) {
      errors.put(DATE, "Pick a date.");
    }
    if (text(state, TIME).isEmpty()) {
      errors.put(TIME, "Pick a time.");
    }
    try {
      ZoneId.of(text(state, ZONE).orElse(""));
    } catch (DateTimeException e) {
      errors.put(ZONE, "That isn't a time zone I know; try one like Europe/Berlin.");
    }
    if (!text(state, MINUTES).orElse("").matches("[0-9]{1,3}")) {
      errors.put(MINUTES, "Give the length in whole minutes, such as 60.");
    }
    if (!text(state, CAPACITY).orElse("0").matches("[0-9]{1,3}")) {
      errors.put(CAPACITY, "Give the number of places, or leave it empty for no limit.");
    }
    return errors;
  }

  /** The submission as the text after {@code mock}. */
  static String commandText(ViewState state) {
    StringBuilder text =
        new StringBuilder("schedule at ")
            .append(text(state, DATE).orElse(""))
            .append(' ')
            .append(text(state, TIME).orElse(""))
            .append(" zone ")
            .append(text(state, ZONE).orElse(""))
            .append(" minutes ")
            .append(text(state, MINUTES).orElse(""));
    text(state, CAPACITY).ifPresent(c -> text.append(" capacity ").append(c));
    boolean weekly =
        value(state, WEEKLY)
            .map(ViewState.Value::getSelectedOptions)
            .map(options -> !options.isEmpty())
            .orElse(false);
    if (weekly) {
      text.append(" weekly");
    }
    return text.toString();
  }

  /** A field's text (typed value, picked date or time), stripped; empty when blank. */
  private static Optional<String> text(ViewState state, String id) {
    return value(state, id)
        .map(
            v ->
                v.getSelectedDate() != null
                    ? v.getSelectedDate()
                    : v.getSelectedTime() != null ? v.getSelectedTime() : v.getValue())
        .map(String::strip)
        .filter(s -> !s.isEmpty());
  }

  private static Optional<ViewState.Value> value(ViewState state, String id) {
    if (state == null || state.getValues() == null) {
      return Optional.empty();
    }
    Map<String, ViewState.Value> block = state.getValues().get(id);
    return block == null ? Optional.empty() : Optional.ofNullable(block.get(id));
  }

  private static InputBlock input(
      String id, String label, BlockElement element, boolean optional, String hint) {
    InputBlock.InputBlockBuilder block =
        InputBlock.builder().blockId(id).label(plain(label)).element(element).optional(optional);
    if (hint != null) {
      block.hint(plain(hint));
    }
    return block.build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).build();
  }
}
