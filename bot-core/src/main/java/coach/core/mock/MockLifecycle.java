package coach.core.mock;

import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.jdbi.v3.core.Handle;

/**
 * A session's life after it is scheduled: its timers, cancellation, moves, and each timed step
 * (deadline, reminders, pairing at the start, role swaps, the end). Every step runs inside one
 * transaction that first claims it and owes its messages in the outbox, so a timer firing twice or
 * a restart mid-step repeats nothing and loses nothing. Methods return the work to do after the
 * transaction commits (timers, sending).
 */
final class MockLifecycle {

  /** A day-before reminder more than this late is dropped (the hour-before one still comes). */
  static final Duration DAY_REMINDER_GRACE = Duration.ofHours(2);

  private final MockStore store;
  private final MockRecords records;
  private final MockOutbox outbox;
  private final SessionStart sessionStart;
  private final MockDelivery delivery;
  private final MockTriggers triggers;

  MockLifecycle(
      Curriculum curriculum,
      MockStore store,
      MockRecords records,
      MockOutbox outbox,
      MockProfiles profiles,
      MockDelivery delivery,
      MockTriggers triggers) {
    this.store = store;
    this.records = records;
    this.outbox = outbox;
    this.sessionStart = new SessionStart(curriculum, store, records, outbox, profiles);
    this.delivery = delivery;
    this.triggers = triggers;
  }

  /** Owes a new session's announcement; after commit: post it, arm its timers, make its event. */
  List<Runnable> announce(Handle h, MockSession s, Instant now) {
    outbox.enqueue(
        h, "announce:" + s.id(), s.id(), MockOutbox.Kind.ANNOUNCE, Optional.empty(), "", now);
    return List.of(
        () -> arm(s, now, false),
        () -> delivery.deliverPending(),
        () -> delivery.syncCalendar(s.id()));
  }

  /** Cancels a scheduled session and tells everyone going or waiting. */
  List<Runnable> cancel(Handle h, MockSession s, String reason, Instant now) {
    store.setState(h, s.id(), MockSession.State.CANCELLED, Optional.of(reason), now);
    for (Rsvp r : store.rsvps(h, s.id())) {
      if (r.status() != Rsvp.Status.NOT_GOING) {
        outbox.enqueue(
            h,
            "cancelled:" + s.id() + ":" + r.user().value(),
            s.id(),
            MockOutbox.Kind.CANCELLED,
            Optional.of(r.user()),
            "",
            now);
      }
    }
    return List.of(
        () -> triggers.cancel(s.id()),
        () -> delivery.deliverPending(),
        () -> delivery.refresh(s.id()),
        () -> delivery.cancelCalendar(s.id()));
  }

  /** Moves a scheduled session; RSVPs carry over and everyone going or waiting is told. */
  List<Runnable> move(
      Handle h, MockSession s, Instant startsAt, ZoneId zone, Instant deadline, Instant now) {
    store.move(h, s.id(), startsAt, zone, deadline, now);
    MockSession moved = store.find(h, s.id()).orElseThrow();
    for (Rsvp r : store.rsvps(h, s.id())) {
      if (r.status() != Rsvp.Status.NOT_GOING) {
        outbox.enqueue(
            h,
            "moved:" + s.id() + ":" + r.user().value() + ":" + moved.sequence(),
            s.id(),
            MockOutbox.Kind.MOVED,
            Optional.of(r.user()),
            r.status() == Rsvp.Status.WAITLIST ? "waitlist" : "going",
            now);
      }
    }
    return List.of(
        () -> triggers.cancel(s.id()),
        () -> arm(moved, now, false),
        () -> delivery.deliverPending(),
        () -> delivery.refresh(s.id()),
        () -> delivery.syncCalendar(s.id()));
  }

  /**
   * Arms a scheduled session's timers. Reminders already due are left out unless {@code catchUp}
   * (at start, after downtime: each step then decides whether it is too late).
   */
  void arm(MockSession s, Instant now, boolean catchUp) {
    if (s.deadline().isBefore(s.startsAt())) {
      triggers.schedule(new MockTimer(s.id(), MockStep.DEADLINE), s.deadline());
    }
    Instant day = dayBefore(s);
    if (catchUp || day.isAfter(now)) {
      triggers.schedule(new MockTimer(s.id(), MockStep.REMIND_DAY), day);
    }
    Instant hour = s.startsAt().minus(Duration.ofHours(1));
    if (catchUp || hour.isAfter(now)) {
      triggers.schedule(new MockTimer(s.id(), MockStep.REMIND_HOUR), hour);
    }
    triggers.schedule(new MockTimer(s.id(), MockStep.START), s.startsAt());
  }

