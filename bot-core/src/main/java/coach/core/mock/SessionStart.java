package coach.core.mock;

import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * A session's start: who is going is paired ({@link Pairings}), the rounds and attendance are
 * stored, and each person is owed their pairing message (or, alone, the offer of a DM practice).
 */
final class SessionStart {

  /** How many past sessions of a channel count as "met recently" for pairing. */
  static final int RECENT_SESSIONS = 3;

  private final Curriculum curriculum;
  private final MockStore store;
  private final MockRecords records;
  private final MockOutbox outbox;
  private final MockProfiles profiles;

  SessionStart(
      Curriculum curriculum,
      MockStore store,
      MockRecords records,
      MockOutbox outbox,
      MockProfiles profiles) {
    this.curriculum = curriculum;
    this.store = store;
    this.records = records;
    this.outbox = outbox;
    this.profiles = profiles;
  }

  /** Pairs {@code going} (in RSVP order) and owes everyone their message. */
  void pair(Handle h, MockSession s, List<UserId> going, Instant now) {
    List<String> pool =
        s.prompts().isEmpty()
            ? curriculum.prompts().stream().map(Prompt::id).toList()
            : s.prompts();
    Map<UserId, Set<String>> done = new HashMap<>();
    Map<UserId, List<String>> weakest = new HashMap<>();
    for (UserId u : going) {
      done.put(u, profiles.donePrompts(h, u));
      weakest.put(u, profiles.weakestSections(h, u));
    }
    PairingInput input =
        new PairingInput(
            going,
            records.groups(h, store.lastRun(h, s.channel(), s.id(), RECENT_SESSIONS)),
            done,
            weakest,
            records.avoidLists(h, going),
            pool,
            profiles.promptSections(pool),
            seed(s));
    Pairing pairing = Pairings.pair(input);
    for (int g = 0; g < pairing.groups().size(); g++) {
      MockGroup group = pairing.groups().get(g);
      for (MockRound r : group.rounds()) {
        records.saveRound(
            h,
            new MockRecords.StoredRound(
                s.id(),
                g,
                r.index(),
                group.rounds().size(),
                r.interviewer(),
                r.candidate(),
                r.promptId()));
      }
      for (UserId member : group.members()) {
        records.saveAttendance(h, s.id(), member, "paired");
        outbox.enqueue(
            h,
            "paired:" + s.id() + ":" + member.value() + ":" + s.startsAt().toEpochMilli(),
            s.id(),
            MockOutbox.Kind.PAIRED,
            Optional.of(member),
            g + ":0",
            now);
      }
    }
    for (UserId alone : pairing.alone()) {
      records.saveAttendance(h, s.id(), alone, "alone");
      String prompt =
          pool.stream().filter(p -> !done.get(alone).contains(p)).findFirst().orElse(pool.get(0));
      outbox.enqueue(
          h,
          "alone:" + s.id() + ":" + alone.value(),
          s.id(),
          MockOutbox.Kind.ALONE,
          Optional.of(alone),
          prompt,
          now);
    }
  }

  static long seed(MockSession s) {
    return s.id().hashCode() * 31L + s.startsAt().toEpochMilli();
  }
}
