package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * {@code --help} reads cleanly at 80 columns: every command is summed up by a complete sentence,
 * descriptions are whole paragraphs wrapped by picocli, and no line is cut short or runs over.
 */
class HelpTest {

  private static final List<String> COMMANDS =
      List.of(
          "console",
          "run",
          "grade",
          "ask",
          "progress",
          "corrections",
          "schedules",
          "bench",
          "train",
          "migrate",
          "db");

  private static String help(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new Main.Launch(
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8)),
            args);
    assertThat(status).isZero();
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void theCommandListSumsUpEachCommandInACompleteSentence() {
    List<String> lines = help("--help").lines().toList();
    List<String> entries = new ArrayList<>();
    for (String line : lines.subList(lines.indexOf("Commands:") + 1, lines.size())) {
      if (line.matches("  \\S.*")) {
        entries.add(line.strip());
      } else {
        entries.set(entries.size() - 1, entries.get(entries.size() - 1) + " " + line.strip());
      }
    }
    assertThat(entries).hasSize(COMMANDS.size() + 1);
    assertThat(entries).allSatisfy(entry -> assertThat(entry).endsWith("."));
  }

  @Test
  void everyHelpFitsEightyColumnsAndWrapsOnlyWhereTheNextWordWouldNotFit() {
    List<String> helps = new ArrayList<>();
    helps.add(help("--help"));
    COMMANDS.forEach(command -> helps.add(help(command, "--help")));
    for (String text : helps) {
      List<String> lines = text.lines().toList();
      assertThat(lines)
          .allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(Main.USAGE_WIDTH));
      for (int i = 0; i + 1 < lines.size(); i++) {
        String line = lines.get(i);
        String next = lines.get(i + 1);
        boolean paragraphGoesOn =
            !line.isBlank()
                && !line.startsWith(" ")
                && !next.isBlank()
                && !next.startsWith(" ")
                && !line.startsWith("Usage:")
                && !line.matches(".*[.:]$");
        if (paragraphGoesOn) {
          String nextWord = next.split(" ", 2)[0];
          // picocli fills lines up to one column short of the width
          assertThat(line.length() + 1 + nextWord.length())
              .as("'%s' was broken before '%s'", line, nextWord)
              .isGreaterThanOrEqualTo(Main.USAGE_WIDTH);
        }
      }
    }
  }

  @Test
  void everyDescriptionParagraphIsCompleteAndNoneIsTruncated() {
    CommandLine commandLine = new CommandLine(new Main(null));
    for (String command : COMMANDS) {
      String[] paragraphs =
          commandLine.getSubcommands().get(command).getCommandSpec().usageMessage().description();
      assertThat(paragraphs[0]).as(command + " summary").endsWith(".").doesNotContain("...");
      for (String paragraph : paragraphs) {
        if (!paragraph.startsWith(" ")) {
          assertThat(paragraph).as(command).matches("(?s).*[.:]");
        }
      }
    }
  }
}
