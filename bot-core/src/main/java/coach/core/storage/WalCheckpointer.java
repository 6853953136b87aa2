package coach.core.storage;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves SQLite's write-ahead log into the database file on a thread of its own, so the writer's
 * commits never do it. By default the connection whose commit makes the log pass 1,000 pages copies
 * it back then and there, with an fsync of the database file, while every queued writer waits; the
 * writer's connection turns that off ({@link #turnOffOn}) and this runs a {@code PASSIVE}
 * checkpoint every {@code every} instead, which copies what no reader still needs and waits for no
 * one. Writers go on meanwhile. Thread-safe; close it once.
 */
final class WalCheckpointer implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WalCheckpointer.class);

  /** SQLite's own threshold, restored on a connection that goes back to the pool. */
  private static final int DEFAULT_AUTO_CHECKPOINT_PAGES = 1000;

  private final DataSource dataSource;
  private final Duration every;
  private final Thread thread;
  private final AtomicLong checkpoints = new AtomicLong();
  private volatile boolean closed;

  WalCheckpointer(DataSource dataSource, Duration every) {
    this.dataSource = dataSource;
    this.every = every;
    this.thread = new Thread(this::run, "coach-db-checkpoint");
    thread.setDaemon(true);
    thread.start();
  }

  /** Stops automatic checkpoints on the writer's {@code connection}: this thread does them. */
  static void turnOffOn(Connection connection) throws SQLException {
    autoCheckpoint(connection, 0);
  }

  /** Restores SQLite's automatic checkpoints on {@code connection}, before it goes back. */
  static void restoreOn(Connection connection) throws SQLException {
    autoCheckpoint(connection, DEFAULT_AUTO_CHECKPOINT_PAGES);
  }

  private static void autoCheckpoint(Connection connection, int pages) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("PRAGMA wal_autocheckpoint = " + pages);
    }
  }

  private void run() {
    while (!closed) {
      try {
        Thread.sleep(every.toMillis());
      } catch (InterruptedException e) {
        if (closed) {
          return;
        }
      }
      checkpoint();
    }
  }

  /** One passive checkpoint; failures are logged and the next round tries again. */
  void checkpoint() {
    try (Connection connection = dataSource.getConnection();
        Statement statement = connection.createStatement();
        ResultSet result = statement.executeQuery("PRAGMA wal_checkpoint(PASSIVE)")) {
      if (result.next()) {
        checkpoints.incrementAndGet();
        log.trace(
            "WAL checkpoint: {} pages in the log, {} copied", result.getInt(2), result.getInt(3));
      }
    } catch (SQLException | RuntimeException e) {
      if (!closed) {
        log.warn("a WAL checkpoint failed; the next one tries again: {}", e.getMessage());
      }
    }
  }

  /** How many checkpoints ran so far. */
  long checkpoints() {
    return checkpoints.get();
  }

  /** Stops the thread; SQLite checkpoints what is left as the last connection closes. */
  @Override
  public void close() {
    closed = true;
    thread.interrupt();
    try {
      thread.join(5_000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
