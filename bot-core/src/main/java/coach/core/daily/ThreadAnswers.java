package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * Grades answers written in a daily post's thread, credits them to their authors (source {@code
 * daily}), and gives each author, privately, feedback on their own answers.
 */
final class ThreadAnswers {

  private final Curriculum curriculum;
  private final CoverageDetector detector;
  private final DailyStore store;
  private final CoverageStore coverage;

  ThreadAnswers(
      Curriculum curriculum, CoverageDetector detector, DailyStore store, CoverageStore coverage) {
    this.curriculum = curriculum;
    this.detector = detector;
    this.coverage = coverage;
    this.store = store;
  }

  /**
   * Stores and grades one answer; returns the concepts credited, or empty when this event was
   * stored before (a redelivery).
   */
  Optional<Set<String>> record(
      Handle handle,
      DailyPostRecord post,
      UserId author,
      String eventId,
      String text,
      Instant now) {
    Optional<Prompt> prompt = curriculum.prompt(post.promptId());
    Set<String> covered = new TreeSet<>();
    if (prompt.isPresent()) {
      for (String id :
          detector.detect(text, Optional.of(post.promptId()), Optional.of(post.sectionId()))) {
        if (prompt.get().exercises(id)) {
          covered.add(id);
        }
      }
    }
    String answerId = DailyStore.newId();
    boolean stored =
        store.addAnswer(
            handle,
            new DailyStore.ThreadAnswer(answerId, post.id(), author, text, covered, now),
            eventId);
    if (!stored) {
      return Optional.empty();
    }
    // The event names no answer: answer ids point at practice answers; daily_answers keeps the
    // text.
    coverage.recordCovered(handle, author, covered, CoverageStore.Source.DAILY, null, now);
    return Optional.of(covered);
  }

  /** What the user's answers in this post's thread covered, and one question to think about. */
  Reply feedback(Handle handle, DailyPostRecord post, UserId user) {
    Optional<Prompt> prompt = curriculum.prompt(post.promptId());
    Optional<Section> section = curriculum.section(post.sectionId());
    if (prompt.isEmpty() || section.isEmpty()) {
      return Reply.text("That question is no longer in the curriculum, so I can't grade it.");
    }
    List<DailyStore.ThreadAnswer> mine =
        store.answers(handle, post.id()).stream().filter(a -> a.user().equals(user)).toList();
    String about = prompt.get().title() + ", " + section.get().title();
    if (mine.isEmpty()) {
      return Reply.builder()
          .paragraph(
              "You haven't answered in the thread on "
                  + about
                  + " yet. Reply there and press My feedback again, or press Practise in DM for"
                  + " the whole interview.")
          .build();
    }
    Set<String> covered = new HashSet<>();
    mine.forEach(a -> covered.addAll(a.covered()));
    List<String> said = new ArrayList<>();
    Optional<Concept> firstGap = Optional.empty();
    for (Concept concept : curriculum.conceptsOf(section.get(), prompt.get())) {
      if (covered.contains(concept.id())) {
        said.add(concept.name());
      } else if (firstGap.isEmpty()) {
        firstGap = Optional.of(concept);
      }
    }
    List<String> elsewhere = new ArrayList<>();
    for (Concept concept : curriculum.conceptsFor(prompt.get())) {
      if (covered.contains(concept.id()) && !concept.sectionId().equals(section.get().id())) {
        elsewhere.add(concept.name());
      }
    }
    Reply.Builder reply = Reply.builder().heading("Your answer on " + about);
    int total = curriculum.conceptsOf(section.get(), prompt.get()).size();
    reply.paragraph(
        said.isEmpty()
            ? "Your answer didn't yet cover any of the "
                + total
                + " things a strong "
                + section.get().title()
                + " answer addresses here."
            : "You covered "
                + said.size()
                + " of "
                + total
                + " for this section: "
                + String.join(", ", said)
                + ".");
    if (!elsewhere.isEmpty()) {
      reply.paragraph(
          "You also touched other parts of the outline: " + String.join(", ", elsewhere) + ".");
    }
    if (firstGap.isPresent()) {
      reply.paragraph(
          "A question an interviewer would ask next: " + prompt.get().followup(firstGap.get()));
    } else {
      prompt
          .get()
          .depthQuestion(section.get())
          .ifPresent(q -> reply.paragraph("You covered the section. To go deeper: " + q));
    }
    reply.context("Only you can see this. Credits count toward your progress (source: daily).");
    return reply.build();
  }
}
