package coach.core.intake;

import coach.core.background.Sweeper;
import coach.core.chat.Inbound;
import coach.core.chat.ProcessedEvents;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.storage.Database;
import coach.core.storage.WriteBatcher;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Direct messages and edits as they arrive ({@code inbound_journal}), so nothing a user wrote is
 * lost to a crash between its arrival and its handling. A platform adapter {@link #record}s a
 * message before it acknowledges it (Slack) or before it queues it (Discord, which does not
 * redeliver), and registers a replayer that queues an event again. A sweep on every instance hands
 * the replayer each entry that arrived more than {@link Settings#settle} ago and that {@code
 * processed_events} does not show handled; handling stays idempotent, so an entry replayed while
 * its first handling is under way changes nothing twice. A sole instance replays every unhandled
 * entry of a platform as that platform's replayer registers: start the journal before the adapters
 * connect, and what a crash left unhandled is queued ahead of anything that arrives after. Handled
 * entries are deleted by the sweep. Thread-safe.
 */
public final class InboundJournal implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(InboundJournal.class);

  /** Entries replayed per sweep at most. */
  private static final int BATCH = 500;

  /**
   * @param settle how old an unhandled entry must be before it is replayed (its first handling
   *     should be long over)
   * @param poll time between sweeps
   * @param maxReplays replays of one entry before it is left alone
   * @param keep how long an entry that was never handled is kept
   */
  public record Settings(Duration settle, Duration poll, int maxReplays, Duration keep) {
    public static final Settings DEFAULT =
        new Settings(Duration.ofMinutes(1), Duration.ofSeconds(30), 3, Duration.ofDays(1));
  }

  private final Database database;
  private final Clock clock;
  private final Settings settings;
  private final ProcessedEvents events = new ProcessedEvents();
  private final Map<String, Consumer<Inbound>> replayers = new ConcurrentHashMap<>();
  private Sweeper worker;

  /** Whether {@link #start} said this is the only instance on the database. */
  private boolean sole;

  public InboundJournal(Database database, Clock clock, Settings settings) {
    this.database = database;
    this.clock = clock;
    this.settings = settings;
  }

  /**
   * Writes {@code event} (a {@link Inbound.Message} or {@link Inbound.Edit}; others are not kept),
   * durably, before returning true. Never throws: when the database fails, logs it and returns
   * false, and the event is handled as it would be without a journal.
   */
  public boolean record(Inbound event) {
    Optional<CompletableFuture<Void>> written = submit(event);
    if (written.isEmpty()) {
      return false;
    }
    try {
      written.get().get(WRITE_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (ExecutionException | TimeoutException | RuntimeException e) {
      log.warn("could not journal event {} of {}", event.eventId(), event.sender().id(), e);
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /**
   * Like {@link #record}, without waiting for the write: for a platform that does not redeliver
   * (Discord), where waiting would only hold up its event thread. The event may be handled before
   * its entry is written; the entry then counts as handled at once.
   */
  public void recordSoon(Inbound event) {
    submit(event)
        .ifPresent(
            written ->
                written.exceptionally(
                    e -> {
                      log.warn(
                          "could not journal event {} of {}",
                          event.eventId(),
                          event.sender().id(),
                          e);
                      return null;
                    }));
  }

  /** Queues {@code event}'s entry; empty for an event the journal does not keep. */
  private Optional<CompletableFuture<Void>> submit(Inbound event) {
    String kind;
    String edited = null;
    String text;
    if (event instanceof Inbound.Message message) {
      kind = "message";
      text = message.text();
    } else if (event instanceof Inbound.Edit edit) {
      kind = "edit";
      edited = edit.editedEventId();
      text = edit.text();
    } else {
      return Optional.empty();
    }
    Sender sender = event.sender();
    Entry entry =
        new Entry(
            sender.id().value(),
            event.eventId(),
            kind,
            edited,
            text,
            sender.displayName(),
            sender.zone().map(ZoneId::getId).orElse(null),
            clock.instant().toEpochMilli());
    return Optional.of(writes().submit(entry));
  }

  /** How long {@link #record} waits for its entry to be committed before it gives up on it. */
  private static final Duration WRITE_PATIENCE = Duration.ofSeconds(5);

  /** One journal row. */
  private record Entry(
      String user,
      String eventId,
      String kind,
      String editedEventId,
      String text,
      String displayName,
      String zone,
      long receivedAt) {}

  private WriteBatcher<Entry> writes;

  /** The batcher of {@link #record}, started with the first entry. */
  private synchronized WriteBatcher<Entry> writes() {
    if (writes == null) {
      writes = new WriteBatcher<>(database, "coach-journal-writes", 200, InboundJournal::insert);
    }
    return writes;
  }

  private static void insert(Handle handle, List<Entry> entries) {
    PreparedBatch batch =
        handle.prepareBatch(
            "INSERT INTO inbound_journal (user_id, event_id, kind, edited_event_id, text,"
                + " display_name, time_zone, received_at) VALUES (:user, :event, :kind, :edited,"
                + " :text, :name, :zone, :at) ON CONFLICT (user_id, event_id) DO NOTHING");
    for (Entry e : entries) {
      batch
          .bind("user", e.user())
          .bind("event", e.eventId())
          .bind("kind", e.kind())
          .bind("edited", e.editedEventId())
          .bind("text", e.text())
          .bind("name", e.displayName())
          .bind("zone", e.zone())
          .bind("at", e.receivedAt())
          .add();
    }
    batch.execute();
  }

  /**
   * Replays this platform's entries ("slack", "discord") through {@code replayer}, which queues the
   * event as if it had just arrived. On a sole instance already started, the platform's unhandled
   * entries are handed to {@code replayer} before this returns: register before connecting.
   */
  public synchronized void register(String platform, Consumer<Inbound> replayer) {
    replayers.put(platform, replayer);
    if (worker != null && sole) {
      replayAtStart(platform);
    }
  }

  public void unregister(String platform) {
    replayers.remove(platform);
  }

  /**
   * Replays what a previous run left unhandled, then sweeps every {@link Settings#poll}: {@code
   * sole} is true when this is the only instance on the database, and then every unhandled entry of
   * the registered platforms is replayed before this returns, however new, and a platform's that
   * registers later as it registers; so they are queued ahead of events that arrive later.
   */
  public synchronized void start(boolean sole) {
    if (worker != null) {
      return;
    }
    this.sole = sole;
    if (sole) {
      replayers.keySet().forEach(this::replayAtStart);
    }
    worker = Sweeper.start("coach-journal", settings.poll(), this::sweep);
  }

  /** Replays every unhandled entry of {@code platform}, however new (a sole instance's start). */
  private void replayAtStart(String platform) {
    int replayed = safely(() -> replay(Duration.ZERO, platform));
    if (replayed > 0) {
      log.info(
          "{} messages a previous run had not handled are being handled now ({})",
          replayed,
          platform);
    }
  }

  /**
   * One round: deletes handled entries, forgets events handled over {@link ProcessedEvents#KEEP}
   * ago, then replays the unhandled entries that have settled.
   */
  void sweep() {
    safely(this::prune);
    safely(this::forgetOldEvents);
    int replayed = safely(() -> replay(settings.settle()));
    if (replayed > 0) {
      log.warn(
          "{} messages were not handled within {} s of arriving; handling them now",
          replayed,
          settings.settle().toSeconds());
    }
  }

  private int safely(java.util.function.IntSupplier work) {
    try {
      return work.getAsInt();
    } catch (RuntimeException e) {
      log.error("the inbound journal's sweep failed; it runs again later", e);
      return 0;
    }
  }

  /**
   * Hands each unhandled entry older than {@code settle} whose platform is registered to its
   * replayer, oldest first, counting the replay; returns how many.
   */
  int replay(Duration settle) {
    return replay(settle, null);
  }

  /** Like {@link #replay(Duration)}, only for {@code platform}'s users when it is not null. */
  private int replay(Duration settle, String platform) {
    Instant before = clock.instant().minus(settle);
    List<Inbound> due =
        database.withHandle(
            h ->
                h.createQuery(
                        "SELECT j.* FROM inbound_journal j WHERE j.received_at <= :before AND"
                            + " j.attempts < :max AND j.user_id LIKE :platform AND NOT EXISTS"
                            + " (SELECT 1 FROM processed_events p WHERE p.user_id = j.user_id AND"
                            + " p.event_id = j.event_id) ORDER BY j.received_at LIMIT :limit")
                    .bind("before", before.toEpochMilli())
                    .bind("platform", platform == null ? "%" : platform + ":%")
                    .bind("max", settings.maxReplays())
                    .bind("limit", BATCH)
                    .map((rs, ctx) -> entry(rs))
                    .list());
    int replayed = 0;
    for (Inbound event : due) {
      Consumer<Inbound> replayer = replayers.get(event.sender().id().platform());
      if (replayer == null) {
        continue; // that platform is not connected on this instance
      }
      database.inTransaction(h -> counted(h, event));
      replayer.accept(event);
      replayed++;
    }
    return replayed;
  }

  private static int counted(Handle h, Inbound event) {
    return h.createUpdate(
            "UPDATE inbound_journal SET attempts = attempts + 1 WHERE user_id = :user AND"
                + " event_id = :event")
        .bind("user", event.sender().id().value())
        .bind("event", event.eventId())
        .execute();
  }

  /** Deletes handled entries, and unhandled ones older than {@link Settings#keep}. */
  int prune() {
    long old = clock.instant().minus(settings.keep()).toEpochMilli();
    return database.inTransaction(
        h ->
            h.createUpdate(
                    "DELETE FROM inbound_journal WHERE received_at < :old OR EXISTS (SELECT 1"
                        + " FROM processed_events p WHERE p.user_id = inbound_journal.user_id AND"
                        + " p.event_id = inbound_journal.event_id)")
                .bind("old", old)
                .execute());
  }

  /** Events forgotten per transaction, and transactions per sweep at most. */
  private static final int FORGET_BATCH = 1000;

  private static final int FORGET_BATCHES = 10;

  /**
   * Forgets events handled longer than {@link ProcessedEvents#KEEP} ago, so the table that makes
   * handling idempotent does not grow without end; returns how many.
   */
  int forgetOldEvents() {
    java.time.Instant before = clock.instant().minus(ProcessedEvents.KEEP);
    int forgotten = 0;
    for (int batch = 0; batch < FORGET_BATCHES; batch++) {
      int deleted =
          database.inTransaction(h -> events.forgetHandledBefore(h, before, FORGET_BATCH));
      forgotten += deleted;
      if (deleted < FORGET_BATCH) {
        break;
      }
    }
    return forgotten;
  }

  private static Inbound entry(java.sql.ResultSet rs) throws java.sql.SQLException {
    Sender sender =
        new Sender(
            UserId.parse(rs.getString("user_id")),
            rs.getString("display_name"),
            zone(rs.getString("time_zone")));
    String eventId = rs.getString("event_id");
    String text = rs.getString("text");
    return "edit".equals(rs.getString("kind"))
        ? new Inbound.Edit(sender, eventId, rs.getString("edited_event_id"), text)
        : new Inbound.Message(sender, eventId, text);
  }

  private static Optional<ZoneId> zone(String id) {
    if (id == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(id));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }

  /** Entries not yet handled, for metrics and tests. */
  public int unhandled() {
    return database.withHandle(
        h ->
            h.createQuery(
                    "SELECT COUNT(*) FROM inbound_journal j WHERE NOT EXISTS (SELECT 1 FROM"
                        + " processed_events p WHERE p.user_id = j.user_id AND p.event_id ="
                        + " j.event_id)")
                .mapTo(Integer.class)
                .one());
  }

  /** Stops the sweep, letting a running one finish for a few seconds, and the entries' writer. */
  @Override
  public void close() {
    Sweeper running;
    WriteBatcher<Entry> writer;
    synchronized (this) {
      running = worker;
      worker = null;
      writer = writes; // kept: a record after close fails at once instead of starting a writer
    }
    if (writer != null) {
      writer.close();
    }
    if (running != null) {
      running.stop(Duration.ofSeconds(5));
    }
  }
}
