package coach.core.mock;

import coach.core.chat.ProcessedEvents;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.daily.DailyRequest;
import coach.core.storage.Database;
import coach.core.user.User;
import coach.core.user.UserStore;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.jdbi.v3.core.Handle;

/**
 * Group mock sessions, for every platform: the {@code mock} channel commands, the buttons (Going,
 * Not going, Can't make it, I'm here, the feedback form), the timers' firings and recovery at
 * start. Adapters call in with neutral values and {@link #register} a {@link MockPublisher}.
 * Thread-safe: each call is one transaction; sending happens after it commits.
 */
public final class MockSessions {

  /** Button id prefixes (the contract's, and Coach's own); the session id follows a colon. */
  public static final String GOING = MockMessages.GOING;

  public static final String NOT_GOING = MockMessages.NOT_GOING;
  public static final String CANT_MAKE_IT = MockMessages.CANT_MAKE_IT;
  public static final String HERE = MockMessages.HERE;

  /** Opens the feedback form; its id is {@code mock-feedback:SESSION:GROUP:ROUND}. */
  public static final String FEEDBACK_FORM = MockMessages.FEEDBACK_FORM;

  public static final String ABSENT = MockMessages.ABSENT;

  private final Database database;
  private final Clock clock;
  private final ZoneId defaultZone;
  private final MockStore store = new MockStore();
  private final MockRecords records = new MockRecords();
  private final MockOutbox outbox = new MockOutbox();
  private final UserStore users = new UserStore();
  private final ProcessedEvents events = new ProcessedEvents();
  private final MockDelivery delivery;
  private final MockLifecycle lifecycle;
  private final MockCommands commands;
  private final Rsvps rsvps;
  private final PeerFeedback feedback;

  public MockSessions(
      Database database,
      Curriculum curriculum,
      Clock clock,
      ZoneId defaultZone,
      Set<UserId> admins,
      MockTriggers triggers) {
    this.database = Objects.requireNonNull(database, "database");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    MockProfiles profiles = new MockProfiles(curriculum, records);
    MockMessages messages = new MockMessages(curriculum, store, records, profiles);
    this.delivery = new MockDelivery(database, store, outbox, messages, clock);
    this.lifecycle =
        new MockLifecycle(curriculum, store, records, outbox, profiles, delivery, triggers);
    this.commands = new MockCommands(curriculum, store, records, messages, lifecycle, admins);
    this.rsvps = new Rsvps(store, outbox);
    this.feedback = new PeerFeedback(curriculum, store, records, outbox, messages);
  }

  /** Lets sessions on {@code platform} ("slack", "discord") post through {@code publisher}. */
  public void register(String platform, MockPublisher publisher) {
    delivery.register(platform, publisher);
  }

  /** Whether a button id is one of mock sessions' (adapters route it here). */
  public static boolean handles(String actionId) {
    return actionId != null && actionId.startsWith("mock-");
  }

  /**
   * A {@code mock ...} command typed in a channel ({@code request.text()} is what follows {@code
   * mock}). Empty for a redelivered event. The reply is for the sender only; it may carry a file
   * (the {@code .ics} of {@code mock ics}).
   */
  public Optional<Reply> command(DailyRequest request) {
    return once(
        request.sender(),
        request.eventId(),
        (h, user, now) -> {
          MockCommands.Outcome o = commands.handle(h, request, user, now);
          return new Done<>(o.reply(), o.after());
        });
  }

  /** What a button press leads to: a reply for the presser, or a form to open. */
  public record PressOutcome(Optional<Reply> reply, Optional<FeedbackForm> form) {
    static PressOutcome reply(Reply reply) {
      return new PressOutcome(Optional.of(reply), Optional.empty());
    }
  }

  /**
   * A press on one of mock sessions' buttons ({@link #handles}). Empty for a redelivered press.
   * Going and Not going come from the announcement; Can't make it from a reminder or a move notice
   * (it is Not going); I'm here from the pairing DM; Give feedback opens {@link FeedbackForm}; They
   * didn't show marks the candidate absent.
   */
  public Optional<PressOutcome> press(Sender sender, String actionId, String eventId) {
    String[] parts = actionId.split(":", 2);
    String action = parts[0];
    String rest = parts.length > 1 ? parts[1] : "";
    return once(
        sender,
        eventId,
        (h, user, now) -> {
          if (action.equals(FEEDBACK_FORM) || action.equals(ABSENT)) {
            PeerFeedback.Found found = feedback.find(h, rest, user.id());
            if (found instanceof PeerFeedback.Found.Refused refused) {
              return new Done<>(PressOutcome.reply(refused.reply()), List.of());
            }
            PeerFeedback.Found.Ok ok = (PeerFeedback.Found.Ok) found;
            if (action.equals(ABSENT)) {
              Reply reply = feedback.absent(h, ok, now);
              return new Done<>(PressOutcome.reply(reply), List.of(this::deliverPending));
            }
            return new Done<>(
                new PressOutcome(Optional.empty(), Optional.of(feedback.form(h, ok))), List.of());
          }
          Optional<MockSession> s = store.find(h, rest.toUpperCase(java.util.Locale.ROOT));
          if (s.isEmpty()) {
            return new Done<>(
                PressOutcome.reply(Reply.text("I can't find that mock session any more.")),
                List.of());
          }
          if (action.equals(HERE)) {
            boolean paired = records.mark(h, s.get().id(), user.id(), true);
            return new Done<>(
                PressOutcome.reply(
                    Reply.text(
                        paired
                            ? "Thanks, you're marked as here. Have a good interview!"
                            : "You weren't paired in #"
                                + s.get().id()
                                + ", so there's nothing"
                                + " to confirm.")),
                List.of());
          }
          Rsvps.Result result =
              action.equals(GOING)
                  ? rsvps.going(h, s.get(), user.id(), now)
                  : action.equals(NOT_GOING) || action.equals(CANT_MAKE_IT)
                      ? rsvps.notGoing(h, s.get(), user.id(), now)
                      : new Rsvps.Result(Reply.text("That button is out of date."), false);
          String id = s.get().id();
          List<Runnable> after =
              result.changed()
                  ? List.of(() -> delivery.refresh(id), this::deliverPending)
                  : List.of();
          return new Done<>(PressOutcome.reply(result.reply()), after);
        });
  }

