package coach.core.progress;

import coach.core.chat.Reply;
import coach.core.chat.Reply.Block.Choice;
import coach.core.chat.Turn;
import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.practice.PracticeReplies;
import coach.core.practice.PracticeSession;
import coach.core.practice.PracticeStore;
import coach.core.practice.Scorecards;
import coach.core.user.User;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/** What a user sees of their own progress: text, a chart, history, and the contract's JSON. */
public final class ProgressService {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final int BAR_WIDTH = 10;
  private static final DateTimeFormatter DAY =
      DateTimeFormatter.ofPattern("EEE d MMM yyyy, HH:mm", Locale.ENGLISH);

  private final Curriculum curriculum;
  private final ProgressStore store;
  private final PracticeStore sessions;
  private final Recommender recommender;
  private final Scorecards scorecards;

  public ProgressService(
      Curriculum curriculum,
      ProgressStore store,
      PracticeStore sessions,
      Recommender recommender,
      Scorecards scorecards) {
    this.curriculum = curriculum;
    this.store = store;
    this.sessions = sessions;
    this.recommender = recommender;
    this.scorecards = scorecards;
  }

  /** The user's report as of {@code now}. */
  public ProgressReport report(Handle handle, User user, Instant now) {
    Map<String, ConceptStats> stats = store.conceptStats(handle, user.id());
    List<PracticeSession> history = sessions.sessionsOf(handle, user.id());
    Map<String, Integer> covered = new LinkedHashMap<>();
    Map<String, Integer> totals = new LinkedHashMap<>();
    for (Section section : curriculum.sections()) {
      List<Concept> concepts = curriculum.conceptsOf(section);
      totals.put(section.id(), concepts.size());
      covered.put(
          section.id(),
          (int)
              concepts.stream()
                  .filter(c -> stats.getOrDefault(c.id(), ConceptStats.NONE).covered())
                  .count());
    }
    Set<LocalDate> days =
        store.practiceTimes(handle, user.id()).stream()
            .map(t -> t.atZone(user.zone()).toLocalDate())
            .collect(Collectors.toSet());
    Streak streak = Streak.of(days, now.atZone(user.zone()).toLocalDate());
    List<Concept> weakest =
        curriculum.concepts().stream()
            .sorted(
                Comparator.comparingInt(
                        (Concept c) -> stats.getOrDefault(c.id(), ConceptStats.NONE).timesCovered())
                    .thenComparing(
                        c -> -stats.getOrDefault(c.id(), ConceptStats.NONE).timesMissed()))
            .limit(3)
            .toList();
    List<String> recent = history.stream().map(PracticeSession::promptId).toList();
    Prompt next = recommender.next(stats, recent, Optional.empty());
    int completed =
        (int)
            history.stream()
                .filter(s -> s.state() == coach.core.practice.SessionState.COMPLETED)
                .count();
    Map<String, ProgressReport.PromptStats> prompts = new LinkedHashMap<>();
    for (Prompt prompt : curriculum.prompts()) {
      int started = (int) history.stream().filter(s -> s.promptId().equals(prompt.id())).count();
      int focusCovered =
          (int)
              prompt.focus().stream()
                  .filter(c -> stats.getOrDefault(c, ConceptStats.NONE).covered())
                  .count();
      prompts.put(
          prompt.id(),
          new ProgressReport.PromptStats(started, focusCovered, prompt.focus().size()));
    }
    return new ProgressReport(
        user,
        history.size(),
        completed,
        stats,
        covered,
        totals,
        streak,
        weakest,
        next,
        recommender.gapsIn(next, stats),
        prompts,
        store.mockAttendance(handle, user.id()));
  }

  /** {@code progress}: the summary and chart; {@code progress history}: past sessions. */
  public Reply progress(Turn turn, Optional<String> argument) {
    if (argument.isPresent()
        && (argument.get().equals("history") || argument.get().equals("sessions"))) {
      return history(turn);
    }
    ProgressReport report = report(turn.handle(), turn.user(), turn.now());
    Reply.Builder reply = Reply.builder().heading("Your progress, " + turn.user().displayName());
    reply.paragraph(
        "Sessions: "
            + report.sessions()
            + " ("
            + report.completedSessions()
            + " completed) · Streak: "
            + report.streak().describe());
    List<String> bars = new ArrayList<>();
    int labelWidth =
        curriculum.sections().stream().mapToInt(s -> s.title().length()).max().orElse(10);
    for (Section section : curriculum.sections()) {
      int covered = report.sectionCovered().get(section.id());
      int total = report.sectionTotals().get(section.id());
      bars.add(
          String.format(
              Locale.ROOT,
              "%-" + labelWidth + "s %s %d/%d",
              section.title(),
              bar(covered, total),
              covered,
              total));
    }
    reply.paragraph(String.join("\n", bars));
    List<String> weak = new ArrayList<>();
    for (Concept concept : report.weakest()) {
      ConceptStats stats = report.concepts().getOrDefault(concept.id(), ConceptStats.NONE);
      String note =
          stats.timesCovered() == 0 ? "never covered" : "covered " + stats.timesCovered() + "×";
      if (stats.timesSelfReported() > 0) {
        note += " (" + stats.timesSelfReported() + " self-reported)";
      }
      if (stats.timesMissed() > 0) {
        note += ", missed " + stats.timesMissed() + "×";
      }
      weak.add(concept.name() + " (" + note + ")");
    }
    reply.paragraph("Weakest: " + String.join("; ", weak) + ".");
    List<String> practised = new ArrayList<>();
    report
        .prompts()
        .forEach(
            (id, stats) -> {
              if (stats.sessions() > 0) {
                practised.add(
                    curriculum.prompt(id).map(Prompt::title).orElse(id)
                        + ": "
                        + PracticeReplies.plural(stats.sessions(), "session")
                        + ", "
                        + stats.focusCovered()
                        + "/"
                        + stats.focusTotal()
                        + " key concepts");
              }
            });
    if (!practised.isEmpty()) {
      reply.paragraph("Prompts practised: " + String.join("; ", practised) + ".");
    }
    ProgressReport.MockAttendance mock = report.mockSessions();
    if (mock.attended() + mock.noShows() > 0) {
      reply.paragraph(
          "Mock sessions: "
              + mock.attended()
              + " attended ("
              + mock.asCandidate()
              + " as candidate, "
              + mock.asInterviewer()
              + " as interviewer)"
              + (mock.noShows() > 0 ? ", " + mock.noShows() + " missed" : "")
              + ".");
    }
    Prompt next = report.recommended();
    String why =
        report.recommendedFor().isEmpty()
            ? ""
            : " It works on "
                + report.recommendedFor().stream()
                    .map(id -> curriculum.concept(id).map(Concept::name).orElse(id))
                    .collect(Collectors.joining(", "))
                + ".";
    reply.paragraph("Next step: `practice " + next.id() + "` (" + next.title() + ")." + why);
    reply.file(
        "coach-progress-" + fileSafe(turn.user().id().value()) + ".png",
        "image/png",
        () -> chart(report),
        "Coverage by section");
    reply.context("`progress history` lists your past sessions.");
    reply.choices(List.of(new Choice("practice:start:" + next.id(), "Start " + next.title())));
    return reply.build();
  }

