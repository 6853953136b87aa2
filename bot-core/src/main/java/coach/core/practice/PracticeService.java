package coach.core.practice;

import static coach.core.practice.PracticeReplies.askSection;
import static coach.core.practice.PracticeReplies.noSession;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Choice;
import coach.core.chat.Turn;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.coverage.CoverageStore.Outcome;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.InterviewerFact;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Reference;
import coach.core.curriculum.Section;
import coach.core.progress.ConceptStats;
import coach.core.progress.ProgressStore;
import coach.core.progress.Recommender;
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
import java.util.TreeSet;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * DM practice sessions: the interviewer states a scenario, asks each section of the outline, says
 * what each answer covered, asks up to {@code maxFollowups} follow-ups about the most important
 * concepts still missing in the section, answers clarifying questions from the prompt's facts, and
 * ends with a scorecard. All state is in the database, so a session survives restarts.
 */
public final class PracticeService {

  private final Curriculum curriculum;
  private final CoverageDetector detector;
  private final PracticeStore sessions;
  private final CoverageStore coverage;
  private final ProgressStore progress;
  private final Recommender recommender;
  private final Scorecards scorecards;
  private final int maxFollowups;

  public PracticeService(
      Curriculum curriculum,
      CoverageDetector detector,
      PracticeStore sessions,
      CoverageStore coverage,
      ProgressStore progress,
      int maxFollowups) {
    if (maxFollowups < 0) {
      throw new IllegalArgumentException("maxFollowups must be 0 or more");
    }
    this.curriculum = curriculum;
    this.detector = detector;
    this.sessions = sessions;
    this.coverage = coverage;
    this.progress = progress;
    this.recommender = new Recommender(curriculum);
    this.scorecards = new Scorecards(curriculum, sessions);
    this.maxFollowups = maxFollowups;
  }

  public Scorecards scorecards() {
    return scorecards;
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
      prompt = recommend(turn, Optional.empty());
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
        PracticeSession.start(
            UUID.randomUUID().toString(), turn.user().id(), prompt.id(), first.id(), turn.now());
    sessions.insert(turn.handle(), session);
    reply
        .heading(prompt.title())
        .paragraph(prompt.brief())
        .paragraph(
            "We'll take the "
                + curriculum.sections().size()
                + " parts of the answer outline in order, and I'll follow up on what your answers"
                + " leave out. Ask me clarifying questions any time, as you would in the real"
                + " interview.");
    return askSection(reply, prompt, first, curriculum.sections().size()).build();
  }

  /**
   * Plain text: a clarifying question is answered from the prompt's facts; anything else is an
   * answer to the current question (resuming a paused session), graded and stored.
   */
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
    SortedSet<String> detected =
        detector.detect(text.text(), Optional.of(prompt.id()), Optional.of(section.id()));

    if (InterviewerFacts.isOnlyQuestions(text.text())) {
      return clarify(turn, session, prompt, section, text, detected, reply);
    }

    Answer.Kind kind =
        session.followupConcept().isPresent() ? Answer.Kind.FOLLOWUP : Answer.Kind.ANSWER;
    Optional<Answer> stored =
        sessions.addAnswer(
            turn.handle(),
            session,
            section.id(),
            kind,
            text.text(),
            turn.now(),
            turn.eventId(),
            detected);
    if (stored.isEmpty()) {
      return Reply.text("I already have that message.");
    }
    record(turn, session, detected, Outcome.COVERED, stored.get().id());
    if (session.followupConcept().isPresent()
        && !detected.contains(session.followupConcept().get())) {
      record(
          turn,
          session,
          Set.of(session.followupConcept().get()),
          Outcome.MISSED,
          stored.get().id());
    }
    session = session.followupAnswered(turn.now());

    if (detected.isEmpty()) {
      reply.paragraph("Noted. I didn't spot any of the outline's concepts in that yet.");
    } else {
      reply.paragraph("Covered: " + names(detected) + ".");
    }
    if (text.truncated()) {
      reply.paragraph(
          "That message was very long: I kept the first "
              + String.format("%,d", UserText.MAX_CHARS)
              + " characters and dropped the rest.");
    }
    if (text.text().length() > CoverageDetector.MAX_GRADED_CHARS) {
      reply.paragraph(
          "I graded the first "
              + String.format("%,d", CoverageDetector.MAX_GRADED_CHARS)
              + " characters of that; the whole answer is saved.");
    }
    if (text.text().contains("?")) {
      List<InterviewerFact> facts = InterviewerFacts.answer(prompt, text.text());
      facts.forEach(
          f -> reply.paragraph("On " + f.topic().name().toLowerCase() + ": " + f.answer()));
    }

