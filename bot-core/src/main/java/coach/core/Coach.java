package coach.core;

import coach.core.chat.Inbound;
import coach.core.chat.ProcessedEvents;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.Turn;
import coach.core.chat.UserId;
import coach.core.clarify.Clarifier;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.CoverageStore;
import coach.core.coverage.RecentDetections;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.Prompt;
import coach.core.curriculum.Section;
import coach.core.delivery.ReplyDelivery;
import coach.core.health.CoachMetrics;
import coach.core.health.LogContext;
import coach.core.intake.InboundJournal;
import coach.core.intake.MissedMessages;
import coach.core.practice.CorrectionExport;
import coach.core.practice.CorrectionStore;
import coach.core.practice.PracticeService;
import coach.core.practice.PracticeStore;
import coach.core.privacy.PrivacyService;
import coach.core.progress.ProgressService;
import coach.core.progress.ProgressStore;
import coach.core.progress.Recommender;
import coach.core.storage.Database;
import coach.core.user.User;
import coach.core.user.UserStore;
import java.time.Clock;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The coach behind every platform: takes validated inbound events and returns neutral replies. Each
 * event is handled in one database transaction together with the record that it was handled, so a
 * redelivered event returns empty and changes nothing, and a crash leaves neither half. Events of
 * one user are handled one at a time; different users run in parallel.
 */
public final class Coach {

  private static final Logger log = LoggerFactory.getLogger(Coach.class);
  private static final int LOCK_STRIPES = 64;

  private final Database database;
  private final Curriculum curriculum;
  private final Clock clock;
  private final ZoneId defaultZone;
  private final UserStore users = new UserStore();
  private final ProcessedEvents events = new ProcessedEvents();
  private final PracticeStore practiceStore = new PracticeStore();
  private final CorrectionStore corrections = new CorrectionStore();
  private final PracticeService practice;
  private final ProgressService progress;
  private final PrivacyService privacy;
  private final EventRouter router;
  private final ReentrantLock[] userLocks = new ReentrantLock[LOCK_STRIPES];

  /** Follow-ups asked per section unless configured otherwise. */
  public static final int DEFAULT_MAX_FOLLOWUPS = 2;

  /**
   * @param defaultZone the time zone of users whose platform reports none
   */
  public Coach(
      Database database,
      Curriculum curriculum,
      CoverageDetector detector,
      Clock clock,
      ZoneId defaultZone) {
    this(database, curriculum, detector, clock, defaultZone, DEFAULT_MAX_FOLLOWUPS);
  }

  /**
   * @param defaultZone the time zone of users whose platform reports none
   * @param maxFollowups follow-up questions asked per section at most
   */
  public Coach(
      Database database,
      Curriculum curriculum,
      CoverageDetector detector,
      Clock clock,
      ZoneId defaultZone,
      int maxFollowups) {
    this(database, curriculum, detector, Clarifier.create(), clock, defaultZone, maxFollowups);
  }

  /**
   * @param clarifier understands the candidate's clarifying questions
   * @param defaultZone the time zone of users whose platform reports none
   * @param maxFollowups follow-up questions asked per section at most
   */
  public Coach(
      Database database,
      Curriculum curriculum,
      CoverageDetector detector,
      Clarifier clarifier,
      Clock clock,
      ZoneId defaultZone,
      int maxFollowups) {
    this.database = Objects.requireNonNull(database, "database");
    this.curriculum = Objects.requireNonNull(curriculum, "curriculum");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.defaultZone = Objects.requireNonNull(defaultZone, "defaultZone");
    this.outbox = new ReplyDelivery(database, clock, ReplyDelivery.Settings.DEFAULT);
    this.journal = new InboundJournal(database, clock, InboundJournal.Settings.DEFAULT);
    ProgressStore progressStore = new ProgressStore();
    this.practice =
        new PracticeService(
            curriculum,
            new RecentDetections(detector),
            clarifier,
            practiceStore,
            corrections,
            new CoverageStore(),
            progressStore,
            maxFollowups);
    this.progress =
        new ProgressService(
            curriculum,
            progressStore,
            practiceStore,
            new Recommender(curriculum),
            practice.scorecards());
    this.privacy = new PrivacyService(practiceStore, corrections, progress);
    for (int i = 0; i < LOCK_STRIPES; i++) {
      userLocks[i] = new ReentrantLock();
    }
    this.router = new EventRouter(curriculum, practice, progress, privacy, users);
  }

  /**
   * Handles one event. Returns empty when the event was handled before (a redelivery). Never throws
   * for bad input; a storage failure gets an apology that asks the user to send again. The caller
   * shows the reply; nothing is kept for sending it again (the console; tests).
   */
  public Optional<Reply> handle(Inbound event) {
    return process(event, false).map(Handled::reply);
  }

  /**
   * Handles one direct-message event and delivers its reply through the {@link #outbox} (when the
   * user's platform registered a messenger there): the reply is written in the same transaction as
   * what the event changed, then sent at once on this thread; if that fails, or this process dies
   * first, the outbox worker sends it later, in order. Returns the reply (already sent or owed), or
   * empty for a redelivery. A storage failure's apology is sent directly, as it changed nothing.
   * Never throws.
   */
  public Optional<Reply> respond(Inbound event) {
    ReplyDelivery delivery = outbox;
    boolean owe = delivery.delivers(event.sender().id());
    Optional<Handled> handled = process(event, owe);
    handled.ifPresent(
        h -> {
          if (h.owed().isPresent()) {
            delivery.sendNow(h.owed().get());
          } else if (owe) {
            delivery.sendUnrecorded(event.sender().id(), h.reply());
          }
        });
    return handled.map(Handled::reply);
  }

