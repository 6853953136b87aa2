package coach.core.coverage;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class JsonLinesGraderTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  /** A detector that reports "data.leakage" when the answer says "leak", to test the plumbing. */
  private static final CoverageDetector FAKE =
      (answer, prompt, section) ->
          answer.contains("leak")
              ? new TreeSet<>(List.of("data.leakage", "data.sources"))
              : new TreeSet<>();

  private List<String> grade(String input) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonLinesGrader(FAKE, CURRICULUM)
        .grade(
            new BufferedReader(new StringReader(input)),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(notes, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).lines().toList();
  }

  private final ByteArrayOutputStream notes = new ByteArrayOutputStream();

  @Test
  void aVeryLongAnswerIsGradedOnItsBeginningAndTheNotesSaySo() throws Exception {
    String longAnswer = "a leak. " + "x".repeat(30_000);
    assertThat(grade("{\"id\":\"long\",\"answer\":\"" + longAnswer + "\"}\n"))
        .containsExactly("{\"id\":\"long\",\"concepts\":[\"data.leakage\",\"data.sources\"]}");
    assertThat(notes.toString(StandardCharsets.UTF_8))
        .isEqualTo("coach grade: line 1 (id long): graded the first 20,000 of 30,008 characters\n");
  }

  @Test
  void gradesEachLineInOrderWithSortedConcepts() throws Exception {
    assertThat(
            grade(
                "{\"id\":\"a\",\"prompt\":\"fraud-checkout\",\"section\":\"data\",\"answer\":\"a leak\"}\n"
                    + "{\"id\":\"b\",\"answer\":\"nothing here\"}\n"))
        .containsExactly(
            "{\"id\":\"a\",\"concepts\":[\"data.leakage\",\"data.sources\"]}",
            "{\"id\":\"b\",\"concepts\":[]}");
    assertThat(notes.size()).as("no notes for answers of ordinary length").isZero();
  }

  @Test
  void badLinesAreReportedAndTheRunGoesOn() throws Exception {
    assertThat(
            grade(
                "not json\n"
                    + "{\"id\":\"x\"}\n"
                    + "{\"id\":\"y\",\"prompt\":\"nope\",\"answer\":\"a\"}\n"
                    + "{\"id\":\"z\",\"section\":\"warmup\",\"answer\":\"a\"}\n"
                    + "[1,2]\n"
                    + "\n"
                    + "{\"id\":7,\"answer\":\"leak\"}\n"))
        .satisfiesExactly(
            line -> assertThat(line).startsWith("{\"id\":null,\"error\":\"not a JSON object"),
            line ->
                assertThat(line)
                    .isEqualTo("{\"id\":\"x\",\"error\":\"'answer' must be a string\"}"),
            line ->
                assertThat(line).isEqualTo("{\"id\":\"y\",\"error\":\"unknown prompt 'nope'\"}"),
            line ->
                assertThat(line).isEqualTo("{\"id\":\"z\",\"error\":\"unknown section 'warmup'\"}"),
            line -> assertThat(line).isEqualTo("{\"id\":null,\"error\":\"not a JSON object\"}"),
            line ->
                assertThat(line)
                    .isEqualTo("{\"id\":\"7\",\"concepts\":[\"data.leakage\",\"data.sources\"]}"));
  }

  @Test
  void theRealDetectorRunsBehindIt() throws Exception {
    LexicalCoverageDetector real = LexicalCoverageDetector.create(CURRICULUM);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new JsonLinesGrader(real, CURRICULUM)
        .grade(
            new BufferedReader(
                new StringReader(
                    "{\"id\":\"s\",\"answer\":\"Chargebacks are the labels and arrive weeks later\"}")),
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(notes, true, StandardCharsets.UTF_8));
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("data.label_delay");
    assertThat(real.detect("", Optional.empty(), Optional.empty())).isEmpty();
  }
}