    Set<String> coveredHere = Scorecards.covered(sessions.answers(turn.handle(), session.id()));
    Optional<Concept> followup = nextFollowup(prompt, section, session, coveredHere);
    if (followup.isPresent()) {
      session = session.askingFollowup(followup.get().id(), turn.now());
      sessions.update(turn.handle(), session);
      return reply
          .paragraph("Follow-up: " + prompt.followup(followup.get()))
          .context("Answer it, ask for a `hint`, or say `next` to move on.")
          .choices(PracticeReplies.SECTION_CHOICES)
          .build();
    }
    return advance(turn, session, reply);
  }

  /**
   * The user edited an earlier message. When it was an answer, the new wording is stored next to
   * the old one (both are kept) and graded; concepts it adds count for the session while the
   * session is open. An ended session keeps its scorecard. An edit of anything else changes
   * nothing.
   */
  public Reply edit(Turn turn, String editedEventId, UserText.Cleaned text) {
    Optional<Answer> original =
        sessions.findAnswerByEvent(turn.handle(), turn.user().id(), editedEventId);
    if (original.isEmpty()) {
      return Reply.text(
          "I saw that edit, but that message wasn't an answer, so there's nothing to update. If"
              + " you meant it as one, send it again.");
    }
    if (text.isEmpty()) {
      return Reply.text(
          "That edit left the message empty, so your earlier answer stays as it was.");
    }
    Answer revised = original.get();
    Optional<PracticeSession> open =
        sessions
            .findOpen(turn.handle(), turn.user().id())
            .filter(session -> session.id().equals(revised.sessionId()));
    Optional<Prompt> prompt = open.map(this::promptOf);
    SortedSet<String> detected =
        detector.detect(text.text(), prompt.map(Prompt::id), Optional.of(revised.section()));
    Optional<Answer> stored =
        sessions.addEdit(turn.handle(), revised, text.text(), turn.now(), turn.eventId(), detected);
    if (stored.isEmpty()) {
      return Reply.text("I already have that edit.");
    }
    String kept =
        "I've kept your edit with your "
            + curriculum.section(revised.section()).map(Section::title).orElse(revised.section())
            + " answer";
    if (open.isEmpty()) {
      return Reply.text(kept + ". That session has ended, so its scorecard stays as it was.");
    }
    Set<String> added = new java.util.TreeSet<>(detected);
    added.removeAll(revised.concepts());
    record(turn, open.get(), added, Outcome.COVERED, stored.get().id());
    return Reply.text(
        kept
            + " (the first wording too). "
            + (added.isEmpty()
                ? "It doesn't add concepts beyond what you had."
                : "It adds: " + names(added) + "."));
  }

  private Reply clarify(
      Turn turn,
      PracticeSession session,
      Prompt prompt,
      Section section,
      UserText.Cleaned text,
      SortedSet<String> detected,
      Reply.Builder reply) {
    List<InterviewerFact> facts = InterviewerFacts.answer(prompt, text.text());
    SortedSet<String> credited = new TreeSet<>(detected);
    boolean checkIn = !facts.isEmpty() || detected.contains(CHECK_IN);
    if (checkIn) {
      credited.add(CHECK_IN);
    }
    Optional<Answer> stored =
        sessions.addAnswer(
            turn.handle(),
            session,
            section.id(),
            Answer.Kind.QUESTION,
            text.text(),
            turn.now(),
            turn.eventId(),
            credited);
    if (stored.isEmpty()) {
      return Reply.text("I already have that message.");
    }
    sessions.update(turn.handle(), session);
    record(turn, session, credited, Outcome.COVERED, stored.get().id());
    if (facts.isEmpty()) {
      reply.paragraph(
          "Good question. The brief doesn't pin that down: state the assumption you'd make and"
              + " carry on.");
    } else {
      facts.forEach(f -> reply.paragraph(f.topic().name() + ": " + f.answer()));
    }
    if (checkIn) {
      reply.context(
          "Asking that counts as checking your assumptions. Now, back to " + section.title() + ".");
    }
    return reply.build();
  }

  private static final String CHECK_IN = "assumptions.check_in";

  /** The most important concept of this section still missing and not yet followed up. */
  private Optional<Concept> nextFollowup(
      Prompt prompt, Section section, PracticeSession session, Set<String> coveredHere) {
    if (session.followedUp().size() >= maxFollowups) {
      return Optional.empty();
    }
    return rankedConcepts(prompt, section).stream()
        .filter(c -> !coveredHere.contains(c.id()))
        .filter(c -> !session.followedUp().contains(c.id()))
        .findFirst();
  }

  /** {@code next}: the following section, or the scorecard after the last one. */
  public Reply next(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("move on from");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    if (session.followupConcept().isPresent()) {
      record(turn, session, Set.of(session.followupConcept().get()), Outcome.MISSED, null);
    }
    return advance(turn, session.followupAnswered(turn.now()), Reply.builder());
  }

  /** {@code skip}: moves on, recording the section's uncovered concepts as missed. */
  public Reply skip(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("skip");
    }
    PracticeSession session = open.get().withState(SessionState.ACTIVE, turn.now());
    Section current = sectionOf(session);
    Set<String> coveredHere = Scorecards.covered(sessions.answers(turn.handle(), session.id()));
    Set<String> missed =
        curriculum.conceptsOf(current).stream()
            .map(Concept::id)
            .filter(id -> !coveredHere.contains(id))
            .collect(Collectors.toCollection(LinkedHashSet::new));
    record(turn, session, missed, Outcome.MISSED, null);
    Reply.Builder reply = Reply.builder().context("Skipped " + current.title() + ".");
    return advance(turn, session.followupAnswered(turn.now()), reply);
  }

  private Reply advance(Turn turn, PracticeSession session, Reply.Builder reply) {
    Section current = sectionOf(session);
    int nextIndex = current.index() + 1;
    if (nextIndex >= curriculum.sections().size()) {
      PracticeSession done = session.withState(SessionState.COMPLETED, turn.now());
      sessions.update(turn.handle(), done);
      return reply.append(scorecard(turn, done)).build();
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

  /** {@code hint}: a nudge towards the pending follow-up, else the top missing concept. */
  public Reply hint(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("give a hint for");
    }
    PracticeSession session = open.get();
    Prompt prompt = promptOf(session);
    Section section = sectionOf(session);
    Set<String> covered = Scorecards.covered(sessions.answers(turn.handle(), session.id()));
    Optional<Concept> target =
        session
            .followupConcept()
            .flatMap(curriculum::concept)
            .or(
                () ->
                    rankedConcepts(prompt, section).stream()
                        .filter(c -> !covered.contains(c.id()))
                        .findFirst());
    if (target.isEmpty()) {
      return Reply.text(
          "You've already covered everything I look for in "
              + section.title()
              + ". Say `next` when you're ready.");
    }
    Concept concept = target.get();
    Reply.Builder reply =
        Reply.builder().heading("Hint: " + concept.name()).paragraph(concept.hint());
    concept.refs().stream()
        .findFirst()
        .ifPresent(ref -> reply.context("Learn more: " + ref.describe()));
    if (session.followupConcept().isEmpty()) {
      reply.context("Or answer this: " + prompt.followup(concept));
    }
    return reply.build();
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
        .choices(List.of(new Choice(PracticeReplies.RESUME, "Resume")))
        .build();
  }

  /** {@code resume}: asks the open session's current question (or follow-up) again. */
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
            .filter(a -> a.section().equals(section.id()) && a.kind() != Answer.Kind.QUESTION)
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
    askSection(reply, prompt, section, curriculum.sections().size());
    session
        .followupConcept()
        .flatMap(curriculum::concept)
        .ifPresent(c -> reply.paragraph("Follow-up waiting for you: " + prompt.followup(c)));
    return reply.build();
  }

  /** {@code stop}: ends the session now, with its scorecard. */
  public Reply stop(Turn turn) {
    Optional<PracticeSession> open = sessions.findOpen(turn.handle(), turn.user().id());
    if (open.isEmpty()) {
      return noSession("stop");
    }
    PracticeSession stopped = open.get().withState(SessionState.STOPPED, turn.now());
    sessions.update(turn.handle(), stopped);
    return scorecard(turn, stopped);
  }

  /**
   * The scorecard of an ended session: covered/relevant per section, the three concepts to work on
   * with why they matter and where to learn more, the time spent, and the next prompt.
   */
  private Reply scorecard(Turn turn, PracticeSession session) {
    Prompt prompt = promptOf(session);
    List<Answer> answers = sessions.answers(turn.handle(), session.id());
    Set<String> covered = Scorecards.covered(answers);
    boolean completed = session.state() == SessionState.COMPLETED;
    Duration spent =
        Duration.between(session.startedAt(), session.endedAt().orElse(session.updatedAt()));
    Map<String, ConceptStats> stats = progress.conceptStats(turn.handle(), turn.user().id());
    Reply.Builder reply =
        Reply.builder()
            .heading((completed ? "Scorecard: " : "Session stopped. Scorecard: ") + prompt.title())
            .fields(scorecards.sectionFields(session, answers))
            .paragraph(
                "You covered "
                    + covered.size()
                    + " of the outline's "
                    + curriculum.concepts().size()
                    + " concepts in "
                    + minutes(spent)
                    + ", over "
                    + plural(
                        (int) answers.stream().filter(a -> a.kind().isReply()).count(), "answer")
                    + ".");
    List<Concept> workOn = toWorkOn(prompt, session, covered, stats);
    if (!workOn.isEmpty()) {
      List<String> items = new ArrayList<>();
      for (Concept concept : workOn) {
        String item = concept.name() + ": " + concept.why();
        Optional<Reference> ref =
            concept.refs().stream()
                .findFirst()
                .or(
                    () ->
                        curriculum
                            .section(concept.sectionId())
                            .flatMap(s -> s.refs().stream().findFirst()));
        if (ref.isPresent()) {
          item += " Learn more: " + ref.get().describe() + ".";
        }
        items.add(item);
      }
      reply.paragraph("Work on these next:").bullets(items);
    }
    Prompt next = recommend(turn, Optional.of(prompt.id()));
    return reply
        .paragraph("Recommended next: `practice " + next.id() + "` (" + next.title() + ").")
        .choices(
            List.of(new Choice(PracticeReplies.START_PREFIX + next.id(), "Start " + next.title())))
        .endsSession()
        .build();
  }

  /** Up to three missing concepts: the prompt's focus first, then those the user misses most. */
  private List<Concept> toWorkOn(
      Prompt prompt,
      PracticeSession session,
      Set<String> covered,
      Map<String, ConceptStats> stats) {
    int reached =
        session.state() == SessionState.COMPLETED
            ? curriculum.sections().size() - 1
            : sectionOf(session).index();
    List<Concept> candidates = new ArrayList<>();
    prompt.focus().stream()
        .map(curriculum::concept)
        .flatMap(Optional::stream)
        .filter(c -> !covered.contains(c.id()))
        .filter(c -> curriculum.section(c.sectionId()).map(Section::index).orElse(0) <= reached)
        .forEach(candidates::add);
    curriculum.concepts().stream()
        .filter(c -> !covered.contains(c.id()) && !candidates.contains(c))
        .filter(c -> curriculum.section(c.sectionId()).map(Section::index).orElse(0) <= reached)
        .sorted(
            Comparator.comparingInt(
                (Concept c) -> -stats.getOrDefault(c.id(), ConceptStats.NONE).timesMissed()))
        .forEach(candidates::add);
    return candidates.stream().limit(3).toList();
  }

  // ---- helpers --------------------------------------------------------------------------------

  private Prompt recommend(Turn turn, Optional<String> exclude) {
    List<String> recent =
        sessions.sessionsOf(turn.handle(), turn.user().id()).stream()
            .map(PracticeSession::promptId)
            .toList();
    return recommender.next(
        progress.conceptStats(turn.handle(), turn.user().id()), recent, exclude);
  }

  private void record(
      Turn turn, PracticeSession session, Set<String> concepts, Outcome outcome, String answerId) {
    coverage.record(
        turn.handle(), turn.user().id(), concepts, outcome, session.id(), answerId, turn.now());
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
    return conceptIds.stream()
        .map(id -> curriculum.concept(id).map(Concept::name).orElse(id))
        .collect(Collectors.joining(", "));
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