  /** Arms a running session's swaps (for groups of the given sizes) and its end. */
  void armRunning(MockSession s, Set<Integer> groupSizes) {
    for (int of : groupSizes) {
      for (int k = 1; k < of; k++) {
        triggers.schedule(new MockTimer(s.id(), MockStep.SWAP, k, of), swapAt(s, k, of));
      }
    }
    triggers.schedule(new MockTimer(s.id(), MockStep.END), s.endsAt());
  }

  /** The same local time on the day before, in the session's zone (so DST changes keep it). */
  static Instant dayBefore(MockSession s) {
    return s.startsAt().atZone(s.zone()).minusDays(1).toInstant();
  }

  static Instant swapAt(MockSession s, int round, int of) {
    return s.startsAt().plus(Duration.ofSeconds(s.minutes() * 60L * round / of));
  }

  Set<Integer> groupSizes(Handle h, MockSession s) {
    Set<Integer> sizes = new TreeSet<>();
    records.rounds(h, s.id()).forEach(r -> sizes.add(r.rounds()));
    return sizes;
  }

  /** Runs one step, if it is due and not taken before. */
  List<Runnable> step(Handle h, MockTimer timer, Instant now) {
    Optional<MockSession> found = store.find(h, timer.sessionId());
    if (found.isEmpty()) {
      return List.of();
    }
    MockSession s = found.get();
    boolean scheduledStep = timer.step() != MockStep.SWAP && timer.step() != MockStep.END;
    if (scheduledStep && s.state() != MockSession.State.SCHEDULED) {
      return List.of();
    }
    if (!scheduledStep && s.state() != MockSession.State.RUNNING) {
      return List.of();
    }
    if (!store.claimStep(h, s, timer, now)) {
      return List.of();
    }
    return switch (timer.step()) {
      case DEADLINE -> deadline(h, s, now);
      case REMIND_DAY, REMIND_HOUR -> remind(h, s, timer.step(), now);
      case START -> start(h, s, now);
      case SWAP -> swap(h, s, timer, now);
      case END -> end(h, s, now);
    };
  }

  private List<Runnable> deadline(Handle h, MockSession s, Instant now) {
    int going = store.going(h, s.id()).size();
    if (going >= s.minAttendees()) {
      return List.of(() -> delivery.refresh(s.id()));
    }
    return cancelForTooFew(h, s, tooFew(going, s, "by the RSVP deadline"), now);
  }

  /**
   * Cancels for lack of people (or because Coach missed the whole session); a weekly series still
   * goes on with next week's session.
   */
  private List<Runnable> cancelForTooFew(Handle h, MockSession s, String reason, Instant now) {
    List<Runnable> after = new ArrayList<>(cancel(h, s, reason, now));
    if (s.weekly()) {
      after.addAll(repeat(h, s, now));
    }
    return after;
  }

  private static String tooFew(int going, MockSession s, String when) {
    return "only "
        + going
        + (going == 1 ? " person" : " people")
        + " said Going "
        + when
        + ", and it needs "
        + s.minAttendees();
  }

  private List<Runnable> remind(Handle h, MockSession s, MockStep which, Instant now) {
    if (!now.isBefore(s.startsAt())) {
      return List.of();
    }
    if (which == MockStep.REMIND_DAY
        && (now.isAfter(dayBefore(s).plus(DAY_REMINDER_GRACE))
            || !now.isBefore(s.startsAt().minus(Duration.ofHours(1))))) {
      return List.of();
    }
    for (UserId user : store.going(h, s.id())) {
      if (records.reminderPrefs(h, user).wants(which)) {
        outbox.enqueue(
            h,
            "remind:"
                + s.id()
                + ":"
                + user.value()
                + ":"
                + which.name()
                + ":"
                + s.startsAt().toEpochMilli(),
            s.id(),
            MockOutbox.Kind.REMIND,
            Optional.of(user),
            which.name(),
            now);
      }
    }
    return List.of(() -> delivery.deliverPending());
  }

  private List<Runnable> start(Handle h, MockSession s, Instant now) {
    List<UserId> going = store.going(h, s.id());
    if (going.size() < s.minAttendees()) {
      return cancelForTooFew(h, s, tooFew(going.size(), s, "by the start"), now);
    }
    if (!now.isBefore(s.endsAt())) {
      // Coach was down for the whole session: pairing people now would be for nothing.
      return cancelForTooFew(
          h, s, "Coach was offline from before its start until after its end, sorry", now);
    }
    sessionStart.pair(h, s, going, now);
    store.setState(h, s.id(), MockSession.State.RUNNING, Optional.empty(), now);
    Set<Integer> sizes = groupSizes(h, s);
    return List.of(
        () -> armRunning(s, sizes),
        () -> delivery.deliverPending(),
        () -> delivery.refresh(s.id()),
        () -> delivery.markCalendar(s.id(), MockPublisher.EventStage.STARTED));
  }

