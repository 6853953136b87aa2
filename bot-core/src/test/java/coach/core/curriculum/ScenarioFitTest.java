package coach.core.curriculum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Every follow-up, hint and depth question reads right for its own prompt: none names another
 * prompt's domain ("catalogue" in churn, "battery" in fraud), and none is about a concept the
 * prompt declares out of scope.
 */
class ScenarioFitTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @Test
  void noPromptsWordingNamesAnotherPromptsDomain() {
    List<String> leaks = new ArrayList<>();
    for (Prompt prompt : CURRICULUM.prompts()) {
      List<String> texts = rendered(prompt);
      for (Prompt other : CURRICULUM.prompts()) {
        for (String term : other.domainTerms()) {
          if (prompt.domainTerms().contains(term)) {
            continue;
          }
          Pattern word = Pattern.compile("\\b" + Pattern.quote(term) + "\\b");
          for (String text : texts) {
            if (word.matcher(text.toLowerCase(Locale.ROOT)).find()) {
              leaks.add(prompt.id() + " uses " + other.id() + "'s '" + term + "': " + text);
            }
          }
        }
      }
    }
    assertThat(leaks).isEmpty();
  }

  @Test
  void theCheckCatchesALeak() {
    Prompt churn = CURRICULUM.prompt("churn-prediction").orElseThrow();
    Prompt fraud = CURRICULUM.prompt("fraud-checkout").orElseThrow();
    String term = fraud.domainTerms().get(0);
    assertThat(churn.domainTerms()).doesNotContain(term);
    assertThat(
            Pattern.compile("\\b" + Pattern.quote(term) + "\\b")
                .matcher(("What about " + term + " here?").toLowerCase(Locale.ROOT))
                .find())
        .isTrue();
  }

  @Test
  void everyPromptDeclaresItsDomainAndScopesOutWhatDoesNotApply() {
    for (Prompt prompt : CURRICULUM.prompts()) {
      assertThat(prompt.domainTerms()).as(prompt.id()).isNotEmpty();
      assertThat(prompt.outOfScope()).as(prompt.id()).isNotEmpty();
      assertThat(CURRICULUM.conceptsFor(prompt))
          .as(prompt.id())
          .hasSize(CURRICULUM.concepts().size() - prompt.outOfScope().size());
    }
    // retrieval only where there is a catalogue; device limits only on device
    assertThat(CURRICULUM.prompt("churn-prediction").orElseThrow().exercises("model.two_stage"))
        .isFalse();
    assertThat(CURRICULUM.prompt("feed-recommendations").orElseThrow().exercises("model.two_stage"))
        .isTrue();
    assertThat(CURRICULUM.prompt("fraud-checkout").orElseThrow().exercises("serving.edge"))
        .isFalse();
    assertThat(CURRICULUM.prompt("on-device-ml").orElseThrow().exercises("serving.edge")).isTrue();
    assertThat(
            CURRICULUM.prompt("demand-forecasting").orElseThrow().exercises("metrics.calibration"))
        .isFalse();
  }

  /** Every follow-up and hint of the concepts a prompt exercises, and its depth questions. */
  private static List<String> rendered(Prompt prompt) {
    List<String> texts = new ArrayList<>();
    for (Concept concept : CURRICULUM.conceptsFor(prompt)) {
      texts.add(prompt.followup(concept));
      texts.add(prompt.hint(concept));
    }
    for (Section section : CURRICULUM.sections()) {
      prompt.depthQuestion(section).ifPresent(texts::add);
    }
    return texts;
  }
}
