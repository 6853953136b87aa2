package coach.core.clarify;

import java.util.List;

/**
 * The clarifying-question topic ids of {@code docs/formats.md}: a public interface (extend, never
 * rename), in the order of its table.
 */
public final class TopicIds {

  private TopicIds() {}

  public static final List<String> ALL =
      List.of(
          "scale",
          "latency",
          "labels",
          "label_delay",
          "data",
          "current_process",
          "privacy",
          "users",
          "goal",
          "review_capacity",
          "infrastructure",
          "costs",
          "device",
          "team",
          "budget");
}
