package coach.core.curriculum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class CurriculumLoaderTest {

  private static final Curriculum SHIPPED = CurriculumLoader.loadDefault();

  @Test
  void theShippedCurriculumHasEveryRubricIdAndEveryPromptIsComplete() {
    assertThat(SHIPPED.sections())
        .extracting(Section::id)
        .containsExactlyElementsOf(RubricIds.SECTIONS);
    assertThat(SHIPPED.concepts())
        .extracting(Concept::id)
        .containsExactlyInAnyOrderElementsOf(RubricIds.CONCEPTS);
    assertThat(SHIPPED.prompts())
        .extracting(Prompt::id)
        .containsExactlyElementsOf(RubricIds.PROMPTS);
    for (Prompt prompt : SHIPPED.prompts()) {
      for (Section section : SHIPPED.sections()) {
        assertThat(prompt.question(section)).as(prompt.id() + " " + section.id()).isNotBlank();
      }
      for (FactTopic topic : SHIPPED.factTopics()) {
        if (topic.required()) {
          assertThat(prompt.fact(topic.id())).as(prompt.id() + " fact " + topic.id()).isPresent();
        }
      }
      assertThat(prompt.focus()).as(prompt.id() + " focus").isNotEmpty();
    }
    for (Concept concept : SHIPPED.concepts()) {
      assertThat(concept.id()).startsWith(concept.sectionId() + ".");
      assertThat(concept.followup()).endsWith("?");
    }
  }

  @Test
  void promptSpecificFollowUpsOverrideTheConceptsOwnWording() {
    Prompt fraud = SHIPPED.prompt("fraud-checkout").orElseThrow();
    Concept delay = SHIPPED.concept("data.label_delay").orElseThrow();
    assertThat(fraud.followups()).containsKey("data.label_delay");
    assertThat(fraud.followup(delay)).isEqualTo(fraud.followups().get("data.label_delay"));
    Prompt onDevice = SHIPPED.prompt("on-device-ml").orElseThrow();
    Concept aa = SHIPPED.concept("validation.aa_test").orElseThrow();
    if (!onDevice.followups().containsKey(aa.id())) {
      assertThat(onDevice.followup(aa)).isEqualTo(aa.followup());
    }
  }

  @Test
  void referencesNameTheEpisodeAndTimestamp() {
    Section decision = SHIPPED.section("decision").orElseThrow();
    assertThat(decision.refs()).isNotEmpty();
    assertThat(decision.refs().get(0).describe()).contains("(").contains(")");
    assertThat(SHIPPED.sections().stream().flatMap(s -> s.refs().stream()).map(Reference::describe))
        .anySatisfy(
            text -> assertThat(text).contains("ML System Design Interviews").contains(" at 1"));
  }

  @Test
  void anUnknownConceptInAPromptNamesTheFileAndEntry() {
    assertLoadFails(
        "prompts/fraud-checkout.yaml",
        yaml -> yaml.replaceFirst("focus:\n  - ", "focus:\n  - data.telepathy\n  - "),
        "prompts/fraud-checkout.yaml",
        "unknown concept 'data.telepathy'");
  }

  @Test
  void aMissingSectionQuestionIsReported() {
    assertLoadFails(
        "prompts/nearby-places.yaml",
        yaml -> yaml.replaceFirst("(?m)^  monitoring:", "  monitoring_typo:"),
        "prompts/nearby-places.yaml",
        "unknown section 'monitoring_typo'");
  }

  @Test
  void aDuplicateConceptIsReported() {
    assertLoadFails(
        "concepts.yaml",
        yaml -> yaml.replaceFirst("id: decision.goal", "id: decision.user"),
        "concepts.yaml",
        "concept 'decision.user': duplicate id");
  }

  @Test
  void anEmptyQuestionIsReported() {
    assertLoadFails(
        "sections.yaml",
        yaml -> yaml.replaceFirst("(?m)^(\\s*)question:.*(\\n\\1  .*)*", "$1question: \"\""),
        "sections.yaml",
        "section 'decision': 'question' is missing or empty");
  }

  @Test
  void aBrokenEpisodeReferenceIsReported() {
    assertLoadFails(
        "sections.yaml",
        yaml -> yaml.replaceFirst("episode: [a-z-]+", "episode: lost-episode"),
        "sections.yaml",
        "unknown episode 'lost-episode'");
  }

  @Test
  void aMissingRubricSectionIsReported() {
    assertLoadFails(
        "sections.yaml",
        yaml -> yaml.replaceFirst("id: baseline", "id: warmup"),
        "sections.yaml",
        "must be exactly the rubric's sections");
  }

  @Test
  void anUnknownFieldIsReportedWithItsLine() {
    assertLoadFails(
        "episodes.yaml",
        yaml -> yaml.replaceFirst("guest:", "host:"),
        "episodes.yaml",
        "cannot be read");
  }

  private static void assertLoadFails(
      String file, UnaryOperator<String> change, String... messageParts) {
    Map<String, String> files = shippedFiles();
    String original = files.get(file);
    String changed = change.apply(original);
    assertThat(changed).as("the test's edit must change " + file).isNotEqualTo(original);
    files.put(file, changed);
    CurriculumLoader loader =
        CurriculumLoader.from(
            path -> {
              String text = files.get(path);
              return text == null
                  ? null
                  : new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
            },
            "curriculum/");
    var failure = assertThatThrownBy(loader::load).isInstanceOf(CurriculumException.class);
    for (String part : messageParts) {
      failure.hasMessageContaining(part);
    }
  }

  private static Map<String, String> shippedFiles() {
    Map<String, String> files = new HashMap<>();
    ClassLoader loader = CurriculumLoaderTest.class.getClassLoader();
    CurriculumLoader.from(
            path -> {
              InputStream in = loader.getResourceAsStream("curriculum/" + path);
              if (in != null) {
                try (in) {
                  files.put(path, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              }
              return loader.getResourceAsStream("curriculum/" + path);
            },
            "curriculum/")
        .load();
    return files;
  }
}