  private List<Runnable> swap(Handle h, MockSession s, MockTimer timer, Instant now) {
    Map<Integer, List<MockRecords.StoredRound>> groups = byGroup(h, s);
    for (Map.Entry<Integer, List<MockRecords.StoredRound>> e : groups.entrySet()) {
      List<MockRecords.StoredRound> rounds = e.getValue();
      if (rounds.size() != timer.of()) {
        continue;
      }
      int g = e.getKey();
      askFeedback(h, s, rounds.get(timer.round() - 1), now);
      if (!now.isBefore(s.endsAt())) {
        continue; // caught up after the end: no swap to announce, only the feedback to ask
      }
      for (UserId member : members(rounds)) {
        outbox.enqueue(
            h,
            "swap:" + s.id() + ":" + member.value() + ":" + g + ":" + timer.round(),
            s.id(),
            MockOutbox.Kind.SWAP,
            Optional.of(member),
            g + ":" + timer.round(),
            now);
      }
    }
    return List.of(() -> delivery.deliverPending());
  }

  private List<Runnable> end(Handle h, MockSession s, Instant now) {
    // Every round's interviewer is asked (once): swaps caught up after the end may not have run.
    for (List<MockRecords.StoredRound> rounds : byGroup(h, s).values()) {
      for (MockRecords.StoredRound round : rounds) {
        askFeedback(h, s, round, now);
      }
    }
    store.setState(h, s.id(), MockSession.State.ENDED, Optional.empty(), now);
    List<Runnable> after = new ArrayList<>();
    after.add(() -> delivery.deliverPending());
    after.add(() -> delivery.refresh(s.id()));
    after.add(() -> delivery.markCalendar(s.id(), MockPublisher.EventStage.ENDED));
    if (s.weekly()) {
      after.addAll(repeat(h, s, now));
    }
    return after;
  }

  /** A weekly session's next occurrence: same local time a week on, fresh RSVPs. */
  private List<Runnable> repeat(Handle h, MockSession s, Instant now) {
    Instant startsAt = s.startsAt().atZone(s.zone()).plusWeeks(1).toInstant();
    Duration lead = Duration.between(s.deadline(), s.startsAt());
    String id = store.newId(h);
    MockSession next =
        new MockSession(
            id,
            s.channel(),
            s.organiser(),
            startsAt,
            s.zone(),
            s.minutes(),
            s.capacity(),
            s.minAttendees(),
            startsAt.minus(lead),
            true,
            s.prompts(),
            s.seriesId(),
            MockSession.State.SCHEDULED,
            Optional.empty(),
            0,
            Optional.empty(),
            Optional.empty());
    store.insert(h, next, now);
    return announce(h, next, now);
  }

  private void askFeedback(Handle h, MockSession s, MockRecords.StoredRound r, Instant now) {
    outbox.enqueue(
        h,
        "form:" + s.id() + ":" + r.group() + ":" + r.round(),
        s.id(),
        MockOutbox.Kind.FEEDBACK_FORM,
        Optional.of(r.interviewer()),
        r.group() + ":" + r.round(),
        now);
  }

  private Map<Integer, List<MockRecords.StoredRound>> byGroup(Handle h, MockSession s) {
    Map<Integer, List<MockRecords.StoredRound>> groups = new java.util.TreeMap<>();
    for (MockRecords.StoredRound r : records.rounds(h, s.id())) {
      groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
    }
    return groups;
  }

  private static List<UserId> members(List<MockRecords.StoredRound> rounds) {
    List<UserId> members = new ArrayList<>();
    for (MockRecords.StoredRound r : rounds) {
      if (!members.contains(r.interviewer())) {
        members.add(r.interviewer());
      }
      if (!members.contains(r.candidate())) {
        members.add(r.candidate());
      }
    }
    return members;
  }

  /** The session as an iCalendar entry. */
  CalendarEntry calendarEntry(Handle h, MockSession s, Instant now) {
    return new CalendarEntry(
        MockCalendar.uid(s.id()),
        s.sequence(),
        s.startsAt(),
        s.length(),
        s.zone(),
        "Mock interview #" + s.id(),
        "A group mock ML system design interview run by Coach. At the start everyone going is"
            + " paired into interviewer and candidate by DM.",
        s.channel().platform().equals("slack") ? "Slack channel" : "Discord channel",
        s.state() == MockSession.State.CANCELLED,
        now);
  }
}
