package coach.core.practice;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Choice;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.List;

/** The wording and buttons of practice-session messages, in one place. */
public final class PracticeReplies {

  static final String NEXT = "practice:next";
  static final String SKIP = "practice:skip";
  static final String HINT = "practice:hint";
  static final String STOP = "practice:stop";
  static final String RESUME = "practice:resume";
  static final String START_PREFIX = "practice:start:";
  static final String CLAIM_PREFIX = "practice:claim:";

  private PracticeReplies() {}

  static final List<Choice> SECTION_CHOICES =
      List.of(
          new Choice(NEXT, "Next"),
          new Choice(SKIP, "Skip"),
          new Choice(HINT, "Hint"),
          new Choice(STOP, "Stop"));

  /** The section's buttons, with "I covered that" for a concept just asked about. */
  static List<Choice> withClaim(coach.core.curriculum.Concept concept) {
    return List.of(
        new Choice(NEXT, "Next"),
        new Choice(CLAIM_PREFIX + concept.id(), "I covered that"),
        new Choice(HINT, "Hint"),
        new Choice(STOP, "Stop"));
  }

  /** The question for a section, with where the user is in the outline. */
  static Reply.Builder askSection(Reply.Builder reply, Prompt prompt, Section section, int total) {
    return reply
        .heading("Section " + (section.index() + 1) + " of " + total + ": " + section.title())
        .paragraph(prompt.question(section))
        .context(
            prompt.title()
                + " · answer in as many messages as you like; `next` moves on, `skip` skips,"
                + " `hint` helps, `stop` ends")
        .choices(SECTION_CHOICES);
  }

  /** "1 session", "3 sessions". */
  public static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  static Reply noSession(String verb) {
    return Reply.builder()
        .paragraph(
            "There's no practice session to "
                + verb
                + ". Say `practice` to start one (I'll pick a prompt), or `prompts` to choose.")
        .build();
  }
}
