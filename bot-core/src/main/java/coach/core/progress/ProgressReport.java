package coach.core.progress;

import coach.core.curriculum.Concept;
import coach.core.curriculum.Prompt;
import coach.core.user.User;
import java.util.List;
import java.util.Map;

/**
 * One user's coverage as of now: sessions, every concept's history, each section's covered share,
 * the streak, the weakest concepts and the recommended next prompt.
 *
 * @param sectionCovered covered concepts per section id
 * @param sectionTotals concepts per section id
 */
public record ProgressReport(
    User user,
    int sessions,
    int completedSessions,
    Map<String, ConceptStats> concepts,
    Map<String, Integer> sectionCovered,
    Map<String, Integer> sectionTotals,
    Streak streak,
    List<Concept> weakest,
    Prompt recommended,
    List<String> recommendedFor,
    Map<String, PromptStats> prompts,
    MockAttendance mockSessions) {

  /** Per prompt: sessions started, and how many of its focus concepts the user has covered. */
  public record PromptStats(int sessions, int focusCovered, int focusTotal) {}

  /**
   * Group mock sessions that ended: attended (not marked absent, and confirmed or gave or received
   * feedback), how many of those as candidate and as interviewer, and no-shows.
   */
  public record MockAttendance(int attended, int asCandidate, int asInterviewer, int noShows) {}
}
