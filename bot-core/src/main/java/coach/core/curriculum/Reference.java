package coach.core.curriculum;

import java.util.Optional;

/** A pointer into an episode: where to learn more about a section or concept. */
public record Reference(Episode episode, Optional<String> at, Optional<String> about) {

  /** "ML System Design Interviews (Valerii Babushkin) at 16:43: labels and class imbalance". */
  public String describe() {
    StringBuilder out =
        new StringBuilder(episode.title()).append(" (").append(episode.guest()).append(')');
    at.ifPresent(time -> out.append(" at ").append(time));
    about.ifPresent(topic -> out.append(": ").append(topic));
    return out.toString();
  }
}
