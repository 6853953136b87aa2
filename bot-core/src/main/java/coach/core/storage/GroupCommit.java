package coach.core.storage;

import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * SQLite's single writer, with group commit. Every {@link #inTransaction} hands its work to one
 * writer thread, which runs the work queued at that moment back to back, each unit in a savepoint
 * of one transaction, then commits once (one fsync) and tells each caller. {@link #inTransaction}
 * returns only after the commit that holds its work, so a caller sees exactly what a transaction of
 * its own would give: committed on return, and rolled back, alone, when its work throws.
 *
 * <p>Why a thread rather than a lock that each caller takes in turn: with a lock, every unit hands
 * SQLite's write lock to the next waiting thread, which on a busy machine first waits for a core;
 * those gaps were a fifth of the writer's time at 500 events/s. The writer thread never waits
 * between units. While it commits, the next units queue, and make the next group.
 *
 * <p>A group holds at most {@link #MAX_UNITS} units, which bounds how long the first waits for the
 * last. When the commit itself fails (disk full, I/O error), every unit of the group fails with it.
 * The writer's connection ({@link WriterConnection}) outlives groups until a transaction on it
 * fails. A unit runs on the writer thread with its caller's logging context; work it starts on
 * other threads must not wait for another transaction, which would queue behind it.
 */
public final class GroupCommit implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

  /** Units in one group at most: bounds how long the first waits for the last. */
  static final int MAX_UNITS = 32;

  /** How long {@link #close} waits for the queued units. */
  private static final Duration CLOSE_PATIENCE = Duration.ofSeconds(10);

  /**
   * Held by the writer thread while a group is open, and by {@link #lockExclusive} for writes on
   * other connections (the scheduler's job store), so only one of them writes at a time.
   */
  private final ReentrantLock lock = new ReentrantLock(true);

  private final WriterConnection connection;
  private final BlockingQueue<Unit<?>> queue = new LinkedBlockingQueue<>();
  private final Thread writer;
  private final AtomicLong commits = new AtomicLong();
  private volatile boolean closed;

  /** The open group's handle while the writer thread runs a unit, for nested calls. */
  private Handle current;

  GroupCommit(DataSource dataSource) {
    this.connection = new WriterConnection(dataSource);
    this.writer = new Thread(this::write, "coach-db-writer");
    writer.setDaemon(true);
    writer.start();
  }

  /** Wakes the writer thread to see it is closed. */
  private static final Unit<Void> WAKE_UP = new Unit<>(h -> null);

  /** One caller's work, and how it ended. */
  private static final class Unit<R> {
    final HandleCallback<R, ?> work;
    final Map<String, String> logContext = MDC.getCopyOfContextMap();
    final CompletableFuture<R> done = new CompletableFuture<>();
    R result;

    Unit(HandleCallback<R, ?> work) {
      this.work = work;
    }

    void run(Handle handle) throws Exception {
      if (logContext != null) {
        MDC.setContextMap(logContext);
      }
      try {
        result = work.withHandle(handle);
      } finally {
        MDC.clear();
      }
    }

    void committed() {
      done.complete(result);
    }
  }

  /**
   * Runs {@code work} as one unit of a group; returns its result once the group is committed.
   * Throws what {@code work} throws (its unit rolled back, the group going on), or a {@link
   * StorageException} when the group's commit failed. A call nested in another's work joins that
   * unit's group and returns at once; the outer call waits for the commit.
   *
   * @throws IllegalStateException when called by a thread holding {@link #lockExclusive}, which
   *     would wait for itself
   */
  <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    if (Thread.currentThread() == writer) {
      return nested(work);
    }
    if (lock.isHeldByCurrentThread()) {
      throw new IllegalStateException(
          "a transaction from a thread writing on another connection would wait for itself");
    }
    if (closed) {
      throw new StorageException("The database is closed.");
    }
    Unit<R> unit = new Unit<>(work);
    queue.add(unit);
    return awaitDone(unit);
  }

  /**
   * Waits for {@code unit} however often interrupted (it may already be committed), or until the
   * writer thread has stopped without it.
   */
  private <R, X extends Exception> R awaitDone(Unit<R> unit) throws X {
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return unit.done.get(1, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
          if (!writer.isAlive()) {
            unit.done.completeExceptionally(new StorageException("The database is closed."));
          }
        } catch (InterruptedException e) {
          interrupted = true;
        } catch (ExecutionException e) {
          throw GroupCommit.<X>rethrow(e.getCause());
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  @SuppressWarnings("unchecked")
  private static <X extends Exception> X rethrow(Throwable cause) throws X {
    if (cause instanceof Error error) {
      throw error;
    }
    throw (X) cause;
  }

  /** A call from inside a unit: a savepoint of its own within the open group. */
  private <R, X extends Exception> R nested(HandleCallback<R, X> work) throws X {
    Handle handle = current;
    if (handle == null) {
      throw new IllegalStateException("no open group on the writer thread");
    }
    String savepoint = "nested_unit";
    handle.execute("SAVEPOINT " + savepoint);
    R result;
    try {
      result = work.withHandle(handle);
    } catch (Exception | Error e) {
      handle.execute("ROLLBACK TO " + savepoint);
      handle.execute("RELEASE " + savepoint);
      throw e;
    }
    handle.execute("RELEASE " + savepoint);
    return result;
  }

  /** The writer thread: one group at a time, until closed and drained. */
  private void write() {
    while (true) {
      Unit<?> first;
      try {
        first = queue.poll(100, TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        first = null;
      }
      if (first == null || first == WAKE_UP) {
        if (closed && queue.isEmpty()) {
          connection.release();
          return;
        }
        continue;
      }
      lock.lock();
      try {
        group(first);
      } catch (RuntimeException | Error e) {
        log.error("the database writer failed a group", e);
      } finally {
        lock.unlock();
      }
    }
  }

  /**
   * Runs {@code first} and the units queued behind it (up to {@link #MAX_UNITS}) in one
   * transaction, and commits it. A unit that throws is rolled back alone and told at once; the
   * others are told once the commit is done.
   */
  private void group(Unit<?> first) {
    List<Unit<?>> done = new ArrayList<>();
    Handle handle;
    try {
      handle = connection.open();
      handle.execute("BEGIN IMMEDIATE");
    } catch (SQLException | RuntimeException e) {
      connection.release();
      fail(List.of(first), new StorageException("Could not start a database transaction.", e));
      return;
    }
    current = handle;
    try {
      Unit<?> unit = first;
      while (unit != null) {
        if (!runUnit(handle, unit)) {
          // SQLite rolled the whole transaction back: the units before are lost too
          fail(done, new StorageException("A database transaction was rolled back."));
          connection.release();
          return;
        }
        if (unit.done.isDone()) {
          unit = next(done);
          continue;
        }
        done.add(unit);
        unit = next(done);
      }
      if (done.isEmpty()) {
        handle.execute("ROLLBACK");
        return;
      }
      try {
        handle.execute("COMMIT");
      } catch (RuntimeException e) {
        rollbackQuietly(handle);
        fail(done, new StorageException("Could not commit to the database.", e));
        connection.release();
        return;
      }
      commits.incrementAndGet();
      done.forEach(Unit::committed);
    } finally {
      current = null;
      closeQuietly(handle);
    }
  }

  /**
   * The next queued unit for a group holding {@code done}, or null when it is full or none waits.
   */
  private Unit<?> next(List<Unit<?>> done) {
    if (done.size() >= MAX_UNITS) {
      return null;
    }
    Unit<?> unit = queue.poll();
    return unit == WAKE_UP ? queue.poll() : unit;
  }

  /**
   * Runs one unit in a savepoint. When its work throws, rolls back to the savepoint and fails the
   * unit with what it threw. Returns false when the transaction as a whole is gone.
   */
  private boolean runUnit(Handle handle, Unit<?> unit) {
    try {
      handle.execute("SAVEPOINT unit");
    } catch (RuntimeException e) {
      unit.done.completeExceptionally(new StorageException("A database write failed.", e));
      return false;
    }
    try {
      unit.run(handle);
    } catch (Exception | Error e) {
      try {
        handle.execute("ROLLBACK TO unit");
        handle.execute("RELEASE unit");
      } catch (RuntimeException undo) {
        e.addSuppressed(undo);
        unit.done.completeExceptionally(e);
        rollbackQuietly(handle);
        return false;
      }
      unit.done.completeExceptionally(e);
      return true;
    }
    try {
      handle.execute("RELEASE unit");
    } catch (RuntimeException e) {
      unit.done.completeExceptionally(new StorageException("A database write failed.", e));
      rollbackQuietly(handle);
      return false;
    }
    return true;
  }

  private static void fail(List<Unit<?>> units, StorageException failure) {
    units.forEach(u -> u.done.completeExceptionally(failure));
  }

  private static void rollbackQuietly(Handle handle) {
    try {
      handle.execute("ROLLBACK");
    } catch (RuntimeException ignored) {
      // already rolled back by SQLite
    }
  }

  private static void closeQuietly(Handle handle) {
    try {
      handle.close();
    } catch (RuntimeException e) {
      // the connection stays with the writer; what was committed stays committed
    }
  }

  /** How many WAL checkpoints ran off the writer's commits so far. */
  long checkpoints() {
    return connection.checkpoints();
  }

  /** How many statements the writer's connection prepared so far; 0 without one. */
  long statementsPrepared() {
    return connection.statementsPrepared();
  }

  /**
   * Takes the writer lock for work on another connection (the scheduler's job store), once the
   * writer thread's group is committed. Pair with {@link #unlockExclusive}.
   *
   * @throws IllegalStateException on the writer thread, which would wait for itself
   */
  void lockExclusive() {
    if (Thread.currentThread() == writer) {
      throw new IllegalStateException(
          "a write on another connection from inside a transaction would wait for itself");
    }
    lock.lock();
  }

  void unlockExclusive() {
    lock.unlock();
  }

  /** How many groups were committed so far. */
  long commits() {
    return commits.get();
  }

  /** Whether a unit waits for the writer thread. */
  boolean writerWaiting() {
    return !queue.isEmpty();
  }

  /** Refuses new work, and waits (up to ten seconds) for the queued units to be committed. */
  @Override
  public void close() {
    closed = true;
    queue.add(WAKE_UP);
    try {
      writer.join(CLOSE_PATIENCE.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    connection.close();
    Unit<?> left;
    while ((left = queue.poll()) != null) {
      if (left != WAKE_UP) {
        left.done.completeExceptionally(new StorageException("The database is closed."));
      }
    }
  }
}
