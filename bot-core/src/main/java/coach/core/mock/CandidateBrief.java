package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.List;

/**
 * What the candidate of one mock round reads: the scenario, who interviews them, their focus
 * sections and the outline's sections in order. It never shows the rubric: no concept, follow-up or
 * interviewer fact. Names are plain text.
 */
public final class CandidateBrief {

  private final Curriculum curriculum;

  public CandidateBrief(Curriculum curriculum) {
    this.curriculum = curriculum;
  }

  /**
   * The brief for answering {@code prompt} with {@code interviewerName} in round {@code round} of
   * {@code rounds}, which lasts {@code minutes}. Focus section ids the curriculum does not know are
   * left out.
   */
  public Reply render(
      Prompt prompt,
      String interviewerName,
      List<String> focusSectionIds,
      int round,
      int rounds,
      int minutes) {
    String interviewer = BriefParts.name(interviewerName, "your partner");
    List<Section> focus = BriefParts.focus(curriculum, focusSectionIds);
    Reply.Builder reply =
        Reply.builder()
            .heading("You're the candidate: " + prompt.title())
            .context(BriefParts.round(round, rounds, minutes, "interviewer: " + interviewer))
            .paragraph(
                interviewer
                    + " interviews you on this scenario and will read it out to start:\n\n"
                    + prompt.brief())
            .paragraph(focusLine(interviewer, focus))
            .heading("The outline")
            .paragraph(
                "Work through it in this order, and say when you move on. Ask "
                    + interviewer
                    + " clarifying questions whenever you need a number or a fact; they have the"
                    + " answers.");
    reply.paragraph(
        String.join(
            "\n",
            curriculum.sections().stream().map(s -> (s.index() + 1) + ". " + s.title()).toList()));
    reply.context(
        "Think aloud and state your assumptions. Afterwards "
            + interviewer
            + " sends feedback through Coach, and it counts toward your progress.");
    return reply.build();
  }

  private static String focusLine(String interviewer, List<Section> focus) {
    if (focus.isEmpty()) {
      return "No particular focus this time: aim for a steady pace through every section.";
    }
    return "Your focus: "
        + BriefParts.titles(focus)
        + ". "
        + interviewer
        + " knows, and will give "
        + (focus.size() == 1 ? "it" : "them")
        + " a little extra time.";
  }
}
