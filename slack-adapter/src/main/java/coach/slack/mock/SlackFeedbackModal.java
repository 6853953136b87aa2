package coach.slack.mock;

import coach.core.mock.FeedbackForm;
import coach.slack.transport.SlackText;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewClose;
import com.slack.api.model.view.ViewState;
import com.slack.api.model.view.ViewSubmit;
import com.slack.api.model.view.ViewTitle;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The interviewer's feedback form as a Slack modal: one checkboxes input per section of the outline
 * (a section with more than {@link #MAX_OPTIONS} concepts is split over several inputs, Slack's
 * limit per checkboxes element), ticked as saved before, and a multiline note. The form's id
 * travels in {@code private_metadata}; a submission is read back with {@link #checked} and {@link
 * #note}. Every input is optional, so a form with nothing ticked can still be sent.
 */
final class SlackFeedbackModal {

  static final String CALLBACK_ID = "mock-feedback-form";

  /** Slack's limit of options in one checkboxes element. */
  static final int MAX_OPTIONS = 10;

  /** Slack's limits: option text, input label, plain_text_input value, blocks in a modal. */
  private static final int MAX_OPTION_TEXT = 75;

  private static final int MAX_LABEL = 2000;
  static final int MAX_NOTE = 3000;
  private static final int MAX_BLOCKS = 100;

  private static final String SECTION_BLOCK = "concepts-";
  private static final String CONCEPTS = "concepts";
  private static final String NOTE = "note";

  private SlackFeedbackModal() {}

  /** The modal for {@code form}. */
  static View view(FeedbackForm form) {
    List<LayoutBlock> blocks = new ArrayList<>();
    blocks.add(
        SectionBlock.builder()
            .text(
                MarkdownTextObject.builder()
                    .text(
                        SlackText.truncate(
                            "How did *"
                                + SlackText.escape(form.candidateName())
                                + "* do on *"
                                + SlackText.escape(form.promptTitle())
                                + "*? Tick what you heard them cover, section by section. It"
                                + " counts towards their progress, and your note goes to them.",
                            3000))
                    .verbatim(true)
                    .build())
            .build());
    int index = 0;
    for (FeedbackForm.FormSection section : form.sections()) {
      List<FeedbackForm.FormConcept> concepts = section.concepts();
      int parts = (concepts.size() + MAX_OPTIONS - 1) / MAX_OPTIONS;
      for (int part = 0; part < parts; part++) {
        if (blocks.size() == MAX_BLOCKS - 1) {
          break; // the note must fit; Slack allows 100 blocks in a modal
        }
        List<FeedbackForm.FormConcept> chunk =
            concepts.subList(
                part * MAX_OPTIONS, Math.min(concepts.size(), (part + 1) * MAX_OPTIONS));
        String label =
            section.title() + (parts > 1 ? " (" + (part + 1) + " of " + parts + ")" : "");
        blocks.add(
            input(
                SECTION_BLOCK + index++,
                label,
                checkboxes(chunk, form.checked()),
                Optional.empty()));
      }
    }
    blocks.add(
        input(
            NOTE,
            "A note for " + form.candidateName(),
            PlainTextInputElement.builder()
                .actionId(NOTE)
                .multiline(true)
                .maxLength(MAX_NOTE)
                .initialValue(
                    form.note()
                        .filter(n -> !n.isBlank())
                        .map(n -> SlackText.truncate(n, MAX_NOTE))
                        .orElse(null))
                .build(),
            Optional.of("What went well, what to practise next. Only they see it.")));
    return View.builder()
        .type("modal")
        .callbackId(CALLBACK_ID)
        .privateMetadata(form.formId())
        .title(ViewTitle.builder().type("plain_text").text("Mock feedback").build())
        .submit(ViewSubmit.builder().type("plain_text").text("Send").build())
        .close(ViewClose.builder().type("plain_text").text("Cancel").build())
        .blocks(blocks)
        .build();
  }

  private static CheckboxesElement checkboxes(
      List<FeedbackForm.FormConcept> concepts, Set<String> checked) {
    List<OptionObject> options = new ArrayList<>();
    List<OptionObject> initial = new ArrayList<>();
    for (FeedbackForm.FormConcept concept : concepts) {
      OptionObject option =
          OptionObject.builder()
              .text(plain(SlackText.truncate(concept.name(), MAX_OPTION_TEXT)))
              .value(concept.id())
              .build();
      options.add(option);
      if (checked.contains(concept.id())) {
        initial.add(option);
      }
    }
    return CheckboxesElement.builder()
        .actionId(CONCEPTS)
        .options(options)
        .initialOptions(initial.isEmpty() ? null : initial)
        .build();
  }

  /** The concept ids ticked in a submission, over every section's input. */
  static Set<String> checked(ViewState state) {
    Set<String> ids = new LinkedHashSet<>();
    if (state == null || state.getValues() == null) {
      return ids;
    }
    for (Map.Entry<String, Map<String, ViewState.Value>> block : state.getValues().entrySet()) {
      ViewState.Value value =
          block.getKey().startsWith(SECTION_BLOCK) ? block.getValue().get(CONCEPTS) : null;
      if (value != null && value.getSelectedOptions() != null) {
        value.getSelectedOptions().forEach(o -> ids.add(o.getValue()));
      }
    }
    return ids;
  }

  /** The note of a submission, or "" when there is none. */
  static String note(ViewState state) {
    if (state == null || state.getValues() == null || state.getValues().get(NOTE) == null) {
      return "";
    }
    ViewState.Value value = state.getValues().get(NOTE).get(NOTE);
    return value == null || value.getValue() == null ? "" : value.getValue().strip();
  }

  private static InputBlock input(
      String id, String label, BlockElement element, Optional<String> hint) {
    InputBlock.InputBlockBuilder block =
        InputBlock.builder()
            .blockId(id)
            .label(plain(SlackText.truncate(label, MAX_LABEL)))
            .element(element)
            .optional(true);
    hint.ifPresent(h -> block.hint(plain(h)));
    return block.build();
  }

  private static PlainTextObject plain(String text) {
    return PlainTextObject.builder().text(text).build();
  }
}
