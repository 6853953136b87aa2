package coach.core.daily;

import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which prompt and focus section a channel's next post gets. Prompts rotate without repeats until
 * the channel's pool is used up, then a new cycle starts (in an order of its own, different per
 * channel and cycle, but the same on every run). Focus sections follow the outline in order, one
 * per post, so ten posts cover it.
 */
final class Rotation {

  private Rotation() {}

  /**
   * @param pool the prompts the channel draws from, not empty
   * @param pastPromptIds the prompts of the channel's earlier posts, oldest first
   */
  static Prompt nextPrompt(ChannelRef channel, List<Prompt> pool, List<String> pastPromptIds) {
    Set<String> poolIds = new HashSet<>();
    pool.forEach(p -> poolIds.add(p.id()));
    Set<String> usedThisCycle = new HashSet<>();
    int cycle = 0;
    for (String id : pastPromptIds) {
      if (!poolIds.contains(id)) {
        continue;
      }
      usedThisCycle.add(id);
      if (usedThisCycle.size() == poolIds.size()) {
        usedThisCycle.clear();
        cycle++;
      }
    }
    int thisCycle = cycle;
    return pool.stream()
        .filter(p -> !usedThisCycle.contains(p.id()))
        .min(
            Comparator.comparingInt((Prompt p) -> order(channel, thisCycle, p.id()))
                .thenComparing(Prompt::id))
        .orElseThrow();
  }

  /** The focus section of the channel's {@code sequence}-th post (from 1). */
  static Section focus(List<Section> sections, int sequence) {
    return sections.get(Math.floorMod(sequence - 1, sections.size()));
  }

  private static int order(ChannelRef channel, int cycle, String promptId) {
    // A stable mix (String.hashCode is specified), so every run picks the same order.
    int h = (channel.key() + "#" + cycle + "#" + promptId).hashCode();
    h ^= h >>> 16;
    h *= 0x85ebca6b;
    h ^= h >>> 13;
    return h;
  }
}
