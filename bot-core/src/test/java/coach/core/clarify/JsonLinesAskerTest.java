package coach.core.clarify;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.CurriculumLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code coach ask}'s JSON Lines, per the facts.md contract. */
class JsonLinesAskerTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static String[] ask(String input) throws Exception {
    JsonLinesAsker asker = new JsonLinesAsker(Clarifier.create(), CurriculumLoader.loadDefault());
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    asker.ask(
        new BufferedReader(new StringReader(input)),
        new PrintStream(out, true, StandardCharsets.UTF_8));
    return out.toString(StandardCharsets.UTF_8).split("\n");
  }

  @Test
  void oneLineOutPerLineInWithTopicsAndTheInterviewersAnswer() throws Exception {
    String[] lines =
        ask(
            "{\"id\": \"q1\", \"prompt\": \"churn-prediction\", \"question\": \"How is churn"
                + " defined, and when do we know?\"}\n"
                + "{\"id\": \"q2\", \"prompt\": \"fraud-checkout\", \"question\": \"I'd use a"
                + " GBDT.\"}\n");
    assertThat(lines).hasSize(2);
    JsonNode first = JSON.readTree(lines[0]);
    assertThat(first.get("id").asText()).isEqualTo("q1");
    assertThat(first.get("topics").toString()).isEqualTo("[\"labels\",\"label_delay\"]");
    assertThat(first.get("answer").asText())
        .contains(
            CurriculumLoader.loadDefault()
                .prompt("churn-prediction")
                .orElseThrow()
                .fact("labels")
                .orElseThrow()
                .answer())
        .contains("30 days' notice");
    JsonNode second = JSON.readTree(lines[1]);
    assertThat(second.get("topics").size()).isZero();
    assertThat(second.get("answer").asText()).isNotBlank();
  }

  @Test
  void aBadLineGetsAnErrorAndTheRunGoesOn() throws Exception {
    String[] lines =
        ask(
            "not json\n"
                + "{\"id\": \"q2\", \"prompt\": \"no-such-prompt\", \"question\": \"qps?\"}\n"
                + "{\"id\": \"q3\", \"prompt\": \"fraud-checkout\"}\n"
                + "{\"id\": \"q4\", \"prompt\": \"fraud-checkout\", \"question\": \"qps?\"}\n");
    assertThat(lines).hasSize(4);
    assertThat(JSON.readTree(lines[0]).get("error").asText()).startsWith("not a JSON object");
    assertThat(JSON.readTree(lines[1]).get("error").asText())
        .isEqualTo("unknown prompt 'no-such-prompt'");
    assertThat(JSON.readTree(lines[1]).get("id").asText()).isEqualTo("q2");
    assertThat(JSON.readTree(lines[2]).get("error").asText()).contains("'question'");
    assertThat(JSON.readTree(lines[3]).get("topics").toString()).isEqualTo("[\"scale\"]");
  }

  @Test
  void aTopicWithoutAFactAsksForAnAssumption() {
    String said =
        JsonLinesAsker.say(
            java.util.List.of(
                new Clarification("budget", "Budget and timeline", java.util.Optional.empty())));
    assertThat(said).contains("doesn't pin that down").contains("assumption");
  }
}