  /**
   * The feedback form submitted whole ({@code formId} from {@link FeedbackForm#formId()}): the
   * ticked concepts and a note. Empty for a redelivered submission.
   */
  public Optional<Reply> submitFeedback(
      Sender sender, String formId, Set<String> checked, String note, String eventId) {
    return once(
        sender,
        eventId,
        (h, user, now) -> {
          PeerFeedback.Found found = feedback.find(h, formId, user.id());
          if (found instanceof PeerFeedback.Found.Refused refused) {
            return new Done<>(refused.reply(), List.of());
          }
          Reply reply = feedback.submit(h, (PeerFeedback.Found.Ok) found, checked, note, now);
          return new Done<>(reply, List.<Runnable>of(this::deliverPending));
        });
  }

  /**
   * Saves one piece of a form filled in pieces: within {@code part}, exactly {@code checked} are
   * ticked. Empty for a redelivered event.
   */
  public Optional<Reply> saveFeedbackPart(
      Sender sender, String formId, Set<String> part, Set<String> checked, String eventId) {
    return once(
        sender,
        eventId,
        (h, user, now) -> {
          PeerFeedback.Found found = feedback.find(h, formId, user.id());
          if (found instanceof PeerFeedback.Found.Refused refused) {
            return new Done<>(refused.reply(), List.of());
          }
          return new Done<>(
              feedback.draft(h, (PeerFeedback.Found.Ok) found, part, checked, now), List.of());
        });
  }

  /** The form as it stands, for platforms that re-open it; empty when the asker may not. */
  public Optional<FeedbackForm> feedbackForm(Sender sender, String formId) {
    return database.withHandle(
        h -> {
          PeerFeedback.Found found = feedback.find(h, formId, sender.id());
          return found instanceof PeerFeedback.Found.Ok ok
              ? Optional.of(feedback.form(h, ok))
              : Optional.empty();
        });
  }

  /** A timer fired. */
  public void fire(MockTimer timer) {
    Instant now = clock.instant();
    List<Runnable> after = database.inTransaction(h -> lifecycle.step(h, timer, now));
    after.forEach(Runnable::run);
  }

  /**
   * At start, before any timer fires: messages a crash cut off mid-send go back in the queue, to be
   * sent again by {@link #recover()}.
   */
  public void requeueInterrupted() {
    database.inTransaction(outbox::requeueInterrupted);
  }

  /**
   * At start: sends what a crash or an outage left owed and re-arms every session's timers; a step
   * already taken does nothing when its timer fires again.
   */
  public void recover() {
    Instant now = clock.instant();
    record Running(MockSession session, Set<Integer> sizes) {}
    List<MockSession> scheduled = new ArrayList<>();
    List<Running> running = new ArrayList<>();
    database.withHandle(
        h -> {
          for (MockSession s : store.allUpcoming(h)) {
            if (s.state() == MockSession.State.SCHEDULED) {
              scheduled.add(s);
            } else {
              running.add(new Running(s, lifecycle.groupSizes(h, s)));
            }
          }
          return null;
        });
    scheduled.forEach(s -> lifecycle.arm(s, now, true));
    running.forEach(r -> lifecycle.armRunning(r.session(), r.sizes()));
    delivery.deliverPending();
  }

  /** Sends what is owed now (also retries earlier failures). */
  public void deliverPending() {
    delivery.deliverPending();
  }

  /** Every scheduled or running session, soonest first, for {@code coach schedules}. */
  public List<MockSession> upcoming() {
    return database.withHandle(store::allUpcoming);
  }

  /** One session, for adapters and tests. */
  public Optional<MockSession> session(String id) {
    return database.withHandle(h -> store.find(h, id));
  }

  /** Who said what, in order, for adapters and tests. */
  public List<Rsvp> rsvps(String sessionId) {
    return database.withHandle(h -> store.rsvps(h, sessionId));
  }

  private record Done<T>(T value, List<Runnable> after) {}

  private interface Work<T> {
    Done<T> run(Handle h, User user, Instant now);
  }

  private <T> Optional<T> once(Sender sender, String eventId, Work<T> work) {
    Instant now = clock.instant();
    Optional<Done<T>> done =
        database.inTransaction(
            h -> {
              User user = users.ensure(h, sender, defaultZone, now);
              if (!events.markNew(h, user.id(), eventId, now)) {
                return Optional.<Done<T>>empty();
              }
              return Optional.of(work.run(h, user, now));
            });
    done.ifPresent(d -> d.after().forEach(Runnable::run));
    return done.map(Done::value);
  }
}
