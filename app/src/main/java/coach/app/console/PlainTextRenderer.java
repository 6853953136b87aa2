package coach.app.console;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

/**
 * Renders neutral replies as plain terminal text. Files (charts, exports) are written to a folder
 * and shown as their path.
 */
public final class PlainTextRenderer {

  private final Path filesFolder;

  /** Files in replies are saved under {@code filesFolder} (created when first needed). */
  public PlainTextRenderer(Path filesFolder) {
    this.filesFolder = filesFolder;
  }

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
    if (block instanceof Block.File file) {
      return save(file);
    }
    throw new IllegalArgumentException("unknown block " + block);
  }

  private String save(Block.File file) {
    try {
      Files.createDirectories(filesFolder);
      Path target = filesFolder.resolve(file.fileName());
      Files.write(target, file.data());
      return "  (" + file.description() + " saved to " + target + ")";
    } catch (IOException e) {
      return "  (" + file.description() + " could not be saved: " + e.getMessage() + ")";
    }
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
