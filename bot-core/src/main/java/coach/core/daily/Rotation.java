package coach.core.daily;

import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Which prompt and focus section a channel's next post gets. Prompts rotate without repeats until
 * the channel's pool is used up, then a new round starts (in an order of its own, different per
 * channel and round, but the same on every run). Focus sections follow the outline in order, one
 * per post, so ten posts cover it.
 */
final class Rotation {

  private Rotation() {}

  /**
   * Where a channel stands in its rotation: the round (from 0), the pool's prompts already posted
   * in it, and how many are left.
   */
  record Round(int cycle, Set<String> used, int remaining) {}

  /**
   * The round the channel's next post belongs to.
   *
   * @param pool the prompts the channel draws from, not empty
   * @param pastPromptIds the prompts of the channel's earlier posts, oldest first
   */
  static Round round(List<Prompt> pool, List<String> pastPromptIds) {
    Set<String> poolIds = new HashSet<>();
    pool.forEach(p -> poolIds.add(p.id()));
    Set<String> used = new HashSet<>();
    int cycle = 0;
    for (String id : pastPromptIds) {
      if (poolIds.contains(id)) {
        used.add(id);
        if (used.size() == poolIds.size()) {
          used.clear();
          cycle++;
        }
      }
    }
    return new Round(cycle, Set.copyOf(used), poolIds.size() - used.size());
  }

  /** The next post's prompt: one not yet posted in this round. */
  static Prompt nextPrompt(ChannelRef channel, List<Prompt> pool, List<String> pastPromptIds) {
    Round round = round(pool, pastPromptIds);
    return pool.stream()
        .filter(p -> !round.used().contains(p.id()))
        .min(
            Comparator.comparingInt((Prompt p) -> order(channel, round.cycle(), p.id()))
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
