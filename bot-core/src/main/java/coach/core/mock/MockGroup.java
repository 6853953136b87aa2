package coach.core.mock;

import coach.core.chat.UserId;
import java.util.List;

/**
 * A pair or a trio of a mock session. With members m0..m(n-1) it has n rounds; in round i, m_i
 * interviews m_((i+1) mod n): a pair swaps halfway, a trio rotates (A→B, B→C, C→A).
 */
public record MockGroup(List<UserId> members, List<MockRound> rounds) {

  public MockGroup {
    members = List.copyOf(members);
    rounds = List.copyOf(rounds);
  }
}
