package coach.slack.daily;

import coach.core.daily.PromptDraft;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The form for {@code /coach prompt add} without text: a title, the scenario, optional interviewer
 * facts and key concepts. Slack checks the lengths; the core checks the rest and answers like the
 * typed command (an organiser's prompt is added, a member's is suggested).
 */
final class SlackPromptModal {

  static final String CALLBACK_ID = "prompt-add";

  private static final String TITLE = "title";
  private static final String SCENARIO = "scenario";
  private static final String FACTS = "facts";
  private static final String CONCEPTS = "concepts";

  private SlackPromptModal() {}

  /** The empty form, for a prompt of {@code channel}'s workspace. */
  static View view(String channel) {
    List<LayoutBlock> blocks =
        List.of(
            input(TITLE, "Title", text(TITLE, false, 3, PromptDraft.MAX_TITLE), false, null),
            input(
                SCENARIO,
                "Scenario",
                text(SCENARIO, true, PromptDraft.MIN_SCENARIO, PromptDraft.MAX_SCENARIO),
                false,
                "Who the users are and what the system should decide."),
            input(
                FACTS,
                "Interviewer facts",
                text(FACTS, true, null, null),
                true,
                "One `topic: fact` a line, such as `scale: 2M orders a day`."),
            input(
                CONCEPTS,
                "Key concepts",
                text(CONCEPTS, false, null, null),
                true,
                "Concept ids separated by commas, such as data.label_delay, metrics.offline."));
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(channel)
        .title(ViewTitle.builder().type("plain_text").text("Add a prompt").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Add").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  /** What Slack should show under a field; empty when the core may judge the rest. */
  static Map<String, String> errors(ViewState state) {
    Map<String, String> errors = new LinkedHashMap<>();
    if (value(state, TITLE).strip().length() < 3) {
      errors.put(
          TITLE, "Give the prompt a title of 3 to " + PromptDraft.MAX_TITLE + " characters.");
    }
    if (value(state, SCENARIO).strip().length() < PromptDraft.MIN_SCENARIO) {
      errors.put(
          SCENARIO,
          "Describe the scenario in at least " + PromptDraft.MIN_SCENARIO + " characters.");
    }
    return errors;
  }

  /** The submission as a draft for the core. */
  static PromptDraft draft(ViewState state) {
    return new PromptDraft(
        value(state, TITLE), value(state, SCENARIO), value(state, FACTS), value(state, CONCEPTS));
  }

  private static String value(ViewState state, String id) {
    if (state == null || state.getValues() == null) {
      return "";
    }
    Map<String, ViewState.Value> block = state.getValues().get(id);
    return Optional.ofNullable(block).map(b -> b.get(id)).map(ViewState.Value::getValue).orElse("");
  }

  private static PlainTextInputElement text(
      String id, boolean multiline, Integer minLength, Integer maxLength) {
    return PlainTextInputElement.builder()
        .actionId(id)
        .multiline(multiline)
        .minLength(minLength)
        .maxLength(maxLength)
        .build();
  }

  private static InputBlock input(
      String id, String label, PlainTextInputElement element, boolean optional, String hint) {
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
