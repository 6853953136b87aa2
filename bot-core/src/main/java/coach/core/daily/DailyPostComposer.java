package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a daily post and the one-line summary of the previous post's thread. Summaries name
 * concepts, never people.
 */
final class DailyPostComposer {

  /** Action id prefixes fixed by the channels contract. */
  static final String PRACTICE_ACTION = "daily-practice";

  static final String ANSWER_ACTION = "daily-answer";
  static final String FEEDBACK_ACTION = "daily-feedback";

  private static final int MAX_NAMED = 4;

  private final Curriculum curriculum;

  DailyPostComposer(Curriculum curriculum) {
    this.curriculum = curriculum;
  }

  /** The post: title, scenario, the focus section's question, and its buttons. */
  Reply body(DailyPostRecord post, Prompt prompt, Section section, Duration lateBy) {
    Reply.Builder reply = Reply.builder().heading("Design question of the day: " + prompt.title());
    if (post.late()) {
      reply.context(
          "Sorry, this one is late: Coach was offline at post time and is "
              + describe(lateBy)
              + " behind.");
    }
    reply
        .paragraph(prompt.brief())
        .paragraph(
            "Today's focus, "
                + section.title()
                + " (part "
                + (section.index() + 1)
                + " of "
                + curriculum.sections().size()
                + " of the outline): "
                + prompt.question(section))
        .context(
            "Answer in the thread: your reply counts toward your own progress, and only you see"
                + " your feedback (press My feedback). For the whole interview, one section at a"
                + " time, press Practise in DM.");
    List<Reply.Block.Choice> choices = new ArrayList<>();
    choices.add(new Reply.Block.Choice(PRACTICE_ACTION + ":" + prompt.id(), "Practise in DM"));
    if (post.channel().platform().equals("discord")) {
      choices.add(new Reply.Block.Choice(ANSWER_ACTION + ":" + post.id(), "Answer"));
    }
    choices.add(new Reply.Block.Choice(FEEDBACK_ACTION + ":" + post.id(), "My feedback"));
    return reply.choices(choices).build();
  }

  /**
   * "The thread on Fraud scoring (Metrics) covered X, Y; nobody mentioned Z." from every answer in
   * it, without names. Empty when the post is unknown to the curriculum.
   */
  Optional<String> summary(DailyPostRecord post, List<DailyStore.ThreadAnswer> answers) {
    Optional<Prompt> prompt = curriculum.prompt(post.promptId());
    Optional<Section> section = curriculum.section(post.sectionId());
    if (prompt.isEmpty() || section.isEmpty()) {
      return Optional.empty();
    }
    String about = prompt.get().title() + " (" + section.get().title() + ")";
    if (answers.isEmpty()) {
      return Optional.of(
          "Nobody answered the last question, on " + about + "; its thread is still open.");
    }
    Set<String> covered = new HashSet<>();
    answers.forEach(a -> covered.addAll(a.covered()));
    List<String> said = new ArrayList<>();
    List<String> unsaid = new ArrayList<>();
    for (Concept concept : curriculum.conceptsOf(section.get(), prompt.get())) {
      (covered.contains(concept.id()) ? said : unsaid).add(concept.name());
    }
    String people =
        answers.stream().map(DailyStore.ThreadAnswer::user).distinct().count() == 1
            ? "1 answer"
            : answers.size() + " answers";
    if (said.isEmpty()) {
      return Optional.of(
          "The thread on " + about + " (" + people + ") didn't get to " + names(unsaid) + " yet.");
    }
    if (unsaid.isEmpty()) {
      return Optional.of(
          "The thread on " + about + " (" + people + ") covered all of it: " + names(said) + ".");
    }
    return Optional.of(
        "The thread on "
            + about
            + " ("
            + people
            + ") covered "
            + names(said)
            + "; nobody mentioned "
            + names(unsaid)
            + ".");
  }

  private static String names(List<String> names) {
    if (names.size() <= MAX_NAMED) {
      return String.join(", ", names);
    }
    return String.join(", ", names.subList(0, MAX_NAMED))
        + " and "
        + (names.size() - MAX_NAMED)
        + " more";
  }

  static String describe(Duration lateBy) {
    long minutes = Math.max(1, lateBy.toMinutes());
    if (minutes < 60) {
      return minutes + (minutes == 1 ? " minute" : " minutes");
    }
    long hours = minutes / 60;
    long rest = minutes % 60;
    return hours + (hours == 1 ? " hour" : " hours") + (rest == 0 ? "" : " " + rest + " min");
  }
}
