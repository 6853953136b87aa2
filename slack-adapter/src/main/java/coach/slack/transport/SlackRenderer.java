package coach.slack.transport;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import com.slack.api.model.block.ActionsBlock;
import com.slack.api.model.block.ContextBlock;
import com.slack.api.model.block.HeaderBlock;
import com.slack.api.model.block.LayoutBlock;
import com.slack.api.model.block.SectionBlock;
import com.slack.api.model.block.composition.MarkdownTextObject;
import com.slack.api.model.block.composition.PlainTextObject;
import com.slack.api.model.block.composition.TextObject;
import com.slack.api.model.block.element.BlockElement;
import com.slack.api.model.block.element.ButtonElement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders neutral {@link Reply} content as Block Kit. Every message also carries a fallback {@code
 * text}. All mrkdwn and fallback text is escaped, and mrkdwn is sent {@code verbatim} (no automatic
 * parsing of bare {@code @here}), so nothing the coach echoes can ping anyone; plain_text (headers,
 * button labels) is never parsed by Slack and is kept verbatim. Slack's limits are respected by
 * splitting: long text over several sections, more than 10 fields over several sections, more than
 * 50 blocks over several messages. Files are returned apart, for upload.
 */
public final class SlackRenderer {

  static final int MAX_BLOCKS_PER_MESSAGE = 50;
  static final int MAX_BLOCKS_PER_VIEW = 100;
  static final int MAX_HEADER = 150;
  static final int MAX_SECTION_TEXT = 3000;
  static final int MAX_FIELDS = 10;
  static final int MAX_FIELD_TEXT = 2000;
  static final int MAX_BUTTONS = 25;
  static final int MAX_BUTTON_TEXT = 75;
  static final int MAX_FALLBACK_TEXT = 3000;

  private static final Pattern ACTION_SUFFIX = Pattern.compile("#[0-9]+$");

  /** One chat message: fallback text and blocks. */
  public record SlackMessage(String text, List<LayoutBlock> blocks) {
    public SlackMessage {
      blocks = List.copyOf(blocks);
    }
  }

  /** A reply as Slack messages (in order) and files to upload after them. */
  public record Rendered(List<SlackMessage> messages, List<Block.File> files) {
    public Rendered {
      messages = List.copyOf(messages);
      files = List.copyOf(files);
    }
  }

  /** Renders a reply for a chat message; an empty message list means the reply was only files. */
  public Rendered render(Reply reply) {
    List<Block.File> files = new ArrayList<>();
    List<SlackMessage> messages = new ArrayList<>();
    List<LayoutBlock> current = new ArrayList<>();
    StringBuilder fallback = new StringBuilder();
    Set<String> actionIds = new HashSet<>();
    for (Block block : reply.blocks()) {
      if (block instanceof Block.File) {
        files.add((Block.File) block);
        continue;
      }
      List<LayoutBlock> rendered = blocks(block, actionIds);
      if (current.size() + rendered.size() > MAX_BLOCKS_PER_MESSAGE && !current.isEmpty()) {
        messages.add(message(fallback, current));
        current = new ArrayList<>();
        fallback = new StringBuilder();
        actionIds = new HashSet<>();
        rendered = blocks(block, actionIds);
      }
      for (LayoutBlock one : rendered) {
        if (current.size() == MAX_BLOCKS_PER_MESSAGE) {
          messages.add(message(fallback, current));
          current = new ArrayList<>();
          fallback = new StringBuilder();
        }
        current.add(one);
      }
      if (fallback.length() > 0) {
        fallback.append('\n');
      }
      fallback.append(block.plainText());
    }
    if (!current.isEmpty()) {
      messages.add(message(fallback, current));
    }
    return new Rendered(messages, files);
  }

  /** Blocks for a Home tab view (at most 100); files are left out, as views cannot hold them. */
  public List<LayoutBlock> viewBlocks(Reply reply) {
    List<LayoutBlock> all = new ArrayList<>();
    Set<String> actionIds = new HashSet<>();
    for (Block block : reply.blocks()) {
      if (!(block instanceof Block.File)) {
        all.addAll(blocks(block, actionIds));
      }
    }
    return all.size() > MAX_BLOCKS_PER_VIEW ? all.subList(0, MAX_BLOCKS_PER_VIEW) : all;
  }

  /** The action id the core issued, without the suffix added to keep ids unique in a message. */
  public static String coreActionId(String slackActionId) {
    return ACTION_SUFFIX.matcher(slackActionId).replaceFirst("");
  }

