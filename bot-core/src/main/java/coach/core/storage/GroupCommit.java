package coach.core.storage;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * SQLite's single writer, with group commit. Writers queue on a fair lock. Each one's work runs in
 * a savepoint of a transaction that stays open while more writers wait, and one {@code COMMIT} (one
 * fsync) then makes the whole group durable. {@link #inTransaction} returns only after the commit
 * that holds its work, so a caller sees exactly what a transaction of its own would give: committed
 * on return, and rolled back, alone, when its work throws.
 *
 * <p>A group is committed when no writer waits, when it holds {@link #MAX_UNITS} units, or when it
 * is older than {@link #MAX_AGE}; so a lone writer commits at once, and under load the fsync's cost
 * is shared instead of paid per event. When the commit itself fails (disk full, I/O error), every
 * unit of the group fails with it.
 */
final class GroupCommit {

  /** Units in one group at most: bounds how long the first waits for the last. */
  static final int MAX_UNITS = 32;

  /** How long a group stays open at most, from its first unit. */
  static final Duration MAX_AGE = Duration.ofMillis(20);

  /**
   * How long a unit waits for its group's commit before committing it itself. Only a safety net:
   * the last writer of a group always commits it.
   */
  private static final Duration COMMIT_PATIENCE = Duration.ofSeconds(1);

  private final ReentrantLock lock = new ReentrantLock(true);
  private final Jdbi jdbi;

  /** The open group, or null; read and written under {@link #lock}. */
  private Group open;

  /** Commits so far, for tests and benchmarks. */
  private final java.util.concurrent.atomic.AtomicLong commits =
      new java.util.concurrent.atomic.AtomicLong();

  GroupCommit(Jdbi jdbi) {
    this.jdbi = jdbi;
  }

  /** One transaction's worth of units on one connection. */
  private static final class Group {
    final Handle handle;
    final long startedNanos = System.nanoTime();
    final CompletableFuture<Void> committed = new CompletableFuture<>();
    int units;

    Group(Handle handle) {
      this.handle = handle;
    }
  }

  /**
   * Runs {@code work} as one unit of a group; returns its result once the group is committed.
   * Throws what {@code work} throws (its unit rolled back, the group going on), or a {@link
   * StorageException} when the group's commit failed. A call nested in another's work joins that
   * unit's group and returns at once; the outer call waits for the commit.
   */
  <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    lock.lock();
    boolean nested = lock.getHoldCount() > 1;
    Group group;
    R result;
    try {
      group = open != null ? open : begin();
      try {
        result = unit(group, work, nested);
      } finally {
        if (!nested && open == group && shouldCommit(group)) {
          commit(group);
        }
      }
    } finally {
      lock.unlock();
    }
    if (!nested) {
      awaitCommit(group);
    }
    return result;
  }

  private Group begin() {
    Handle handle = jdbi.open();
    try {
      handle.execute("BEGIN IMMEDIATE");
    } catch (RuntimeException e) {
      handle.close();
      throw e;
    }
    open = new Group(handle);
    return open;
  }

  /** Runs {@code work} in a savepoint of {@code group}; on failure rolls back only that. */
  private <R, X extends Exception> R unit(Group group, HandleCallback<R, X> work, boolean nested)
      throws X {
    String savepoint = nested ? "nested_unit" + lock.getHoldCount() : "unit";
    group.handle.execute("SAVEPOINT " + savepoint);
    R result;
    try {
      result = work.withHandle(group.handle);
    } catch (Exception | Error e) {
      undo(group, savepoint, e);
      throw e;
    }
    group.handle.execute("RELEASE " + savepoint);
    if (!nested) {
      group.units++;
    }
    return result;
  }

  /**
   * Rolls back one failed unit. When SQLite already rolled back the whole transaction (some errors
   * do), the group's earlier units are lost too: the group fails as a whole.
   */
  private void undo(Group group, String savepoint, Throwable cause) {
    try {
      group.handle.execute("ROLLBACK TO " + savepoint);
      group.handle.execute("RELEASE " + savepoint);
      if (group.units == 0 && savepoint.equals("unit")) {
        // nothing of anyone's in the group: end it, so it does not hold SQLite's write lock
        finish(group, null, "ROLLBACK");
      }
    } catch (RuntimeException e) {
      cause.addSuppressed(e);
      fail(group, new StorageException("A database transaction was rolled back.", cause));
    }
  }

  private boolean shouldCommit(Group group) {
    return !lock.hasQueuedThreads()
        || group.units >= MAX_UNITS
        || System.nanoTime() - group.startedNanos >= MAX_AGE.toNanos();
  }

  /** Commits {@code group}; the caller holds the lock. */
  private void commit(Group group) {
    try {
      group.handle.execute("COMMIT");
    } catch (RuntimeException e) {
      fail(group, new StorageException("Could not commit to the database.", e));
      return;
    }
    commits.incrementAndGet();
    finish(group, null, null);
  }

  private void fail(Group group, StorageException failure) {
    try {
      group.handle.execute("ROLLBACK");
    } catch (RuntimeException ignored) {
      // already rolled back by SQLite
    }
    finish(group, failure, null);
  }

  /** Closes {@code group}'s connection, after {@code sql} if any, and tells its units. */
  private void finish(Group group, StorageException failure, String sql) {
    try {
      if (sql != null) {
        group.handle.execute(sql);
      }
    } finally {
      if (open == group) {
        open = null;
      }
      try {
        group.handle.close();
      } catch (RuntimeException e) {
        // the connection goes back to the pool either way; what was committed stays committed
      }
      if (failure == null) {
        group.committed.complete(null);
      } else {
        group.committed.completeExceptionally(failure);
      }
    }
  }

  private void awaitCommit(Group group) {
    while (true) {
      try {
        group.committed.get(COMMIT_PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
        return;
      } catch (TimeoutException e) {
        commitIfOpen(group);
      } catch (ExecutionException e) {
        throw (StorageException) e.getCause();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        commitIfOpen(group);
      }
    }
  }

  private void commitIfOpen(Group group) {
    lock.lock();
    try {
      if (open == group) {
        commit(group);
      }
    } finally {
      lock.unlock();
    }
  }

  /**
   * Takes the writer lock for work on another connection (the scheduler's job store), first
   * committing the open group so SQLite's write lock is free. Pair with {@link #unlockExclusive}.
   */
  void lockExclusive() {
    lock.lock();
    if (lock.getHoldCount() > 1) {
      lock.unlock();
      throw new IllegalStateException(
          "a write on another connection from inside a transaction would wait for itself");
    }
    try {
      if (open != null) {
        commit(open);
      }
    } catch (RuntimeException | Error e) {
      lock.unlock();
      throw e;
    }
  }

  void unlockExclusive() {
    lock.unlock();
  }

  /** How many groups were committed so far. */
  long commits() {
    return commits.get();
  }

  /** Whether a writer waits for the lock. */
  boolean writerWaiting() {
    return lock.hasQueuedThreads();
  }
}
