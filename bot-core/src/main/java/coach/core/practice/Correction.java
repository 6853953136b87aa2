package coach.core.practice;

import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * A user's verdict on one credit of a session: they claim a concept the detector missed ("I covered
 * that") or contest one it gave ("not what I meant"). Kept as labelled data for the detector, with
 * the answer it is about.
 */
public record Correction(
    String id,
    String sessionId,
    Optional<String> answerId,
    String conceptId,
    Verdict verdict,
    Instant createdAt) {

  /** Which way the user corrected the credit. */
  public enum Verdict {
    CLAIMED,
    CONTESTED;

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Verdict ofCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }
}
