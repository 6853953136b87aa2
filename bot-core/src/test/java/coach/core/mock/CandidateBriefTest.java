package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class CandidateBriefTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final CandidateBrief BRIEF = new CandidateBrief(CURRICULUM);

  static Stream<Prompt> prompts() {
    return CURRICULUM.prompts().stream();
  }

  private static Reply render(Prompt prompt) {
    return BRIEF.render(prompt, "Ben Okafor", List.of("data", "metrics"), 1, 2, 30);
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void theCandidateSeesTheScenarioTheirInterviewerFocusAndTheOutlineInOrder(Prompt prompt) {
    String text = render(prompt).plainText();
    String outline =
        CURRICULUM.sections().stream()
            .map(s -> (s.index() + 1) + ". " + s.title())
            .collect(Collectors.joining("\n"));

    assertThat(render(prompt).blocks().get(0).plainText())
        .isEqualTo("You're the candidate: " + prompt.title());
    assertThat(text)
        .contains(prompt.brief())
        .contains("interviewer: Ben Okafor")
        .contains("Your focus: Metrics and Data and labels.")
        .contains(outline);
  }

  /**
   * The rubric stays with the interviewer: no concept name, follow-up or interviewer fact of the
   * prompt appears outside the scenario text itself (which the interviewer reads out anyway).
   */
  @ParameterizedTest
  @MethodSource("prompts")
  void theCandidateNeverSeesTheRubric(Prompt prompt) {
    String text = render(prompt).plainText().replace(prompt.brief(), "").toLowerCase(Locale.ROOT);

    for (Section section : CURRICULUM.sections()) {
      for (Concept concept : CURRICULUM.conceptsOf(section, prompt)) {
        assertThat(text).doesNotContain(concept.name().toLowerCase(Locale.ROOT));
        assertThat(text).doesNotContain(prompt.followup(concept).strip().toLowerCase(Locale.ROOT));
      }
    }
    for (InterviewerFact fact : prompt.facts()) {
      assertThat(text).doesNotContain(fact.answer().strip().toLowerCase(Locale.ROOT));
    }
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void theBriefFitsOneSlackMessageAndDiscordsEmbedLimits(Prompt prompt) {
    ChatLimits.assertFitsOneSlackMessageAndDiscordEmbeds(render(prompt));
  }

  @Test
  void withoutFocusOrNameTheBriefStillReadsWell() {
    Reply reply = BRIEF.render(CURRICULUM.prompts().get(0), null, List.of(), 2, 2, 30);

    assertThat(reply.plainText())
        .contains("interviewer: your partner")
        .contains("No particular focus this time")
        .doesNotContain("swap");
  }
}