  private static SlackMessage message(CharSequence fallback, List<LayoutBlock> blocks) {
    String text = SlackText.truncate(SlackText.escape(fallback.toString()), MAX_FALLBACK_TEXT);
    return new SlackMessage(text.isBlank() ? " " : text, blocks);
  }

  private static List<LayoutBlock> blocks(Block block, Set<String> actionIds) {
    List<LayoutBlock> out = new ArrayList<>();
    if (block instanceof Block.Heading) {
      String text = ((Block.Heading) block).text().strip();
      if (!text.isEmpty()) {
        out.add(
            HeaderBlock.builder()
                .text(PlainTextObject.builder().text(SlackText.truncate(text, MAX_HEADER)).build())
                .build());
      }
    } else if (block instanceof Block.Paragraph) {
      sections(((Block.Paragraph) block).text(), out);
    } else if (block instanceof Block.BulletList) {
      List<String> lines = new ArrayList<>();
      for (String item : ((Block.BulletList) block).items()) {
        lines.add("• " + item);
      }
      sections(String.join("\n", lines), out);
    } else if (block instanceof Block.Fields) {
      List<TextObject> fields = new ArrayList<>();
      for (Block.Field field : ((Block.Fields) block).fields()) {
        String text =
            "*" + SlackText.escape(field.label()) + "*\n" + SlackText.escape(field.value());
        fields.add(mrkdwn(SlackText.truncate(text, MAX_FIELD_TEXT)));
        if (fields.size() == MAX_FIELDS) {
          out.add(SectionBlock.builder().fields(fields).build());
          fields = new ArrayList<>();
        }
      }
      if (!fields.isEmpty()) {
        out.add(SectionBlock.builder().fields(fields).build());
      }
    } else if (block instanceof Block.Context) {
      String text = ((Block.Context) block).text();
      if (!text.isBlank()) {
        for (String piece : SlackText.split(SlackText.escape(text), MAX_SECTION_TEXT)) {
          out.add(ContextBlock.builder().elements(List.of(mrkdwn(piece))).build());
        }
      }
    } else if (block instanceof Block.Moment moment) {
      // Slack's date token shows the moment in each reader's own zone; the fallback names the zone.
      String token =
          "<!date^"
              + moment.at().getEpochSecond()
              + "^{date_long_pretty} at {time}|"
              + SlackText.escape(moment.inZone())
              + ">";
      out.add(
          SectionBlock.builder()
              .text(mrkdwn("*" + SlackText.escape(moment.label()) + ":* " + token))
              .build());
    } else if (block instanceof Block.Choices) {
      List<BlockElement> buttons = new ArrayList<>();
      for (Block.Choice choice : ((Block.Choices) block).choices()) {
        String actionId = uniqueActionId(choice.actionId(), actionIds);
        buttons.add(
            ButtonElement.builder()
                .actionId(actionId)
                .value(choice.actionId())
                .text(
                    PlainTextObject.builder()
                        .text(SlackText.truncate(choice.label(), MAX_BUTTON_TEXT))
                        .build())
                .build());
        if (buttons.size() == MAX_BUTTONS) {
          out.add(ActionsBlock.builder().elements(buttons).build());
          buttons = new ArrayList<>();
        }
      }
      if (!buttons.isEmpty()) {
        out.add(ActionsBlock.builder().elements(buttons).build());
      }
    }
    return out;
  }

  private static void sections(String raw, List<LayoutBlock> out) {
    if (raw.isBlank()) {
      return;
    }
    for (String piece : SlackText.split(SlackText.escape(raw), MAX_SECTION_TEXT)) {
      if (!piece.isBlank()) {
        out.add(SectionBlock.builder().text(mrkdwn(piece)).build());
      }
    }
  }

  private static String uniqueActionId(String actionId, Set<String> used) {
    String candidate = actionId;
    for (int n = 2; !used.add(candidate); n++) {
      candidate = actionId + "#" + n;
    }
    return candidate;
  }

  /**
   * A mrkdwn text object with Slack's automatic parsing off ({@code verbatim}): without it Slack
   * turns a bare {@code @here}, {@code @channel} or {@code @everyone} in the text into a mention
   * that notifies, and escaping cannot prevent that. Explicit formatting still works.
   */
  private static MarkdownTextObject mrkdwn(String text) {
    return MarkdownTextObject.builder().text(text).verbatim(true).build();
  }
}
