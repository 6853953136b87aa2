package coach.core.clarify;

import java.util.List;

/**
 * The topic ids of {@code shared/contracts/facts.md}: a public interface (extend, never rename), in
 * the contract's order.
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
