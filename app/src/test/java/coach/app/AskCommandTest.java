package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code coach ask}: JSON Lines answers, and {@code --eval} with its one-sentence refusals. */
class AskCommandTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  private int ask(String stdin, String... args) {
    return Main.execute(
        new Main.Launch(
            Map.of(),
            new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)),
        args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void answersStandardInputLineByLine() {
    int status =
        ask(
            "{\"id\": \"q1\", \"prompt\": \"fraud-checkout\", \"question\": \"what volume, and"
                + " how fast must it decide?\"}\nnot json\n",
            "ask");
    assertThat(status).isZero();
    String[] lines = out().split("\n");
    assertThat(lines).hasSize(2);
    assertThat(lines[0])
        .startsWith("{\"id\":\"q1\",\"topics\":[\"scale\",\"latency\"],\"answer\":")
        .contains("20 million card payments")
        .contains("150 ms");
    assertThat(lines[1]).startsWith("{\"id\":null,\"error\":");
  }

  @Test
  void anUnreadableInputExitsWithTwo() {
    assertThat(ask("", "ask", "/no/such/file.jsonl")).isEqualTo(2);
    assertThat(err()).isEqualTo("coach: cannot read /no/such/file.jsonl: no such file.\n");
  }

  @Test
  void evalPrintsPerTopicAndMicroFigures(@TempDir Path dir) throws IOException {
    Path file =
        Files.writeString(
            dir.resolve("set.jsonl"),
            "{\"id\": \"1\", \"prompt\": \"churn-prediction\", \"question\": \"How is churn"
                + " defined?\", \"topics\": [\"labels\"]}\n"
                + "{\"id\": \"2\", \"prompt\": \"churn-prediction\", \"question\": \"qps?\","
                + " \"topics\": [\"scale\"]}\n");
    assertThat(ask("", "ask", "--eval", file.toString())).isZero();
    assertThat(out())
        .containsPattern("labels\\s+1\\s+0\\s+0\\s+1.000\\s+1.000\\s+1.000")
        .contains("questions 2  micro P 1.000  micro R 1.000  micro F1 1.000");
  }

  @Test
  void evalRefusesBadFilesWithOneSentence(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.jsonl"), "");
    assertThat(ask("", "ask", "--eval", empty.toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("coach: " + empty + " has no labelled questions.\n");
    assertThat(out()).isEmpty();

    err.reset();
    Path noTopics =
        Files.writeString(dir.resolve("b.jsonl"), "{\"id\": \"q\", \"question\": \"qps?\"}\n");
    assertThat(ask("", "ask", "--eval", noTopics.toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("coach: " + noTopics + " line 1 has no \"topics\" key.\n");

    err.reset();
    assertThat(ask("", "ask", "--eval", dir.resolve("none.jsonl").toString())).isEqualTo(2);
    assertThat(err()).isEqualTo("coach: cannot read " + dir.resolve("none.jsonl") + ".\n");
  }

  @Test
  void hasHelp() {
    assertThat(ask("", "ask", "--help")).isZero();
    assertThat(out()).contains("Usage: coach ask").contains("--eval");
    out.reset();
    ask("", "--help");
    assertThat(out()).contains("ask");
  }
}
