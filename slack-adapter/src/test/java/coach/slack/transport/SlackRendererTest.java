package coach.slack.transport;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import coach.slack.transport.SlackRenderer.Rendered;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class SlackRendererTest {

  private final SlackRenderer renderer = new SlackRenderer();

  @Test
  void headingsParagraphsAndBulletsBecomeHeaderAndMrkdwnSections() {
    Rendered rendered =
        renderer.render(
            Reply.builder()
                .heading("Section 1 of 10")
                .paragraph("What decision does the model drive?")
                .bullets(List.of("one", "two"))
                .context("3 of 10")
                .build());
    List<LayoutBlock> blocks = rendered.messages().get(0).blocks();
    assertThat(blocks)
        .extracting(LayoutBlock::getType)
        .containsExactly("header", "section", "section", "context");
    assertThat(((SectionBlock) blocks.get(2)).getText().getText()).isEqualTo("• one\n• two");
    assertThat(rendered.messages().get(0).text())
        .isEqualTo("Section 1 of 10\nWhat decision does the model drive?\n- one\n- two\n3 of 10");
  }

  @Test
  void textThatCouldPingIsEscapedInSectionsAndFallback() {
    Rendered rendered = renderer.render(Reply.text("hi <!channel> <!here> <!everyone> <@U1> & co"));
    String escaped = "hi &lt;!channel&gt; &lt;!here&gt; &lt;!everyone&gt; &lt;@U1&gt; &amp; co";
    assertThat(((SectionBlock) rendered.messages().get(0).blocks().get(0)).getText().getText())
        .isEqualTo(escaped);
    assertThat(rendered.messages().get(0).text()).isEqualTo(escaped);
  }

  @Test
  void aMomentIsSlacksDateTokenWhoseLabelAndFallbackAreEscapedButNotTheToken() {
    java.time.Instant at = java.time.Instant.parse("2026-12-10T17:00:00Z");
    Rendered rendered =
        renderer.render(
            Reply.builder()
                .moment("Starts <!here> & ends", at, java.time.ZoneId.of("Europe/Berlin"))
                .build());

    SectionBlock section = (SectionBlock) rendered.messages().get(0).blocks().get(0);
    assertThat(section.getText().getText())
        .isEqualTo(
            "*Starts &lt;!here&gt; &amp; ends:* <!date^"
                + at.getEpochSecond()
                + "^{date_long_pretty} at {time}|Thu 10 Dec 2026, 18:00 (Europe/Berlin)>");
    assertThat(((MarkdownTextObject) section.getText()).getVerbatim()).isTrue();
    // The notification text has no token: Slack would show it raw there.
    assertThat(rendered.messages().get(0).text())
        .isEqualTo("Starts &lt;!here&gt; &amp; ends: Thu 10 Dec 2026, 18:00 (Europe/Berlin)");
  }

  @Test
  void mrkdwnIsSentVerbatimSoBareAtHereIsNotParsedIntoAMention() {
    Rendered rendered =
        renderer.render(
            Reply.builder()
                .paragraph("@here")
                .fields(List.of(new Block.Field("@channel", "@everyone")))
                .context("@here")
                .build());
    List<LayoutBlock> blocks = rendered.messages().get(0).blocks();
    assertThat(((MarkdownTextObject) ((SectionBlock) blocks.get(0)).getText()).getVerbatim())
        .isTrue();
    assertThat(((SectionBlock) blocks.get(1)).getFields())
        .allSatisfy(f -> assertThat(((MarkdownTextObject) f).getVerbatim()).isTrue());
    assertThat(((ContextBlock) blocks.get(2)).getElements())
        .allSatisfy(e -> assertThat(((MarkdownTextObject) e).getVerbatim()).isTrue());
  }

  @Test
  void longTextIsSplitOverSectionsAndLongHeadersAreCut() {
    String line = "x".repeat(99) + "\n";
    Rendered rendered =
        renderer.render(
            Reply.builder().heading("h".repeat(400)).paragraph(line.repeat(70)).build());
    List<LayoutBlock> blocks = rendered.messages().get(0).blocks();
    assertThat(((HeaderBlock) blocks.get(0)).getText().getText()).hasSize(150).endsWith("…");
    List<SectionBlock> sections = new ArrayList<>();
    blocks.stream().skip(1).forEach(b -> sections.add((SectionBlock) b));
    assertThat(sections).hasSize(3);
    assertThat(sections)
        .allSatisfy(s -> assertThat(s.getText().getText()).hasSizeLessThanOrEqualTo(3000));
    assertThat(
            String.join("\n", sections.stream().map(s -> s.getText().getText()).toList()).strip())
        .isEqualTo(line.repeat(70).strip());
  }

  @Test
  void splittingNeverCutsAnEntity() {
    List<String> pieces = SlackText.split(SlackText.escape("a".repeat(2998) + "<<<<"), 3000);
    assertThat(pieces.get(0)).isEqualTo("a".repeat(2998));
    assertThat(String.join("", pieces)).isEqualTo("a".repeat(2998) + "&lt;&lt;&lt;&lt;");
  }

  @Test
  void moreThanTenFieldsGoOverSeveralSections() {
    List<Block.Field> fields = new ArrayList<>();
    for (int i = 0; i < 23; i++) {
      fields.add(new Block.Field("label " + i, "value <" + i + ">"));
    }
    List<LayoutBlock> blocks =
        renderer.render(Reply.builder().fields(fields).build()).messages().get(0).blocks();
    assertThat(blocks).hasSize(3);
    assertThat(blocks)
        .extracting(b -> ((SectionBlock) b).getFields().size())
        .containsExactly(10, 10, 3);
    assertThat(((SectionBlock) blocks.get(0)).getFields().get(1).getText())
        .isEqualTo("*label 1*\nvalue &lt;1&gt;");
  }

  @Test
  void moreThanFiftyBlocksGoOverSeveralMessages() {
    Reply.Builder reply = Reply.builder();
    for (int i = 0; i < 60; i++) {
      reply.paragraph("paragraph " + i);
    }
    Rendered rendered = renderer.render(reply.build());
    assertThat(rendered.messages()).hasSize(2);
    assertThat(rendered.messages().get(0).blocks()).hasSize(50);
    assertThat(rendered.messages().get(1).blocks()).hasSize(10);
    assertThat(rendered.messages().get(1).text()).startsWith("paragraph 50\n");
  }

  @Test
  void buttonsGetUniqueActionIdsThatMapBackToTheCoresIds() {
    Rendered rendered =
        renderer.render(
            Reply.builder()
                .choices(
                    List.of(
                        new Block.Choice("practice:next", "Next"),
                        new Block.Choice("practice:hint", "Hint")))
                .choices(List.of(new Block.Choice("practice:next", "Next again")))
                .build());
    List<String> ids = new ArrayList<>();
    for (LayoutBlock block : rendered.messages().get(0).blocks()) {
      ((ActionsBlock) block).getElements().forEach(e -> ids.add(((ButtonElement) e).getActionId()));
    }
    assertThat(ids).containsExactly("practice:next", "practice:hint", "practice:next#2");
    assertThat(ids)
        .extracting(SlackRenderer::coreActionId)
        .containsExactly("practice:next", "practice:hint", "practice:next");
  }

  @Test
  void filesAreSetApartForUploadAndLeftOutOfViews() {
    Reply reply =
        Reply.builder()
            .heading("Your progress")
            .file("chart.png", "image/png", new byte[] {1, 2}, "Coverage by section")
            .build();
    Rendered rendered = renderer.render(reply);
    assertThat(rendered.files()).extracting(Block.File::fileName).containsExactly("chart.png");
    assertThat(rendered.messages().get(0).blocks()).hasSize(1);
    assertThat(renderer.viewBlocks(reply))
        .extracting(LayoutBlock::getType)
        .containsExactly("header");
  }
}
