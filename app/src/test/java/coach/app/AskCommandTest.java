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

  private static Path labelled(Path dir, String name, String... questionAndTopic)
      throws IOException {
    StringBuilder lines = new StringBuilder();
    for (int i = 0; i < questionAndTopic.length; i += 2) {
      lines.append(
          String.format(
              "{\"id\": \"%s-%d\", \"prompt\": \"fraud-checkout\", \"question\": \"%s\","
                  + " \"topics\": [%s]}%n",
              name,
              i,
              questionAndTopic[i],
              questionAndTopic[i + 1].isEmpty() ? "" : "\"" + questionAndTopic[i + 1] + "\""));
    }
    return Files.writeString(dir.resolve(name + ".jsonl"), lines.toString());
  }

  @Test
  void trainWritesAModelThatEvalCanUse(@TempDir Path dir) throws IOException {
    Path a = labelled(dir, "a", "how many payments a day?", "scale", "who reviews flags?", "users");
    Path b = labelled(dir, "b", "what's the daily payment volume?", "scale", "nice weather?", "");
    Path model = dir.resolve("model.json");
    assertThat(
            ask("", "ask", "--train", model.toString(), "--on", a.toString(), "--on", b.toString()))
        .isZero();
    assertThat(out()).isEqualTo("trained on 4 questions from 2 files; wrote " + model + "\n");
    assertThat(Files.readString(model)).contains("\"trained_on\": [\"a.jsonl\", \"b.jsonl\"]");

    out.reset();
    assertThat(ask("", "ask", "--model", model.toString(), "--eval", a.toString(), "--totals"))
        .isZero();
    assertThat(out()).startsWith("questions 2  micro P");
  }

  @Test
  void byAuthorScoresEachFileLeftOut(@TempDir Path dir) throws IOException {
    Path a = labelled(dir, "a", "how many payments a day?", "scale", "how fast?", "latency");
    Path b = labelled(dir, "b", "payment volume?", "scale", "latency budget?", "latency");
    assertThat(ask("", "ask", "--by-author", "--on", a.toString(), "--on", b.toString())).isZero();
    assertThat(out())
        .containsPattern("a\\.jsonl\\s+\\d\\.\\d{3}\\s+\\d\\.\\d{3}")
        .containsPattern("b\\.jsonl\\s+")
        .contains("mean micro F1");
  }

  @Test
  void trainingRefusesMissingOrBadInputWithOneSentence(@TempDir Path dir) throws IOException {
    assertThat(ask("", "ask", "--train", dir.resolve("m.json").toString())).isEqualTo(2);
    assertThat(err())
        .isEqualTo("coach: --train needs at least one labelled file given with --on FILE.\n");
    assertThat(dir.resolve("m.json")).doesNotExist();

    err.reset();
    Path a = labelled(dir, "a", "qps?", "scale");
    assertThat(ask("", "ask", "--by-author", "--on", a.toString())).isEqualTo(2);
    assertThat(err())
        .isEqualTo(
            "coach: --by-author needs two labelled files or more, each given with --on FILE.\n");

    err.reset();
    Path notAModel = Files.writeString(dir.resolve("x.json"), "{\"format\": 7}");
    assertThat(ask("", "ask", "--model", notAModel.toString(), "--eval", a.toString()))
        .isEqualTo(2);
    assertThat(err()).isEqualTo("coach: " + notAModel + " is not a model of format 1.\n");
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
