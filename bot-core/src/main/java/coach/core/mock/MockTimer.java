package coach.core.mock;

import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One timed step of one session. A {@link MockStep#SWAP} starts round {@code round} (from 1) of the
 * groups with {@code of} rounds: a pair swaps once, halfway (1 of 2); a trio rotates twice, at a
 * third and two thirds (1 of 3, 2 of 3). Other steps have round and of 0.
 */
public record MockTimer(String sessionId, MockStep step, int round, int of) {

  private static final Pattern SWAP = Pattern.compile("SWAP-(\\d+)of(\\d+)");

  public MockTimer {
    Objects.requireNonNull(sessionId, "sessionId");
    Objects.requireNonNull(step, "step");
    boolean swap = step == MockStep.SWAP;
    if (swap ? round < 1 || round >= of : round != 0 || of != 0) {
      throw new IllegalArgumentException(step + " round " + round + " of " + of);
    }
  }

  public MockTimer(String sessionId, MockStep step) {
    this(sessionId, step, 0, 0);
  }

  /** {@code ID/STEP}: unique per session and step. */
  public String key() {
    return sessionId + "/" + name();
  }

  /** {@code DEADLINE}, ..., {@code SWAP-1of2}: the step's name in claims and timers. */
  public String name() {
    return step == MockStep.SWAP ? "SWAP-" + round + "of" + of : step.name();
  }

  /** Parses {@link #key()}. */
  public static MockTimer parse(String key) {
    int slash = key.indexOf('/');
    if (slash < 0) {
      throw new IllegalArgumentException("not a mock timer: " + key);
    }
    String id = key.substring(0, slash);
    String name = key.substring(slash + 1);
    Matcher m = SWAP.matcher(name);
    if (m.matches()) {
      return new MockTimer(
          id, MockStep.SWAP, Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)));
    }
    return new MockTimer(id, MockStep.valueOf(name));
  }
}
