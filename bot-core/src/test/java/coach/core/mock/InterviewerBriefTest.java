package coach.core.mock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class InterviewerBriefTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final InterviewerBrief BRIEF = new InterviewerBrief(CURRICULUM);
  private static final List<String> FOCUS = List.of("serving", "metrics");

  static Stream<Prompt> prompts() {
    return CURRICULUM.prompts().stream();
  }

  private static Reply render(Prompt prompt) {
    return BRIEF.render(prompt, "Ana Lima", FOCUS, 1, 2, 30);
  }

  /** The blocks after the section's heading, up to the next heading. */
  private static List<Block> underHeading(Reply reply, String heading) {
    List<Block> blocks = reply.blocks();
    int at = -1;
    for (int i = 0; i < blocks.size(); i++) {
      if (blocks.get(i) instanceof Block.Heading h && h.text().equals(heading)) {
        at = i;
      }
    }
    assertThat(at).as("heading " + heading).isNotNegative();
    List<Block> under = new ArrayList<>();
    for (int i = at + 1; i < blocks.size() && !(blocks.get(i) instanceof Block.Heading); i++) {
      under.add(blocks.get(i));
    }
    return under;
  }

  private static List<String> bulletItems(List<Block> blocks) {
    return blocks.stream()
        .filter(Block.BulletList.class::isInstance)
        .flatMap(b -> ((Block.BulletList) b).items().stream())
        .toList();
  }

  private static String heading(Section section) {
    String title = (section.index() + 1) + ". " + section.title();
    return FOCUS.contains(section.id()) ? title + " (their focus)" : title;
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void everySectionAppearsInInterviewOrder(Prompt prompt) {
    List<String> headings =
        render(prompt).blocks().stream()
            .filter(Block.Heading.class::isInstance)
            .map(Block::plainText)
            .filter(h -> h.matches("[0-9]+\\. .*"))
            .toList();

    assertThat(headings)
        .containsExactlyElementsOf(
            CURRICULUM.sections().stream().map(InterviewerBriefTest::heading).toList());
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void eachSectionHasItsQuestionAndExactlyTheExercisedConceptsWithTheirFollowUps(Prompt prompt) {
    Reply reply = render(prompt);
    for (Section section : CURRICULUM.sections()) {
      List<Block> under = underHeading(reply, heading(section));
      List<String> expected = new ArrayList<>();
      for (Concept concept : CURRICULUM.conceptsOf(section, prompt)) {
        String key = prompt.focus().contains(concept.id()) ? " (key)" : "";
        expected.add(concept.name() + key + " — ask: " + prompt.followup(concept).strip());
      }

      assertThat(under.get(0).plainText()).isEqualTo("Ask: " + prompt.question(section));
      assertThat(bulletItems(under)).as(section.id()).containsExactlyElementsOf(expected);
    }
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void noOutOfScopeConceptIsMentioned(Prompt prompt) {
    assertThat(prompt.outOfScope()).isNotEmpty();
    String text = render(prompt).plainText();
    for (String id : prompt.outOfScope().keySet()) {
      Concept concept = CURRICULUM.concept(id).orElseThrow();
      assertThat(text).as(id).doesNotContain(concept.name());
      assertThat(text).as(id).doesNotContain(prompt.followup(concept).strip());
    }
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void theFactsToAnswerClarifyingQuestionsWithAreAllThere(Prompt prompt) {
    List<String> facts = bulletItems(underHeading(render(prompt), "If Ana Lima asks"));

    assertThat(prompt.facts()).isNotEmpty();
    assertThat(facts)
        .containsExactlyElementsOf(
            prompt.facts().stream()
                .map((InterviewerFact f) -> f.topic().name() + ": " + f.answer().strip())
                .toList());
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void theScenarioTitleCandidateAndFocusAreNamed(Prompt prompt) {
    Reply reply = render(prompt);
    String text = reply.plainText();

    assertThat(reply.blocks().get(0).plainText()).isEqualTo("You interview: " + prompt.title());
    assertThat(text)
        .contains(prompt.brief())
        .contains("candidate: Ana Lima")
        .contains("Ana Lima wants practice on Metrics and Serving.")
        .contains("Round 1 of 2 · 30 minutes")
        .contains("then you swap roles");
  }

  @ParameterizedTest
  @MethodSource("prompts")
  void theBriefFitsOneSlackMessageAndDiscordsEmbedLimits(Prompt prompt) {
    ChatLimits.assertFitsOneSlackMessageAndDiscordEmbeds(render(prompt));
    ChatLimits.assertFitsOneSlackMessageAndDiscordEmbeds(
        BRIEF.render(prompt, "x".repeat(80), List.of(), 2, 2, 45));
  }

  /** A team-written prompt with many long facts: the list is split, no fact is cut or lost. */
  @Test
  void aVeryLongListIsSplitIntoSeveralListsWithinTheLimits() {
    List<InterviewerFact> facts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String answer = "Answer " + i + ": " + "the number is large & growing. ".repeat(10);
      facts.add(new InterviewerFact(CURRICULUM.factTopics().get(i % 5), answer));
    }
    Prompt custom =
        new Prompt(
            "team-long",
            "A long team prompt",
            "A scenario a team wrote.",
            List.of(),
            CURRICULUM.sections().stream()
                .collect(java.util.stream.Collectors.toMap(Section::id, s -> "Why?")),
            java.util.Map.of(),
            facts);

    Reply reply = BRIEF.render(custom, "Ana", List.of(), 1, 2, 30);
    List<Block> factLists =
        underHeading(reply, "If Ana asks").stream()
            .filter(Block.BulletList.class::isInstance)
            .toList();

    assertThat(factLists).hasSizeGreaterThan(1);
    assertThat(bulletItems(factLists))
        .containsExactlyElementsOf(
            facts.stream().map(f -> f.topic().name() + ": " + f.answer().strip()).toList());
    ChatLimits.assertFitsOneSlackMessageAndDiscordEmbeds(reply);
  }

  @Test
  void withoutFocusNoSectionIsMarkedAndUnknownSectionIdsAreIgnored() {
    Prompt prompt = CURRICULUM.prompts().get(0);
    Reply reply = BRIEF.render(prompt, "Ana", List.of("no-such-section"), 2, 2, 15);

    assertThat(reply.plainText())
        .doesNotContain("(their focus)")
        .contains("Ana has no particular focus")
        .contains("Round 2 of 2 · 15 minutes")
        .doesNotContain("swap")
        .contains("keep each section brisk");
  }

  @Test
  void aBlankNameReadsAsYourCandidate() {
    Reply reply = BRIEF.render(CURRICULUM.prompts().get(0), " ", List.of("data"), 1, 1, 60);

    assertThat(reply.plainText())
        .contains("candidate: your candidate")
        .contains("your candidate wants practice on Data and labels.")
        .contains("about 6 minutes a section")
        .contains(heading(CURRICULUM.section("data").orElseThrow()) + " (their focus)");
  }

  @Test
  void aRoundOutsideTheSessionIsRefused() {
    Prompt prompt = CURRICULUM.prompts().get(0);

    assertThatThrownBy(() -> BRIEF.render(prompt, "Ana", FOCUS, 3, 2, 30))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> BRIEF.render(prompt, "Ana", FOCUS, 1, 2, 0))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
