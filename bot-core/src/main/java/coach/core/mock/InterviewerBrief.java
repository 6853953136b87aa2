package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.List;

/**
 * What the interviewer of one mock round reads: the scenario to hand over, the candidate's focus
 * sections, and the prompt's rubric in interview order — for each section its question, the
 * concepts to listen for (only those this prompt exercises) and the follow-up to ask when one is
 * missing — then the facts to answer clarifying questions with.
 *
 * <p>One reply of at most {@value #MAX_BLOCKS} blocks, each text block under {@link
 * BriefParts#MAX_BLOCK_TEXT} characters, so Slack shows it as one message; Discord's renderer
 * spreads its embeds (one a heading) over as many messages as its limits need. Names are plain
 * text.
 */
public final class InterviewerBrief {

  /** Fewer blocks than Slack's 50 per message, whatever the prompt. */
  static final int MAX_BLOCKS = 45;

  private final Curriculum curriculum;

  public InterviewerBrief(Curriculum curriculum) {
    this.curriculum = curriculum;
  }

  /**
   * The brief for interviewing {@code candidateName} on {@code prompt} in round {@code round} of
   * {@code rounds}, which lasts {@code minutes}. Focus section ids the curriculum does not know are
   * left out.
   */
  public Reply render(
      Prompt prompt,
      String candidateName,
      List<String> focusSectionIds,
      int round,
      int rounds,
      int minutes) {
    String candidate = BriefParts.name(candidateName, "your candidate");
    List<Section> focus = BriefParts.focus(curriculum, focusSectionIds);
    List<Section> sections = curriculum.sections();
    Reply.Builder reply =
        Reply.builder()
            .heading("You interview: " + prompt.title())
            .context(
                BriefParts.round(round, rounds, minutes, "candidate: " + candidate)
                    + " · this brief is for you only")
            .paragraph("Read the scenario to " + candidate + " to start:\n\n" + prompt.brief())
            .paragraph(focusLine(candidate, focus))
            .paragraph(howToRun(candidate, minutes, sections.size()));
    for (Section section : sections) {
      boolean focused = focus.contains(section);
      reply.heading(
          (section.index() + 1) + ". " + section.title() + (focused ? " (their focus)" : ""));
      reply.paragraph("Ask: " + prompt.question(section));
      BriefParts.bullets(reply, listenFor(prompt, section));
    }
    reply.heading("If " + candidate + " asks");
    reply.paragraph(
        "Answer clarifying questions with these facts, and only when asked. For anything not"
            + " here, make up a sensible answer and stick to it.");
    BriefParts.bullets(reply, facts(prompt));
    reply.context(
        "When the round ends, Coach sends you a short form: tick what "
            + candidate
            + " covered in each section and add a note. It counts toward their progress.");
    return reply.build();
  }

  private static String focusLine(String candidate, List<Section> focus) {
    if (focus.isEmpty()) {
      return candidate
          + " has no particular focus this time, so give every section a fair share of the time.";
    }
    return candidate
        + " wants practice on "
        + BriefParts.titles(focus)
        + ". Give "
        + (focus.size() == 1 ? "that section" : "those sections")
        + " a little extra time and press for detail there.";
  }

  private static String howToRun(String candidate, int minutes, int sections) {
    String pace =
        minutes >= 2 * sections
            ? "That leaves about " + minutes / sections + " minutes a section."
            : "The round is short, so keep each section brisk.";
    return "Let "
        + candidate
        + " lead through the outline below. When a section goes quiet, ask its question; when"
        + " a point under it is missing, ask its follow-up, one at a time, without hinting at"
        + " the answer. "
        + pace
        + " (key) marks what matters most for this scenario.";
  }

  /** "Cost of mistakes (key) — ask: …" for each concept of the section this prompt exercises. */
  private List<String> listenFor(Prompt prompt, Section section) {
    List<String> items = new ArrayList<>();
    for (Concept concept : curriculum.conceptsOf(section, prompt)) {
      String key = prompt.focus().contains(concept.id()) ? " (key)" : "";
      items.add(concept.name() + key + " — ask: " + prompt.followup(concept).strip());
    }
    return items;
  }

  private static List<String> facts(Prompt prompt) {
    List<String> items = new ArrayList<>();
    for (InterviewerFact fact : prompt.facts()) {
      items.add(fact.topic().name() + ": " + fact.answer().strip());
    }
    return items;
  }
}
