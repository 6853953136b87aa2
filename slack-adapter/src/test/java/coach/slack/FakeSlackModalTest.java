package coach.slack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The fake's views.open: each modal rule it enforces refuses what breaks it, and no more. */
class FakeSlackModalTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final FakeSlack slack = new FakeSlack();
  private final FakeSlackChannels channels = new FakeSlackChannels(slack);
  private final FakeSlackWebApi api = new FakeSlackWebApi(slack.apiUrl());

  @AfterEach
  void stop() {
    slack.close();
  }

  private static ObjectNode plain(String text) {
    return JSON.createObjectNode().put("type", "plain_text").put("text", text);
  }

  private static ObjectNode modal(ObjectNode... blocks) {
    ObjectNode view = JSON.createObjectNode().put("type", "modal").put("callback_id", "f");
    view.set("title", plain("Mock feedback"));
    view.set("submit", plain("Send"));
    ArrayNode array = view.putArray("blocks");
    for (ObjectNode block : blocks) {
      array.add(block);
    }
    return view;
  }

  private static ObjectNode checkboxes(String blockId, int options, String optionText) {
    ObjectNode block = JSON.createObjectNode().put("type", "input").put("block_id", blockId);
    block.set("label", plain("Data"));
    ObjectNode element = block.putObject("element").put("type", "checkboxes");
    element.put("action_id", "concepts");
    ArrayNode array = element.putArray("options");
    for (int i = 0; i < options; i++) {
      ObjectNode option = array.addObject().put("value", "c" + i);
      option.set("text", plain(optionText));
    }
    return block;
  }

  private static ObjectNode note(int maxLength, String initial) {
    ObjectNode block = JSON.createObjectNode().put("type", "input").put("block_id", "note");
    block.set("label", plain("A note"));
    ObjectNode element = block.putObject("element").put("type", "plain_text_input");
    element.put("action_id", "note").put("multiline", true).put("max_length", maxLength);
    if (initial != null) {
      element.put("initial_value", initial);
    }
    return block;
  }

  private FakeSlackWebApi.Answer open(ObjectNode view) {
    return api.bot("views.open", Map.of("trigger_id", "t1", "view", view.toString()));
  }

  @Test
  void aModalWithSectionsCheckboxesAndANoteOpens() {
    ObjectNode intro = JSON.createObjectNode().put("type", "section");
    intro.putObject("text").put("type", "mrkdwn").put("text", "How did *Ana* do?");
    ObjectNode date = JSON.createObjectNode().put("type", "input").put("block_id", "date");
    date.set("label", plain("Date"));
    date.putObject("element").put("type", "datepicker").put("action_id", "date");

    assertThat(open(modal(intro, checkboxes("s0", 10, "Label delay"), note(3000, "ok"), date)).ok())
        .isTrue();
  }

  @Test
  void withoutATriggerIdTheModalIsRefused() {
    assertThat(api.bot("views.open", Map.of("view", modal().toString())).error())
        .isEqualTo("invalid_trigger_id");
  }

  @Test
  void moreThanTenCheckboxesOrAnOptionTextOverSeventyFiveCharactersAreInvalidArguments() {
    assertThat(open(modal(checkboxes("s0", 11, "x"))).error()).isEqualTo("invalid_arguments");
    assertThat(open(modal(checkboxes("s0", 0, "x"))).error()).isEqualTo("invalid_arguments");
    assertThat(open(modal(checkboxes("s0", 1, "x".repeat(76)))).error())
        .isEqualTo("invalid_arguments");
    assertThat(open(modal(checkboxes("s0", 1, "x".repeat(75)))).ok()).isTrue();
  }

  @Test
  void initialOptionsMustBeAmongTheOptions() {
    ObjectNode block = checkboxes("s0", 2, "x");
    ObjectNode element = (ObjectNode) block.path("element");
    ObjectNode stranger = element.putArray("initial_options").addObject().put("value", "c9");
    stranger.set("text", plain("x"));
    assertThat(open(modal(block)).error()).isEqualTo("invalid_arguments");

    element.putArray("initial_options").add(element.path("options").get(1));
    assertThat(open(modal(block)).ok()).isTrue();
  }

  @Test
  void aNoteLongerThanItsMaxLengthOrAMaxLengthOverThreeThousandIsInvalidArguments() {
    assertThat(open(modal(note(3001, null))).error()).isEqualTo("invalid_arguments");
    assertThat(open(modal(note(5, "123456"))).error()).isEqualTo("invalid_arguments");
    assertThat(open(modal(note(5, "12345"))).ok()).isTrue();
  }

  @Test
  void aLongTitleMissingSubmitLongMetadataOrTwinBlockIdsAreInvalidArguments() {
    ObjectNode view = modal(checkboxes("s0", 1, "x"));
    view.set("title", plain("x".repeat(25)));
    assertThat(open(view).error()).as("title").isEqualTo("invalid_arguments");

    view = modal(checkboxes("s0", 1, "x"));
    view.remove("submit");
    assertThat(open(view).error()).as("no submit with inputs").isEqualTo("invalid_arguments");

    view = modal(checkboxes("s0", 1, "x"));
    view.put("private_metadata", "m".repeat(3001));
    assertThat(open(view).error()).as("metadata").isEqualTo("invalid_arguments");
    view.put("private_metadata", "m".repeat(3000));
    assertThat(open(view).ok()).isTrue();

    assertThat(open(modal(checkboxes("s0", 1, "x"), checkboxes("s0", 1, "y"))).error())
        .as("the same block id twice")
        .isEqualTo("invalid_arguments");
  }

  @Test
  void moreThanOneHundredBlocksOrAnInvalidSectionAreInvalidArguments() {
    ObjectNode[] blocks = new ObjectNode[101];
    for (int i = 0; i < blocks.length; i++) {
      blocks[i] = checkboxes("s" + i, 1, "x");
    }
    assertThat(open(modal(blocks)).error()).isEqualTo("invalid_arguments");

    ObjectNode empty = JSON.createObjectNode().put("type", "section");
    empty.putObject("text").put("type", "mrkdwn").put("text", "");
    assertThat(open(modal(empty)).error()).isEqualTo("invalid_arguments");
  }
}
