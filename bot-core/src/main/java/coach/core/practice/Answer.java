package coach.core.practice;

import java.time.Instant;
import java.util.Locale;
import java.util.Set;

/** Something the user wrote in a session, kept whole, with the concepts detected in it. */
public record Answer(
    String id,
    String sessionId,
    String section,
    Kind kind,
    String text,
    Instant receivedAt,
    Set<String> concepts) {

  /** What the message replied to. */
  public enum Kind {
    /** The section's question. */
    ANSWER,
    /** A follow-up question. */
    FOLLOWUP,
    /** Not a reply: a clarifying question to the interviewer. */
    QUESTION,
    /** A new wording of an earlier message, edited on the platform; the earlier one is kept. */
    EDIT;

    /** A reply to the section's question or a follow-up: what a scorecard counts as answers. */
    public boolean isReply() {
      return this == ANSWER || this == FOLLOWUP;
    }

    public String code() {
      return name().toLowerCase(Locale.ROOT);
    }

    public static Kind ofCode(String code) {
      return valueOf(code.toUpperCase(Locale.ROOT));
    }
  }

  public Answer {
    concepts = Set.copyOf(concepts);
  }
}
