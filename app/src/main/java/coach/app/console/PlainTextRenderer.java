package coach.app.console;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import java.util.stream.Collectors;

/** Renders neutral replies as plain terminal text. */
public final class PlainTextRenderer {

  /** The reply as lines of text, ending without a newline. */
  public String render(Reply reply) {
    StringBuilder out = new StringBuilder();
    for (Block block : reply.blocks()) {
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(render(block));
    }
    return out.toString();
  }

  private String render(Block block) {
    if (block instanceof Block.Heading heading) {
      return "## " + heading.text();
    }
    if (block instanceof Block.Paragraph paragraph) {
      return paragraph.text();
    }
    if (block instanceof Block.BulletList list) {
      return list.items().stream().map(i -> "  - " + i).collect(Collectors.joining("\n"));
    }
    if (block instanceof Block.Fields fields) {
      int width = fields.fields().stream().mapToInt(f -> f.label().length()).max().orElse(0);
      return fields.fields().stream()
          .map(f -> "  " + pad(f.label() + ":", width + 1) + " " + f.value())
          .collect(Collectors.joining("\n"));
    }
    if (block instanceof Block.Context context) {
      return "  (" + context.text() + ")";
    }
    if (block instanceof Block.Choices choices) {
      return "  "
          + choices.choices().stream()
              .map(c -> "[" + c.label() + "]")
              .collect(Collectors.joining(" "));
    }
    throw new IllegalArgumentException("unknown block " + block);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
