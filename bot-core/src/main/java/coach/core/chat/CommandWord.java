package coach.core.chat;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The chat command words of the contract, and what each one takes. */
public enum CommandWord {
  HELP("help", false, "list the commands"),
  PROMPTS("prompts", false, "list the practice prompts"),
  PRACTICE("practice", true, "start a practice session: `practice` or `practice PROMPT-ID`"),
  NEXT("next", false, "move on to the next section"),
  SKIP("skip", false, "skip this section"),
  HINT("hint", false, "get a hint for this section"),
  BACK("back", false, "go back and redo the previous section"),
  PAUSE("pause", false, "pause the session; pick it up later with `resume`"),
  RESUME("resume", false, "continue a paused or interrupted session"),
  STOP("stop", false, "end the session now, with a summary"),
  CLAIM(
      "claim",
      true,
      "say you covered a concept I missed: `claim label delay` (or `claim` for the follow-up)"),
  CONTEST("contest", true, "remove a credit that isn't what you meant: `contest label delay`"),
  PROGRESS("progress", true, "see what you have covered so far; `progress history` lists sessions"),
  EXPORT("export", false, "get all your data as JSON"),
  FORGET("forget", true, "delete all your data (asks to confirm)"),
  TIMEZONE("timezone", true, "set your time zone for streaks, e.g. `timezone Europe/Berlin`");

  private final String word;
  private final boolean takesArgument;
  private final String description;

  CommandWord(String word, boolean takesArgument, String description) {
    this.word = word;
    this.takesArgument = takesArgument;
    this.description = description;
  }

  /** The word as users type it. */
  public String word() {
    return word;
  }

  /** The most words a concept name after {@code claim} or {@code contest} may have. */
  public static final int MAX_PHRASE_WORDS = 4;

  /** Whether the argument is a short phrase (a concept name) rather than one word. */
  public boolean takesPhrase() {
    return this == CLAIM || this == CONTEST;
  }

  /** Whether the command accepts one optional argument. */
  public boolean takesArgument() {
    return takesArgument;
  }

  /** One line for {@code help}. */
  public String description() {
    return description;
  }

  /**
   * Whether the command starts or steps through a practice session (practice, next, skip, hint,
   * back, pause, resume, stop): asked for in a team channel, its answer belongs in the user's
   * direct messages, where the session goes on.
   */
  public boolean stepsASession() {
    return switch (this) {
      case PRACTICE, NEXT, SKIP, HINT, BACK, PAUSE, RESUME, STOP, CLAIM, CONTEST -> true;
      default -> false;
    };
  }

  /** Looks a word up, ignoring case. */
  public static Optional<CommandWord> of(String word) {
    String lower = word.toLowerCase(Locale.ROOT);
    return Arrays.stream(values()).filter(c -> c.word.equals(lower)).findFirst();
  }
}
