package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Section;
import java.util.ArrayList;
import java.util.List;

/** What the interviewer's and the candidate's briefs share: names, focus, rounds, list blocks. */
final class BriefParts {

  /**
   * Most characters of plain text in one block: under Slack's 3,000 per section even after its
   * escaping lengthens {@code &}, {@code <} and {@code >}, and well under Discord's 4,096.
   */
  static final int MAX_BLOCK_TEXT = 2_500;

  private BriefParts() {}

  /** The name as given, or {@code fallback} when there is none. */
  static String name(String name, String fallback) {
    return name == null || name.isBlank() ? fallback : name.strip();
  }

  /** The focus sections in interview order; ids the curriculum does not know are left out. */
  static List<Section> focus(Curriculum curriculum, List<String> focusSectionIds) {
    return curriculum.sections().stream().filter(s -> focusSectionIds.contains(s.id())).toList();
  }

  /** "Metrics", "Metrics and Serving", "Metrics, Data and labels and Serving". */
  static String titles(List<Section> sections) {
    List<String> titles = sections.stream().map(Section::title).toList();
    if (titles.size() <= 1) {
      return String.join("", titles);
    }
    return String.join(", ", titles.subList(0, titles.size() - 1))
        + " and "
        + titles.get(titles.size() - 1);
  }

  /**
   * "Round 1 of 2 · 30 minutes · {@code partner} · then you swap roles": the round, its length, who
   * the partner is and, before the last round, that roles swap afterwards.
   */
  static String round(int round, int rounds, int minutes, String partner) {
    if (rounds < 1 || round < 1 || round > rounds) {
      throw new IllegalArgumentException("round " + round + " of " + rounds);
    }
    if (minutes < 1) {
      throw new IllegalArgumentException("a round lasts at least a minute, not " + minutes);
    }
    String line = "Round " + round + " of " + rounds + " · " + minutes + " minutes · " + partner;
    return round < rounds ? line + " · then you swap roles" : line;
  }

  /**
   * Adds the items as bullet lists of at most {@link #MAX_BLOCK_TEXT} characters each (one list
   * unless it is very long); an item is never split.
   */
  static void bullets(Reply.Builder reply, List<String> items) {
    List<String> block = new ArrayList<>();
    int length = 0;
    for (String item : items) {
      int size = item.length() + 3;
      if (!block.isEmpty() && length + size > MAX_BLOCK_TEXT) {
        reply.bullets(block);
        block = new ArrayList<>();
        length = 0;
      }
      block.add(item);
      length += size;
    }
    reply.bullets(block);
  }
}
