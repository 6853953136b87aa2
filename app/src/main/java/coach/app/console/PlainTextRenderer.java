package coach.app.console;

import coach.core.chat.CommandWord;
import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import coach.core.privacy.PrivacyService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Renders neutral replies as plain terminal text. Buttons, which a terminal cannot press, are shown
 * as the words to type instead ("Type `next`, `skip`, `hint` or `stop`."); a button with no typed
 * equivalent is left out. Files (charts, exports) are written to a folder and shown as their path.
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
      String text = render(block);
      if (text.isEmpty()) {
        continue;
      }
      if (!out.isEmpty()) {
        out.append('\n');
      }
      out.append(text);
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
    if (block instanceof Block.Moment moment) {
      return moment.plainText();
    }
    if (block instanceof Block.Choices choices) {
      List<String> words =
          choices.choices().stream()
              .map(c -> typed(c.actionId()))
              .flatMap(Optional::stream)
              .map(word -> "`" + word + "`")
              .distinct()
              .toList();
      if (words.isEmpty()) {
        return "";
      }
      String last = words.get(words.size() - 1);
      return words.size() == 1
          ? "  Type " + last + "."
          : "  Type " + String.join(", ", words.subList(0, words.size() - 1)) + " or " + last + ".";
    }
    if (block instanceof Block.File file) {
      return save(file);
    }
    throw new IllegalArgumentException("unknown block " + block);
  }

  /**
   * What to type for a button: {@code practice:WORD} is the command word, {@code
   * practice:start:PROMPT} is {@code practice PROMPT}, {@code practice:claim:CONCEPT} (the button
   * under a follow-up) is {@code claim}, the forget button is {@code forget confirm}.
   */
  static Optional<String> typed(String actionId) {
    if (actionId.equals(PrivacyService.FORGET_ACTION)) {
      return Optional.of(CommandWord.FORGET.word() + " " + PrivacyService.CONFIRM_WORD);
    }
    String[] parts = actionId.split(":", 3);
    if (parts.length == 3 && parts[0].equals("practice") && parts[1].equals("start")) {
      return Optional.of(CommandWord.PRACTICE.word() + " " + parts[2]);
    }
    if (parts.length == 3 && parts[0].equals("practice") && parts[1].equals("claim")) {
      // "I covered that" claims the follow-up just asked: `claim` alone does the same
      return Optional.of(CommandWord.CLAIM.word());
    }
    if (parts.length == 2 && parts[0].equals("practice")) {
      return CommandWord.of(parts[1]).map(CommandWord::word);
    }
    return Optional.empty();
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
