package coach.slack.mock;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.mock.FeedbackForm;
import coach.core.mock.FeedbackForm.FormConcept;
import coach.core.mock.FeedbackForm.FormSection;
import com.slack.api.model.block.InputBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.OptionObject;
import com.slack.api.model.block.element.CheckboxesElement;
import com.slack.api.model.block.element.PlainTextInputElement;
import com.slack.api.model.view.View;
import com.slack.api.model.view.ViewState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The feedback form as a modal, and reading a submission back. */
class SlackFeedbackModalTest {

  private static List<FormConcept> concepts(String prefix, int count) {
    return IntStream.range(0, count)
        .mapToObj(i -> new FormConcept(prefix + "." + i, "Concept " + prefix + " " + i))
        .toList();
  }

  private static final FeedbackForm FORM =
      new FeedbackForm(
          "K7QM:0:1",
          "Ana <!here>",
          "Fraud scoring at checkout",
          List.of(
              new FormSection("data", "Data", concepts("data", 23)),
              new FormSection("empty", "Nothing to tick", List.of()),
              new FormSection("metrics", "Metrics", concepts("metrics", 2))),
          Set.of("data.12", "metrics.1"),
          Optional.of("Keep going"));

  private static List<InputBlock> inputs(View view) {
    List<InputBlock> inputs = new ArrayList<>();
    for (LayoutBlock block : view.getBlocks()) {
      if (block instanceof InputBlock input) {
        inputs.add(input);
      }
    }
    return inputs;
  }

  @Test
  void aSectionOverTenConceptsIsSplitAndWhatWasSavedIsTicked() {
    View view = SlackFeedbackModal.view(FORM);

    assertThat(view.getCallbackId()).isEqualTo("mock-feedback-form");
    assertThat(view.getPrivateMetadata()).isEqualTo("K7QM:0:1");
    List<InputBlock> inputs = inputs(view);
    assertThat(inputs)
        .extracting(i -> i.getLabel().getText())
        .containsExactly(
            "Data (1 of 3)", "Data (2 of 3)", "Data (3 of 3)", "Metrics", "A note for Ana <!here>");
    assertThat(inputs).allSatisfy(i -> assertThat(i.isOptional()).isTrue());
    List<CheckboxesElement> boxes =
        inputs.subList(0, 4).stream().map(i -> (CheckboxesElement) i.getElement()).toList();
    assertThat(boxes).extracting(b -> b.getOptions().size()).containsExactly(10, 10, 3, 2);
    assertThat(boxes.get(0).getInitialOptions()).isNull();
    assertThat(boxes.get(1).getInitialOptions())
        .extracting(OptionObject::getValue)
        .containsExactly("data.12");
    assertThat(boxes.get(3).getInitialOptions())
        .extracting(OptionObject::getValue)
        .containsExactly("metrics.1");
    assertThat(((PlainTextInputElement) inputs.get(4).getElement()).getInitialValue())
        .isEqualTo("Keep going");
    // The candidate's name is escaped in mrkdwn; plain_text labels are never parsed.
    assertThat(((SectionBlock) view.getBlocks().get(0)).getText().getText())
        .contains("*Ana &lt;!here&gt;*");
  }

  @Test
  void aSubmissionGivesEveryTickedConceptAcrossTheSplitInputsAndTheNote() {
    View view = SlackFeedbackModal.view(FORM);
    List<InputBlock> inputs = inputs(view);
    Map<String, Map<String, ViewState.Value>> values = new LinkedHashMap<>();
    values.put(inputs.get(0).getBlockId(), Map.of("concepts", ticked("data.3")));
    values.put(inputs.get(2).getBlockId(), Map.of("concepts", ticked("data.22")));
    values.put(inputs.get(3).getBlockId(), Map.of("concepts", ticked()));
    ViewState.Value note = new ViewState.Value();
    note.setValue("  Strong on metrics.  ");
    values.put("note", Map.of("note", note));
    ViewState state = new ViewState();
    state.setValues(values);

    assertThat(SlackFeedbackModal.checked(state)).containsExactlyInAnyOrder("data.3", "data.22");
    assertThat(SlackFeedbackModal.note(state)).isEqualTo("Strong on metrics.");
    assertThat(SlackFeedbackModal.checked(new ViewState())).isEmpty();
    assertThat(SlackFeedbackModal.note(new ViewState())).isEmpty();
  }

  private static ViewState.Value ticked(String... ids) {
    ViewState.Value value = new ViewState.Value();
    List<ViewState.SelectedOption> selected = new ArrayList<>();
    for (String id : ids) {
      ViewState.SelectedOption option = new ViewState.SelectedOption();
      option.setValue(id);
      selected.add(option);
    }
    value.setSelectedOptions(selected);
    return value;
  }
}