  /**
   * Sends the replies of {@link #respond} through {@code delivery} instead of the default one
   * (tests with other timings); call while composing, before events arrive.
   */
  public void useOutbox(ReplyDelivery delivery) {
    this.outbox = Objects.requireNonNull(delivery, "delivery");
  }

  /**
   * The reply outbox: platform adapters register their messenger on it; {@code coach run} starts
   * its worker.
   */
  public ReplyDelivery outbox() {
    return outbox;
  }

  private volatile ReplyDelivery outbox;

  private final InboundJournal journal;

  /**
   * The inbound journal: platform adapters record each direct message in it before they acknowledge
   * it, and register a replayer; {@code coach run} starts its sweep.
   */
  public InboundJournal journal() {
    return journal;
  }

  /**
   * The events that may never have reached Coach: for a platform adapter catching up on direct
   * messages after a restart.
   */
  public MissedMessages missedMessages() {
    return new MissedMessages(database);
  }

  /** What handling an event gave: the reply, and its outbox entry when it was owed. */
  private record Handled(Reply reply, Optional<ReplyDelivery.Owed> owed) {}

  private Optional<Handled> process(Inbound event, boolean owe) {
    Objects.requireNonNull(event, "event");
    long started = System.nanoTime();
    LogContext.Scope scope = LogContext.event(event.eventId(), event.sender().id().value());
    ReentrantLock lock = userLocks[Math.floorMod(event.sender().id().hashCode(), LOCK_STRIPES)];
    lock.lock();
    try {
      prepare(event);
      return database.inTransaction(
          handle -> {
            // one user's events one at a time across instances, too (the stripe lock orders them
            // within this one)
            database.lockInTransaction(handle, event.sender().id().value());
            var now = clock.instant();
            User user = users.ensure(handle, event.sender(), defaultZone, now);
            if (!events.markNew(handle, user.id(), event.eventId(), now)) {
              log.debug("ignored redelivered event {} of {}", event.eventId(), user.id());
              return Optional.<Handled>empty();
            }
            Reply reply = router.route(new Turn(handle, user, event.eventId(), now), event);
            Optional<ReplyDelivery.Owed> owed =
                owe
                    ? Optional.of(outbox.owe(handle, user.id(), event.eventId(), reply, now))
                    : Optional.empty();
            return Optional.of(new Handled(reply, owed));
          });
    } catch (RuntimeException e) {
      log.error("could not handle event {} of {}", event.eventId(), event.sender().id(), e);
      return Optional.of(
          new Handled(
              Reply.text(
                  "Sorry, something went wrong on my side and I couldn't save that. Please send"
                      + " it again in a moment."),
              Optional.empty()));
    } finally {
      lock.unlock();
      scope.close();
      CoachMetrics.event(
          event.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT),
          java.time.Duration.ofNanos(System.nanoTime() - started));
    }
  }

  /**
   * Grades an answer before its transaction ({@link EventRouter#prepare}), so the transaction,
   * which on SQLite holds the single writer, does not grade. A failure here only means the
   * transaction grades.
   */
  private void prepare(Inbound event) {
    if (!(event instanceof Inbound.Message)) {
      return; // only a typed message may be an answer
    }
    try {
      database.withHandle(
          reader -> {
            router.prepare(reader, event);
            return null;
          });
    } catch (RuntimeException e) {
      log.debug("could not grade event {} ahead; its transaction will", event.eventId(), e);
    }
  }

  /** The user's open session as "Prompt title (Section title)", if they have one. Reads only. */
  public Optional<String> openSession(UserId user) {
    return database.withHandle(
        handle ->
            practiceStore
                .findOpen(handle, user)
                .map(
                    s ->
                        curriculum.prompt(s.promptId()).map(Prompt::title).orElse(s.promptId())
                            + " ("
                            + curriculum.section(s.currentSection()).map(Section::title).orElse("")
                            + ")"));
  }

  /**
   * A greeting for someone opening the coach, mentioning their unfinished session if they have one.
   * Reads only; records nothing.
   */
  public Reply welcome(Sender sender) {
    Optional<String> openSession = openSession(sender.id());
    Reply.Builder reply =
        Reply.builder()
            .paragraph(
                "Hi "
                    + sender.displayName()
                    + ", I'm Coach. I play the interviewer for ML system design practice.");
    if (openSession.isPresent()) {
      reply.paragraph(
          "You have a session in progress: "
              + openSession.get()
              + ". Say `resume` to pick it up, or `practice` to start afresh.");
    } else {
      reply.paragraph("Say `practice` to start, `prompts` to choose a scenario, or `help`.");
    }
    return reply.build();
  }

  /**
   * One user's progress as the contract's JSON ({@code coach progress --format json}), or empty
   * when the user has never been seen.
   */
  public Optional<com.fasterxml.jackson.databind.node.ObjectNode> progressJson(UserId id) {
    return database.withHandle(
        handle ->
            users
                .find(handle, id)
                .map(user -> progress.json(progress.report(handle, user, clock.instant()))));
  }

  /** Every answer users corrected, labelled by their word ({@code coach corrections export}). */
  public List<CorrectionExport.Labelled> correctionsExport() {
    return database.withHandle(
        handle -> new CorrectionExport(practiceStore, corrections).all(handle));
  }

  /** One user's progress as the text reply the bot shows, or empty for an unknown user. */
  public Optional<Reply> progressReply(UserId id) {
    return database.withHandle(
        handle ->
            users
                .find(handle, id)
                .map(
                    user ->
                        progress.progress(
                            new Turn(handle, user, "cli", clock.instant()), Optional.empty())));
  }
}
