package coach.core.coverage;

import java.util.Optional;
import java.util.SortedSet;

/**
 * Finds the rubric concepts an answer covers, from any section. Covered means addressed
 * affirmatively (see {@code docs/formats.md}): questions about a term, dismissals and "I don't
 * know" do not count. Implementations are deterministic and thread-safe.
 */
public interface CoverageDetector {

  /** Answers longer than this many characters are graded on their beginning only. */
  int MAX_GRADED_CHARS = 20_000;

  /**
   * The concept ids {@code answer} covers, sorted.
   *
   * @param promptId the prompt the answer belongs to, when known (a hint only)
   * @param sectionId the section the answer replies to, when known (a hint only)
   */
  SortedSet<String> detect(String answer, Optional<String> promptId, Optional<String> sectionId);
}
