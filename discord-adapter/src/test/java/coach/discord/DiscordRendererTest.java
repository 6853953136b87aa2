package coach.discord;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import coach.discord.transport.DiscordRenderer;
import coach.discord.transport.DiscordRenderer.DiscordMessage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import net.dv8tion.jda.api.components.buttons.Button;
import net.dv8tion.jda.api.entities.MessageEmbed;
import net.dv8tion.jda.api.utils.messages.MessageCreateData;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The renderer at and beyond Discord's limits: it splits, and never builds a message Discord
 * refuses.
 */
class DiscordRendererTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final DiscordRenderer renderer = new DiscordRenderer();

  /** Words of 9 letters and a space: text that can be split between words. */
  private static String words(int length) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; out.length() < length; i++) {
      out.append(String.format("word%05d ", i));
    }
    return out.substring(0, length).strip();
  }

  @BeforeEach
  void jdaDefaults() {
    NoPings.resetJdaDefaults();
  }

  /** The JSON body JDA sends for a message, as Discord receives it. */
  static JsonNode body(DiscordMessage message) {
    try (MessageCreateData data = message.toCreateData()) {
      return JSON.readTree(data.toData().toJson());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Discord would accept the message (every documented limit, checked by the same rules as the
   * loopback Discord's) and it can ping no one.
   */
  private static void assertSendable(DiscordMessage message) {
    JsonNode body = body(message);
    assertThat(DiscordMessageRules.checkNew(body, message.files().size()))
        .as("Discord's answer to %s", body)
        .isEmpty();
    NoPings.assertCannotPing(body);
  }

  private List<DiscordMessage> render(Reply reply) {
    List<DiscordMessage> messages = renderer.render(reply);
    messages.forEach(DiscordRendererTest::assertSendable);
    return messages;
  }

  private static String allText(List<DiscordMessage> messages) {
    StringBuilder out = new StringBuilder();
    for (DiscordMessage message : messages) {
      out.append(message.content());
      for (MessageEmbed embed : message.embeds()) {
        out.append(embed.getDescription() == null ? "" : embed.getDescription());
      }
    }
    return out.toString().replaceAll("\\s+", "");
  }

  @Test
  void aSectionQuestionIsAnEmbedWithTitleDescriptionFooterAndButtons() {
    Reply reply =
        Reply.builder()
            .context("Covered: Triggered action.")
            .heading("Section 2 of 10: Metrics")
            .paragraph("Which numbers would show it works?")
            .context("Fraud scoring · `next` moves on")
            .choices(
                List.of(
                    new Block.Choice("practice:next", "Next"),
                    new Block.Choice("practice:skip", "Skip"),
                    new Block.Choice("practice:hint", "Hint"),
                    new Block.Choice("practice:stop", "Stop")))
            .build();
    List<DiscordMessage> messages = render(reply);
    assertThat(messages).hasSize(1);
    DiscordMessage message = messages.get(0);
    assertThat(message.content()).isEmpty();
    assertThat(message.embeds()).hasSize(2);
    assertThat(message.embeds().get(0).getFooter().getText())
        .isEqualTo("Covered: Triggered action.");
    MessageEmbed question = message.embeds().get(1);
    assertThat(question.getTitle()).isEqualTo("Section 2 of 10: Metrics");
    assertThat(question.getDescription()).isEqualTo("Which numbers would show it works?");
    assertThat(question.getFooter().getText()).isEqualTo("Fraud scoring · `next` moves on");
    assertThat(message.buttons())
        .extracting(Button::getCustomId)
        .containsExactly("practice:next", "practice:skip", "practice:hint", "practice:stop");
    assertThat(message.buttons())
        .extracting(Button::getLabel)
        .containsExactly("Next", "Skip", "Hint", "Stop");
  }

  @Test
  void plainParagraphsAreContentSplitAt2000Characters() {
    String text = words(4500);
    List<DiscordMessage> messages = render(Reply.text(text));
    assertThat(messages).hasSize(3);
    assertThat(messages).allSatisfy(m -> assertThat(m.embeds()).isEmpty());
    assertThat(messages.get(0).content()).hasSizeBetween(1000, 2000).doesNotEndWith("word");
    assertThat(allText(messages)).isEqualTo(text.replaceAll("\\s+", ""));

    assertThat(render(Reply.text(words(2000)))).hasSize(1);
    assertThat(render(Reply.text(words(2001)))).hasSize(2);
  }

  @Test
  void aLongDescriptionContinuesInTheNextEmbedAndALongTitleIsShortened() {
    String title = words(300);
    String body = words(9000);
    List<DiscordMessage> messages = render(Reply.builder().heading(title).paragraph(body).build());
    List<MessageEmbed> embeds = messages.stream().flatMap(m -> m.embeds().stream()).toList();
    assertThat(embeds.get(0).getTitle()).hasSize(256).endsWith("…");
    assertThat(embeds).hasSizeGreaterThanOrEqualTo(3);
    assertThat(allText(messages)).contains(body.replaceAll("\\s+", ""));
  }

  @Test
  void fieldsBeyond25AndLongValuesSplitCleanly() {
    List<Block.Field> fields = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      fields.add(new Block.Field("Section " + i, i + "/5 covered"));
    }
    fields.add(new Block.Field(words(300), words(2500)));
    List<DiscordMessage> messages =
        render(Reply.builder().heading("Scorecard").fields(fields).build());
    List<MessageEmbed.Field> rendered =
        messages.stream()
            .flatMap(m -> m.embeds().stream())
            .flatMap(e -> e.getFields().stream())
            .toList();
    assertThat(rendered.stream().filter(f -> f.getName().startsWith("Section"))).hasSize(30);
    List<MessageEmbed.Field> last = rendered.subList(30, rendered.size());
    assertThat(last).hasSize(3);
    assertThat(last.get(0).getName()).hasSize(256).endsWith("…");
    assertThat(last.get(0).isInline()).isFalse();
    assertThat(
            last.stream()
                .map(MessageEmbed.Field::getValue)
                .collect(Collectors.joining())
                .replaceAll("\\s+", ""))
        .isEqualTo(words(2500).replaceAll("\\s+", ""));
    assertThat(rendered.get(0).isInline()).isTrue();
  }

  @Test
  void moreThan10EmbedsOr6000CharactersGoOnInAnotherMessage() {
    Reply.Builder many = Reply.builder();
    for (int i = 0; i < 12; i++) {
      many.heading("Part " + i).paragraph("short");
    }
    List<DiscordMessage> twelve = render(many.build());
    assertThat(twelve).hasSize(2);
    assertThat(twelve.get(0).embeds()).hasSize(10);

    Reply.Builder heavy = Reply.builder();
    for (int i = 0; i < 3; i++) {
      heavy.heading("Part " + i).paragraph(words(2500));
    }
    List<DiscordMessage> big = render(heavy.build());
    assertThat(big).hasSize(2);
    assertThat(big.get(0).embeds()).hasSize(2);
  }

  @Test
  void buttonsGoFiveARowFiveRowsAMessageWithShortLabelsAndUniqueIds() {
    List<Block.Choice> choices =
        IntStream.range(0, 27)
            .mapToObj(i -> new Block.Choice("practice:start:p" + i, i == 0 ? words(120) : "P" + i))
            .collect(Collectors.toCollection(ArrayList::new));
    choices.add(new Block.Choice("practice:start:p1", "Again"));
    List<DiscordMessage> messages =
        render(Reply.builder().paragraph("Pick one").choices(choices).build());
    assertThat(messages).hasSize(2);
    assertThat(messages.get(0).rows()).hasSize(5).allSatisfy(r -> assertThat(r).hasSize(5));
    assertThat(messages.get(1).buttons()).hasSize(3);
    assertThat(messages.get(1).content()).isEqualTo(DiscordRenderer.MORE);
    assertThat(messages.get(0).buttons().get(0).getLabel()).hasSize(80).endsWith("…");
    String again = messages.get(1).buttons().get(2).getCustomId();
    assertThat(again).isEqualTo("practice:start:p1");
    assertThat(renderer.coreActionId(again)).hasValue("practice:start:p1");
  }

  @Test
  void theSameActionTwiceInOneMessageGetsDistinctIdsThatMapBack() {
    List<DiscordMessage> messages =
        render(
            Reply.builder()
                .paragraph("x")
                .choices(
                    List.of(
                        new Block.Choice("practice:next", "Next"),
                        new Block.Choice("practice:next", "Next again")))
                .build());
    List<String> ids = messages.get(0).buttons().stream().map(Button::getCustomId).toList();
    assertThat(ids).containsExactly("practice:next", "practice:next#2");
    assertThat(ids)
        .allSatisfy(id -> assertThat(renderer.coreActionId(id)).hasValue("practice:next"));
  }

  @Test
  void anActionIdTooLongForACustomIdIsMappedBack() {
    String longId = "practice:start:" + "x".repeat(150);
    DiscordMessage message =
        render(
                Reply.builder()
                    .paragraph("x")
                    .choices(List.of(new Block.Choice(longId, "Go")))
                    .build())
            .get(0);
    String customId = message.buttons().get(0).getCustomId();
    assertThat(customId.length()).isLessThanOrEqualTo(100);
    assertThat(renderer.coreActionId(customId)).hasValue(longId);
    assertThat(new DiscordRenderer().coreActionId(customId)).isEmpty();
  }

  @Test
  void filesAreAttachedToTheLastMessageTenAtMostEach() {
    Reply.Builder reply = Reply.builder().heading("Your progress").paragraph("bars");
    reply.file("chart.png", "image/png", new byte[] {1, 2, 3}, "Coverage chart");
    List<DiscordMessage> one = render(reply.build());
    assertThat(one).hasSize(1);
    assertThat(one.get(0).files()).extracting(Block.File::fileName).containsExactly("chart.png");
    MessageCreateData data = one.get(0).toCreateData();
    assertThat(data.getFiles()).hasSize(1);

    Reply.Builder many = Reply.builder().paragraph("Here you go");
    for (int i = 0; i < 12; i++) {
      many.file("f" + i + ".json", "application/json", new byte[] {1}, "Export " + i);
    }
    List<DiscordMessage> split = render(many.build());
    assertThat(split).hasSize(2);
    assertThat(split.get(0).content()).isEqualTo("Here you go");
    assertThat(split.get(0).files()).hasSize(10);
    assertThat(split.get(1).files()).hasSize(2);
    assertThat(split.get(1).content()).isEqualTo("Export 10");

    assertThat(
            render(new Reply(List.of(new Block.File("a.png", "image/png", new byte[] {1}, "A")))))
        .singleElement()
        .satisfies(m -> assertThat(m.content()).isEqualTo("A"));
  }

  @Test
  void mentionsInTextAreLeftAsTextButNeverAllowedToPing() {
    DiscordMessage message = render(Reply.text("I don't know `@everyone <@123> <@&42>`")).get(0);
    JsonNode body = body(message);
    assertThat(body.path("content").asText()).contains("@everyone <@123> <@&42>");
    NoPings.assertCannotPing(body);
    DiscordMessage rich =
        render(Reply.builder().heading("@here").paragraph("<@123>").context("@everyone").build())
            .get(0);
    NoPings.assertCannotPing(body(rich));
  }

  @Test
  void aLongFooterIsSplitAcrossEmbeds() {
    List<DiscordMessage> messages =
        render(Reply.builder().heading("H").paragraph("p").context(words(5000)).build());
    List<MessageEmbed> embeds = messages.stream().flatMap(m -> m.embeds().stream()).toList();
    String footers =
        embeds.stream()
            .filter(e -> e.getFooter() != null)
            .map(e -> e.getFooter().getText())
            .collect(Collectors.joining());
    assertThat(footers.replaceAll("\\s+", "")).isEqualTo(words(5000).replaceAll("\\s+", ""));
  }
}