  private Reply history(Turn turn) {
    List<PracticeSession> past = sessions.sessionsOf(turn.handle(), turn.user().id());
    if (past.isEmpty()) {
      return Reply.text("No sessions yet. Say `practice` to start your first.");
    }
    Reply.Builder reply = Reply.builder().heading("Your sessions");
    for (PracticeSession session : past.stream().limit(10).toList()) {
      String title =
          curriculum.prompt(session.promptId()).map(Prompt::title).orElse(session.promptId());
      reply.paragraph(
          session.startedAt().atZone(turn.user().zone()).format(DAY)
              + " · "
              + title
              + " · "
              + session.state().code());
      reply.fields(scorecards.sectionFields(turn.handle(), session));
    }
    if (past.size() > 10) {
      reply.context("Showing the latest 10 of " + past.size() + " sessions.");
    }
    return reply.build();
  }

  /** The radar chart of the report, as PNG. */
  public byte[] chart(ProgressReport report) {
    List<Section> sections = curriculum.sections();
    int[] covered = new int[sections.size()];
    int[] totals = new int[sections.size()];
    for (int i = 0; i < sections.size(); i++) {
      covered[i] = report.sectionCovered().get(sections.get(i).id());
      totals[i] = report.sectionTotals().get(sections.get(i).id());
    }
    return ProgressChart.radar(
        "Coverage by section: " + report.user().displayName(), sections, covered, totals);
  }

  /** The report as the command-line contract's JSON ({@code progress --format json}). */
  public ObjectNode json(ProgressReport report) {
    ObjectNode root = JSON.createObjectNode();
    root.put("user", report.user().id().value());
    root.put("sessions", report.sessions());
    root.put("completed_sessions", report.completedSessions());
    ObjectNode concepts = root.putObject("concepts");
    for (Concept concept : curriculum.concepts()) {
      ConceptStats stats = report.concepts().getOrDefault(concept.id(), ConceptStats.NONE);
      ObjectNode node = concepts.putObject(concept.id());
      node.put("covered", stats.covered());
      node.put("times_covered", stats.timesCovered());
      node.put("times_missed", stats.timesMissed());
      node.put("times_self_reported", stats.timesSelfReported());
      ObjectNode sources = node.putObject("sources");
      sources.put("practice", stats.timesPractice());
      sources.put("daily", stats.timesDaily());
      sources.put("peer", stats.timesPeer());
      node.put("first_covered", stats.firstCovered().map(Instant::toString).orElse(null));
      node.put("last_covered", stats.lastCovered().map(Instant::toString).orElse(null));
    }
    ObjectNode sectionsNode = root.putObject("sections");
    for (Section section : curriculum.sections()) {
      ObjectNode node = sectionsNode.putObject(section.id());
      node.put("covered", report.sectionCovered().get(section.id()));
      node.put("total", report.sectionTotals().get(section.id()));
    }
    ObjectNode streak = root.putObject("streak");
    streak.put("days", report.streak().days());
    streak.put("freezes_used", report.streak().freezesUsed());
    streak.put("practised_today", report.streak().practisedToday());
    streak.put("time_zone", report.user().zone().getId());
    ObjectNode promptsNode = root.putObject("prompts");
    report
        .prompts()
        .forEach(
            (id, stats) -> {
              ObjectNode node = promptsNode.putObject(id);
              node.put("sessions", stats.sessions());
              node.put("focus_covered", stats.focusCovered());
              node.put("focus_total", stats.focusTotal());
            });
    root.put("recommended_prompt", report.recommended().id());
    ObjectNode mock = root.putObject("mock_sessions");
    mock.put("attended", report.mockSessions().attended());
    mock.put("as_candidate", report.mockSessions().asCandidate());
    mock.put("as_interviewer", report.mockSessions().asInterviewer());
    mock.put("no_shows", report.mockSessions().noShows());
    return root;
  }

  /** Covered share of one section as a text bar. */
  static String bar(int covered, int total) {
    int filled = total == 0 ? 0 : Math.round((float) BAR_WIDTH * covered / total);
    return "█".repeat(filled) + "░".repeat(BAR_WIDTH - filled);
  }

  static String fileSafe(String text) {
    return text.replaceAll("[^A-Za-z0-9._-]", "-");
  }
}
