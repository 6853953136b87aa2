package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.daily.DailyPublisher.PublishException;
import coach.core.storage.Database;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends what mock sessions owe through each platform's {@link MockPublisher}: the outbox's messages
 * (each claimed, sent, then marked), announcement edits and calendar events. Called after the
 * transaction that owed them commits, and at start for what a crash left. Thread-safe.
 */
final class MockDelivery {

  private static final Logger log = LoggerFactory.getLogger(MockDelivery.class);

  private final Database database;
  private final MockStore store;
  private final MockOutbox outbox;
  private final MockMessages messages;
  private final Clock clock;
  private final Map<String, MockPublisher> publishers = new ConcurrentHashMap<>();
  private final Map<String, Object> refreshLocks = new ConcurrentHashMap<>();

  MockDelivery(
      Database database, MockStore store, MockOutbox outbox, MockMessages messages, Clock clock) {
    this.database = database;
    this.store = store;
    this.outbox = outbox;
    this.messages = messages;
    this.clock = clock;
  }

  void register(String platform, MockPublisher publisher) {
    publishers.put(platform, publisher);
  }

  /** Sends every owed message whose platform has a publisher. */
  void deliverPending() {
    for (MockOutbox.Message m : database.withHandle(outbox::pending)) {
      Optional<MockSession> session = database.withHandle(h -> store.find(h, m.sessionId()));
      if (session.isEmpty()) {
        continue;
      }
      MockPublisher publisher = publishers.get(session.get().channel().platform());
      if (publisher == null) {
        continue;
      }
      if (!database.inTransaction(h -> outbox.claim(h, m.id()))) {
        continue;
      }
      try {
        Reply reply = database.withHandle(h -> messages.render(h, session.get(), m));
        if (m.kind() == MockOutbox.Kind.ANNOUNCE) {
          String ref = publisher.announce(session.get().channel(), reply);
          database.inTransaction(
              h -> {
                store.setMessageRef(h, m.sessionId(), ref);
                outbox.sent(h, m.id(), clock.instant());
                return null;
              });
        } else {
          publisher.directMessage(m.user().orElseThrow(), reply);
          database.inTransaction(
              h -> {
                outbox.sent(h, m.id(), clock.instant());
                return null;
              });
        }
      } catch (PublishException | RuntimeException e) {
        log.warn(
            "mock session {}: could not send {} (try {}): {}",
            m.sessionId(),
            m.kind(),
            m.attempts() + 1,
            e.getMessage());
        database.inTransaction(
            h -> {
              outbox.failed(h, m.id(), String.valueOf(e.getMessage()));
              return null;
            });
      }
    }
  }

  /**
   * Edits the session's announcement to show its current state; a failure is logged only. Edits of
   * one session are made one at a time, each reading the state when its turn comes, so the last
   * edit always shows the latest state.
   */
  void refresh(String sessionId) {
    synchronized (refreshLocks.computeIfAbsent(sessionId, id -> new Object())) {
      refreshNow(sessionId);
    }
  }

  private void refreshNow(String sessionId) {
    Optional<MockSession> session = database.withHandle(h -> store.find(h, sessionId));
    if (session.isEmpty() || session.get().messageRef().isEmpty()) {
      return;
    }
    MockPublisher publisher = publishers.get(session.get().channel().platform());
    if (publisher == null) {
      return;
    }
    try {
      Reply reply = database.withHandle(h -> messages.announcement(h, session.get()));
      publisher.updateAnnouncement(
          session.get().channel(), session.get().messageRef().get(), reply);
    } catch (PublishException | RuntimeException e) {
      log.warn("mock session {}: could not update the announcement: {}", sessionId, e.getMessage());
    }
  }

  /**
   * Creates or moves the session's platform calendar event. When the platform says why it can't (a
   * missing permission), the organiser is told once per workspace.
   */
  void syncCalendar(String sessionId) {
    Optional<MockSession> found = database.withHandle(h -> store.find(h, sessionId));
    if (found.isEmpty() || found.get().state() != MockSession.State.SCHEDULED) {
      return;
    }
    MockSession s = found.get();
    MockPublisher publisher = publishers.get(s.channel().platform());
    if (publisher == null) {
      return;
    }
    MockPublisher.EventOutcome outcome;
    try {
      outcome =
          publisher.syncEvent(
              new MockPublisher.CalendarEvent(
                  s.id(),
                  s.channel(),
                  "Mock interview #" + s.id(),
                  "A group mock ML system design interview run by Coach: "
                      + s.minutes()
                      + " minutes, "
                      + messages.promptsText(s)
                      + ". RSVP with the Going button on the announcement.",
                  s.startsAt(),
                  s.endsAt()),
              s.eventRef());
    } catch (RuntimeException e) {
      log.warn("mock session {}: calendar event failed: {}", sessionId, e.getMessage());
      return;
    }
    database.inTransaction(
        h -> {
          if (outcome.eventRef().isPresent()) {
            store.setEventRef(h, s.id(), outcome.eventRef());
          }
          if (outcome.problem().isPresent()
              && store.noticeOnce(
                  h,
                  s.channel().platform() + ":" + s.channel().workspace(),
                  "calendar-event",
                  clock.instant())) {
            outbox.enqueue(
                h,
                "notice:calendar:" + s.id(),
                s.id(),
                MockOutbox.Kind.NOTICE,
                Optional.of(s.organiser()),
                outcome.problem().get()
                    + " Mock sessions work without it; only the server's Events list misses them."
                    + " I won't mention this again.",
                clock.instant());
          }
          return null;
        });
    if (outcome.problem().isPresent()) {
      deliverPending();
    }
  }

  /** Cancels the session's platform calendar event, if it has one. */
  void cancelCalendar(String sessionId) {
    withEvent(
        sessionId,
        "cancel",
        (publisher, s) -> publisher.cancelEvent(s.channel(), s.eventRef().get()));
  }

  /** Shows on the session's platform calendar event, if it has one, that it began or ended. */
  void markCalendar(String sessionId, MockPublisher.EventStage stage) {
    withEvent(
        sessionId,
        "mark " + stage.name().toLowerCase(java.util.Locale.ROOT),
        (publisher, s) -> publisher.markEvent(s.channel(), s.eventRef().get(), stage));
  }

  /** Runs {@code change} on the session's event, if it has one; a failure is logged, not thrown. */
  private void withEvent(
      String sessionId,
      String what,
      java.util.function.BiConsumer<MockPublisher, MockSession> change) {
    Optional<MockSession> s = database.withHandle(h -> store.find(h, sessionId));
    if (s.isEmpty() || s.get().eventRef().isEmpty()) {
      return;
    }
    MockPublisher publisher = publishers.get(s.get().channel().platform());
    if (publisher == null) {
      return;
    }
    try {
      change.accept(publisher, s.get());
    } catch (RuntimeException e) {
      log.warn(
          "mock session {}: could not {} the calendar event: {}", sessionId, what, e.getMessage());
    }
  }
}
