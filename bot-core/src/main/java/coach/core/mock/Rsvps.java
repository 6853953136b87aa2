package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Going and Not going: capacity, the waitlist (promoted in order when a place frees up, and told),
 * and the RSVP deadline (after it Going is refused, Not going still frees the place and is recorded
 * as a late drop).
 */
final class Rsvps {

  private final MockStore store;
  private final MockOutbox outbox;

  Rsvps(MockStore store, MockOutbox outbox) {
    this.store = store;
    this.outbox = outbox;
  }

  /** The sender's reply; {@code changed} when the announcement should be refreshed. */
  record Result(Reply reply, boolean changed) {}

  Result going(Handle h, MockSession s, UserId user, Instant now) {
    Optional<String> closed = closed(s, now);
    if (closed.isPresent()) {
      return new Result(Reply.text(closed.get()), false);
    }
    Optional<Rsvp> mine = store.rsvp(h, s.id(), user);
    if (mine.isPresent() && mine.get().status() == Rsvp.Status.GOING) {
      return new Result(Reply.text("You're already on the Going list for #" + s.id() + "."), false);
    }
    if (mine.isPresent() && mine.get().status() == Rsvp.Status.WAITLIST) {
      return new Result(
          Reply.text(
              "You're number "
                  + waitlistPlace(h, s, user)
                  + " on the waitlist for #"
                  + s.id()
                  + ". I'll DM you if a place opens."),
          false);
    }
    if (!now.isBefore(s.deadline())) {
      return new Result(
          Reply.text(
              "Sorry, the RSVP deadline for #"
                  + s.id()
                  + " has passed, so I can't add you now. Watch the channel for the next one."),
          false);
    }
    long going = store.going(h, s.id()).size();
    if (s.capacity().isPresent() && going >= s.capacity().getAsInt()) {
      store.saveRsvp(h, new Rsvp(s.id(), user, Rsvp.Status.WAITLIST, now, false), now);
      return new Result(
          Reply.text(
              "#"
                  + s.id()
                  + " is full, so you're number "
                  + waitlistPlace(h, s, user)
                  + " on the waitlist. If a place opens I'll give it to you and DM you."),
          true);
    }
    store.saveRsvp(h, new Rsvp(s.id(), user, Rsvp.Status.GOING, now, false), now);
    return new Result(
        Reply.text(
            "You're going to mock interview #"
                + s.id()
                + ". I'll DM you the day before and an hour before (`mock reminders` changes"
                + " that), and at the start with your role and partner."),
        true);
  }

  Result notGoing(Handle h, MockSession s, UserId user, Instant now) {
    if (s.state() != MockSession.State.SCHEDULED) {
      return new Result(Reply.text(closed(s, now).orElse("That session can't change now.")), false);
    }
    Optional<Rsvp> mine = store.rsvp(h, s.id(), user);
    if (mine.isPresent() && mine.get().status() == Rsvp.Status.NOT_GOING) {
      return new Result(
          Reply.text("You're already marked as not going to #" + s.id() + "."), false);
    }
    boolean late = !now.isBefore(s.deadline());
    boolean wasGoing = mine.isPresent() && mine.get().status() == Rsvp.Status.GOING;
    store.saveRsvp(h, new Rsvp(s.id(), user, Rsvp.Status.NOT_GOING, now, late && wasGoing), now);
    if (wasGoing) {
      promote(h, s, now);
    }
    return new Result(
        Reply.text(
            mine.isEmpty()
                ? "Noted: you're not going to #" + s.id() + "."
                : "Got it, you're off the list for #"
                    + s.id()
                    + (wasGoing ? "; your place goes to the next person waiting." : ".")),
        true);
  }

  /** Gives free places to the first on the waitlist, in order, and tells them. */
  void promote(Handle h, MockSession s, Instant now) {
    List<Rsvp> rsvps = store.rsvps(h, s.id());
    long going = rsvps.stream().filter(r -> r.status() == Rsvp.Status.GOING).count();
    for (Rsvp r : rsvps) {
      if (r.status() != Rsvp.Status.WAITLIST) {
        continue;
      }
      if (s.capacity().isPresent() && going >= s.capacity().getAsInt()) {
        return;
      }
      store.saveRsvp(h, new Rsvp(s.id(), r.user(), Rsvp.Status.GOING, r.queuedAt(), false), now);
      outbox.enqueue(
          h,
          "promoted:" + s.id() + ":" + r.user().value() + ":" + now.toEpochMilli(),
          s.id(),
          MockOutbox.Kind.PROMOTED,
          Optional.of(r.user()),
          "",
          now);
      going++;
    }
  }

  private int waitlistPlace(Handle h, MockSession s, UserId user) {
    List<Rsvp> waiting =
        store.rsvps(h, s.id()).stream().filter(r -> r.status() == Rsvp.Status.WAITLIST).toList();
    for (int i = 0; i < waiting.size(); i++) {
      if (waiting.get(i).user().equals(user)) {
        return i + 1;
      }
    }
    return waiting.size() + 1;
  }

  private static Optional<String> closed(MockSession s, Instant now) {
    return switch (s.state()) {
      case CANCELLED -> Optional.of("Mock interview #" + s.id() + " was cancelled.");
      case RUNNING -> Optional.of("Mock interview #" + s.id() + " is already under way.");
      case ENDED -> Optional.of("Mock interview #" + s.id() + " is over.");
      case SCHEDULED -> Optional.empty();
    };
  }
}
