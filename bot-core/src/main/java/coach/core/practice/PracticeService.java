package coach.core.practice;

import static coach.core.practice.PracticeReplies.askSection;
import static coach.core.practice.PracticeReplies.noSession;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Field;
import coach.core.chat.Turn;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.text.UserText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * DM practice sessions: the interviewer walks the user through a prompt's outline one section at a
 * time, stores every answer with the concepts it covered, and sums up at the end. All state is in
 * the database, so a session survives restarts.
 */
public final class PracticeService {

  private final Curriculum curriculum;
  private final CoverageDetector detector;
  private final PracticeStore sessions;
  private final CoverageStore coverage;

  public PracticeService(
      Curriculum curriculum,
      CoverageDetector detector,
      PracticeStore sessions,
      CoverageStore coverage) {
    this.curriculum = curriculum;
    this.detector = detector;
    this.sessions = sessions;
    this.coverage = coverage;
  }

  /** {@code practice [PROMPT-ID]}: starts a session, closing any open one (its answers stay). */
  public Reply start(Turn turn, Optional<String> promptId) {
    Prompt prompt;
    if (promptId.isPresent()) {
      Optional<Prompt> found = curriculum.prompt(promptId.get());
      if (found.isEmpty()) {
        return unknownPrompt(promptId.get());
      }
      prompt = found.get();
    } else {
      prompt = pickPrompt(turn);
    }
    Reply.Builder reply = Reply.builder();
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isPresent()) {
      sessions.update(turn.handle(), open.get().withState(SessionState.STOPPED, turn.now()));
      reply.context(
          "I closed your unfinished session on " + titleOf(open.get()) + "; its answers are kept.");
    }
    Section first = curriculum.section(0);
    PracticeSession session =
        new PracticeSession(
            UUID.randomUUID().toString(),
            turn.user().id(),
            prompt.id(),
            first.id(),
            SessionState.ACTIVE,
            turn.now(),
            turn.now(),
            Optional.empty());
    sessions.insert(turn.handle(), session);
    reply
        .heading(prompt.title())
        .paragraph(prompt.brief())
        .paragraph(
            "We'll take the "
                + curriculum.sections().size()
                + " parts of the answer outline in order. Answer in your own words, in as many"
                + " messages as you like.");
    return askSection(reply, prompt, first, curriculum.sections().size()).build();
  }

  /** Plain text: stored as an answer to the current section (resuming a paused session). */
  public Reply answer(Turn turn, UserText.Cleaned text) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return Reply.builder()
          .paragraph(
              "There's no practice session running, so I haven't saved that. Say `practice` to"
                  + " start one (I'll pick a prompt), or `prompts` to choose a scenario.")
          .build();
    }
    PracticeSession session = open.get();
    Reply.Builder reply = Reply.builder();
    if (session.state() == SessionState.PAUSED) {
      session = session.withState(SessionState.ACTIVE, turn.now());
      reply.context("Welcome back: your session is running again.");
    }
    Prompt prompt = promptOf(session);
    Section section = sectionOf(session);
    SortedSet<String> covered =
        detector.detect(text.text(), Optional.of(prompt.id()), Optional.of(section.id()));
    Optional<Answer> stored =
        sessions.addAnswer(
            turn.handle(), session, section.id(), text.text(), turn.now(), turn.eventId(), covered);
    sessions.update(turn.handle(), session.atSection(section.id(), turn.now()));
    if (stored.isEmpty()) {
      return Reply.text("I already have that message.");
    }
    coverage.record(
        turn.handle(),
        turn.user().id(),
        covered,
        CoverageStore.Outcome.COVERED,
        session.id(),
        stored.get().id(),
        turn.now());

    reply.paragraph(
        "Saved for "
            + section.title()
            + " ("
            + plural(UserText.wordCount(text.text()), "word")
            + ").");
    if (text.truncated()) {
      reply.paragraph(
          "That message was very long: I kept the first "
              + String.format("%,d", UserText.MAX_CHARS)
              + " characters and dropped the rest.");
    }
    if (covered.isEmpty()) {
      reply.paragraph("I didn't spot any of the outline's concepts in that yet.");
    } else {
      reply.paragraph("You covered: " + names(covered) + ".");
    }
    return reply
        .context("Add more, or say `next` to move on.")
        .choices(PracticeReplies.SECTION_CHOICES)
        .build();
  }

  /** {@code next}: the following section, or the summary after the last one. */
  public Reply next(Turn turn) {
    return advance(turn, "move on from", false);
  }

  /** {@code skip}: like {@code next}, saying the section was skipped. */
  public Reply skip(Turn turn) {
    return advance(turn, "skip", true);
  }

  private Reply advance(Turn turn, String verb, boolean skipped) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession(verb);
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Section current = sectionOf(session);
    Reply.Builder reply = Reply.builder();
    if (skipped) {
      reply.context("Skipped " + current.title() + ".");
    }
    int nextIndex = current.index() + 1;
    if (nextIndex >= curriculum.sections().size()) {
      PracticeSession done = session.withState(SessionState.COMPLETED, turn.now());
      sessions.update(turn.handle(), done);
      return reply.append(summary(turn, done)).build();
    }
    Section next = curriculum.section(nextIndex);
    sessions.update(turn.handle(), session.atSection(next.id(), turn.now()));
    return askSection(reply, promptOf(session), next, curriculum.sections().size()).build();
  }

  /** {@code back}: asks the previous section again; earlier answers stay. */
  public Reply back(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("go back in");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Section current = sectionOf(session);
    if (current.index() == 0) {
      return Reply.text("This is the first section; there's nothing before it.");
    }
    Section previous = curriculum.section(current.index() - 1);
    sessions.update(turn.handle(), session.atSection(previous.id(), turn.now()));
    Reply.Builder reply =
        Reply.builder()
            .context(
                "Back to "
                    + previous.title()
                    + ". What you wrote before is kept; anything you add now is saved too.");
    return askSection(reply, promptOf(session), previous, curriculum.sections().size()).build();
  }

  /** {@code hint}: a nudge towards the most important concept of this section not yet covered. */
  public Reply hint(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("give a hint for");
    }
    PracticeSession session = open.get();
    Prompt prompt = promptOf(session);
    Section section = sectionOf(session);
    Set<String> covered = coveredIn(turn, session);
    Optional<Concept> missing =
        rankedConcepts(prompt, section).stream().filter(c -> !covered.contains(c.id())).findFirst();
    if (missing.isEmpty()) {
      return Reply.text(
          "You've already covered everything I look for in "
              + section.title()
              + ". Say `next` when you're ready.");
    }
    Concept concept = missing.get();
    return Reply.builder()
        .heading("Hint: " + concept.name())
        .paragraph(concept.hint())
        .context("Or answer this: " + prompt.followup(concept))
        .build();
  }

  /** {@code pause}: keeps the session for later; {@code resume} or any answer continues it. */
  public Reply pause(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("pause");
    }
    PracticeSession session = open.get();
    sessions.update(turn.handle(), session.withState(SessionState.PAUSED, turn.now()));
    return Reply.builder()
        .paragraph(
            "Paused at "
                + sectionOf(session).title()
                + " of "
                + titleOf(session)
                + ". Say `resume` whenever you're ready, even days from now.")
        .choices(List.of(new Reply.Block.Choice(PracticeReplies.RESUME, "Resume")))
        .build();
  }

  /** {@code resume}: asks the current section of the open session again. */
  public Reply resume(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return Reply.text(
          "There's nothing to resume. Say `practice` to start a session, or `prompts` to choose"
              + " a scenario.");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    sessions.update(turn.handle(), session);
    Prompt prompt = promptOf(session);
    Section section = sectionOf(session);
    long answered =
        sessions.answers(turn.handle(), session.id()).stream()
            .filter(a -> a.section().equals(section.id()))
            .count();
    Reply.Builder reply =
        Reply.builder()
            .context(
                "Resuming "
                    + prompt.title()
                    + (answered > 0
                        ? " (you have " + plural((int) answered, "answer") + " here already)"
                        : "")
                    + ".");
    return askSection(reply, prompt, section, curriculum.sections().size()).build();
  }

  /** {@code stop}: ends the session now, with a summary. */
  public Reply stop(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("stop");
    }
    PracticeSession stopped = open.get().withState(SessionState.STOPPED, turn.now());
    sessions.update(turn.handle(), stopped);
    return summary(turn, stopped);
  }

  /** The scorecard of an ended session. */
  private Reply summary(Turn turn, PracticeSession session) {
    Prompt prompt = promptOf(session);
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    Map<String, List<Answer>> bySection =
        answers.stream().collect(Collectors.groupingBy(Answer::section));
    int reachedIndex = sectionOf(session).index();
    boolean completed = session.state() == SessionState.COMPLETED;
    List<Field> fields = new ArrayList<>();
    for (Section section : curriculum.sections()) {
      List<Answer> inSection = bySection.getOrDefault(section.id(), List.of());
      String status;
      if (!inSection.isEmpty()) {
        status = plural(inSection.size(), "answer");
      } else if (section.index() < reachedIndex || completed) {
        status = "no answer";
      } else if (section.index() == reachedIndex) {
        status = "stopped here";
      } else {
        status = "not reached";
      }
      fields.add(new Field(section.title(), status));
    }
    int words = answers.stream().mapToInt(a -> UserText.wordCount(a.text())).sum();
    Set<String> covered = coveredIn(answers);
    Duration spent =
        Duration.between(session.startedAt(), session.endedAt().orElse(session.updatedAt()));
    return Reply.builder()
        .heading((completed ? "Session complete: " : "Session stopped: ") + prompt.title())
        .fields(fields)
        .paragraph(
            "Time: "
                + minutes(spent)
                + ". You wrote "
                + plural(words, "word")
                + " and covered "
                + covered.size()
                + " of the outline's "
                + curriculum.concepts().size()
                + " concepts.")
        .paragraph("Say `practice` for another prompt, or `prompts` to choose one.")
        .build();
  }

  // ---- helpers --------------------------------------------------------------------------------

  /** The first prompt the user has never started, else the one started longest ago. */
  private Prompt pickPrompt(Turn turn) {
    List<PracticeSession> past = sessions.sessionsOf(turn.handle(), turn.user().id());
    Map<String, java.time.Instant> lastStarted =
        past.stream()
            .collect(
                Collectors.toMap(
                    PracticeSession::promptId,
                    PracticeSession::startedAt,
                    (a, b) -> a.isAfter(b) ? a : b));
    return curriculum.prompts().stream()
        .min(
            Comparator.comparing(
                (Prompt p) -> lastStarted.getOrDefault(p.id(), java.time.Instant.MIN)))
        .orElseThrow();
  }

  /** The section's own concepts, the prompt's focus first. */
  private List<Concept> rankedConcepts(Prompt prompt, Section section) {
    List<Concept> ranked = new ArrayList<>();
    for (String focus : prompt.focus()) {
      curriculum
          .concept(focus)
          .filter(c -> c.sectionId().equals(section.id()))
          .ifPresent(ranked::add);
    }
    for (Concept concept : curriculum.conceptsOf(section)) {
      if (!ranked.contains(concept)) {
        ranked.add(concept);
      }
    }
    return ranked;
  }

  private Set<String> coveredIn(Turn turn, PracticeSession session) {
    return coveredIn(sessions.answers(turn.handle(), session.id()));
  }

  private static Set<String> coveredIn(List<Answer> answers) {
    Set<String> covered = new LinkedHashSet<>();
    answers.forEach(a -> covered.addAll(a.concepts()));
    return covered;
  }

  private Reply unknownPrompt(String id) {
    String suggestion =
        curriculum.prompts().stream()
            .map(Prompt::id)
            .min(Comparator.comparingInt((String candidate) -> editDistance(candidate, id)))
            .filter(candidate -> editDistance(candidate, id) <= Math.max(2, id.length() / 3))
            .map(candidate -> " Did you mean `" + candidate + "`?")
            .orElse("");
    return Reply.text(
        "There's no prompt called `" + id + "`." + suggestion + " Say `prompts` to see them all.");
  }

  private String names(Set<String> conceptIds) {
    Function<String, String> name = id -> curriculum.concept(id).map(Concept::name).orElse(id);
    return conceptIds.stream().map(name).collect(Collectors.joining(", "));
  }

  private Prompt promptOf(PracticeSession session) {
    return curriculum
        .prompt(session.promptId())
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "stored session names unknown prompt " + session.promptId()));
  }

  private Section sectionOf(PracticeSession session) {
    return curriculum.section(session.currentSection()).orElse(curriculum.section(0));
  }

  private String titleOf(PracticeSession session) {
    return curriculum.prompt(session.promptId()).map(Prompt::title).orElse(session.promptId());
  }

  static String plural(int count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }

  private static String minutes(Duration duration) {
    long minutes = duration.toMinutes();
    if (minutes < 1) {
      return "under a minute";
    }
    if (minutes < 120) {
      return plural((int) minutes, "minute");
    }
    return duration.toHours() + " h " + duration.toMinutesPart() + " min";
  }

  static int editDistance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        current[j] =
            Math.min(Math.min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
