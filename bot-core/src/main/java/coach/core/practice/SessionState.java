package coach.core.practice;

import java.util.Locale;

/** Where a practice session stands. ACTIVE and PAUSED sessions are open; the rest have ended. */
public enum SessionState {
  ACTIVE,
  PAUSED,
  COMPLETED,
  STOPPED;

  public boolean isOpen() {
    return this == ACTIVE || this == PAUSED;
  }

  /** The stored spelling. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static SessionState ofCode(String code) {
    return valueOf(code.toUpperCase(Locale.ROOT));
  }
}
