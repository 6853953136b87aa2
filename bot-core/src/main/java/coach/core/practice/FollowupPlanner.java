package coach.core.practice;

import coach.core.curriculum.Concept;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Decides what the interviewer asks next in a section: a follow-up about the most important concept
 * this prompt exercises that the session has not covered anywhere, then, once nothing is missing,
 * one depth question; otherwise it is time to move on. Never asks about a concept already covered
 * in the session, nor for a fact the interviewer has already given.
 */
final class FollowupPlanner {

  /** What comes next in the section. */
  sealed interface Step {}

  record AskFollowup(Concept concept) implements Step {}

  record AskDepth(String question) implements Step {}

  record MoveOn() implements Step {}

  /**
   * The concepts that ask the candidate for what a fact on a topic tells: once the interviewer has
   * given the fact, asking the candidate for it would ignore what was just said.
   */
  private static final Map<String, List<String>> TOLD_BY_TOPIC =
      Map.of(
          "scale", List.of("assumptions.scale"),
          "latency", List.of("assumptions.latency"),
          "data", List.of("assumptions.data_available"),
          "privacy", List.of("assumptions.privacy"),
          "labels", List.of("data.label_source"),
          "label_delay", List.of("data.label_delay"),
          "users", List.of("decision.user"),
          "goal", List.of("decision.goal"));

  private final Curriculum curriculum;
  private final int maxFollowups;

  FollowupPlanner(Curriculum curriculum, int maxFollowups) {
    if (maxFollowups < 0) {
      throw new IllegalArgumentException("maxFollowups must be 0 or more");
    }
    this.curriculum = curriculum;
    this.maxFollowups = maxFollowups;
  }

  /**
   * The next step in the session's current section.
   *
   * @param toldTopics the fact topics the interviewer has answered in this session
   * @param touched concepts the latest answer named without committing to them: asked first
   */
  Step next(
      Prompt prompt,
      Section section,
      PracticeSession session,
      SessionCoverage coverage,
      Set<String> toldTopics,
      Set<String> touched) {
    List<Concept> missing = new ArrayList<>(missing(prompt, section, coverage, toldTopics));
    missing.sort(java.util.Comparator.comparing((Concept c) -> !touched.contains(c.id())));
    if (!missing.isEmpty() && session.followedUp().size() < maxFollowups) {
      Optional<Concept> next =
          missing.stream().filter(c -> !session.followedUp().contains(c.id())).findFirst();
      if (next.isPresent()) {
        return new AskFollowup(next.get());
      }
    }
    boolean complete =
        curriculum.conceptsOf(section, prompt).stream().allMatch(c -> coverage.covers(c.id()));
    if (complete && !session.depthAsked() && prompt.depthQuestion(section).isPresent()) {
      return new AskDepth(prompt.depthQuestion(section).get());
    }
    return new MoveOn();
  }

  /**
   * The section's concepts this prompt exercises that the session has not covered, the prompt's
   * focus first, leaving out those the interviewer's facts already settled.
   */
  List<Concept> missing(
      Prompt prompt, Section section, SessionCoverage coverage, Set<String> toldTopics) {
    return ranked(prompt, section).stream()
        .filter(c -> !coverage.covers(c.id()))
        .filter(c -> !toldBy(toldTopics).contains(c.id()))
        .toList();
  }

  /** The section's concepts this prompt exercises, its focus first. */
  List<Concept> ranked(Prompt prompt, Section section) {
    List<Concept> ranked = new ArrayList<>();
    for (String focus : prompt.focus()) {
      curriculum
          .concept(focus)
          .filter(c -> c.sectionId().equals(section.id()))
          .ifPresent(ranked::add);
    }
    for (Concept concept : curriculum.conceptsOf(section, prompt)) {
      if (!ranked.contains(concept)) {
        ranked.add(concept);
      }
    }
    return ranked;
  }

  private static Set<String> toldBy(Set<String> topics) {
    Set<String> told = new java.util.HashSet<>();
    topics.forEach(t -> told.addAll(TOLD_BY_TOPIC.getOrDefault(t, List.of())));
    return told;
  }
}
