package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * On SQLite the scheduler's job store gets connections that queue with the application's writers
 * instead of meeting them in SQLite's busy handler.
 */
class SchedulerConnectionsTest {

  @TempDir Path folder;

  @Test
  void aTransactionWaitsWhileTheSchedulerHoldsAConnection() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      CountDownLatch started = new CountDownLatch(1);
      CompletableFuture<Void> writer;
      try (Connection scheduler = db.schedulerConnections().getConnection()) {
        writer =
            CompletableFuture.runAsync(
                () ->
                    db.inTransaction(
                        h -> {
                          started.countDown();
                          return h.execute(
                              "INSERT INTO users (id, display_name, time_zone, created_at,"
                                  + " updated_at) VALUES ('console:a', 'a', 'UTC', 0, 0)");
                        }));
        // the application's transaction has not begun while the connection is out
        assertThat(started.await(300, TimeUnit.MILLISECONDS)).isFalse();
      }
      writer.get(10, TimeUnit.SECONDS);
      assertThat(started.getCount()).isZero();
      assertThat(userCount(db)).isEqualTo(1);
    }
  }

  @Test
  void theSchedulerHasConnectionsOfItsOwn() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      List<Connection> handlers = new ArrayList<>();
      try {
        // every connection the event handlers have is out (the pool holds eight)
        for (int i = 0; i < 8; i++) {
          handlers.add(db.dataSource().getConnection());
        }
        try (Connection scheduler = db.schedulerConnections().getConnection()) {
          assertThat(scheduler.isValid(1)).isTrue();
        }
      } finally {
        for (Connection connection : handlers) {
          connection.close();
        }
      }
    }
  }

  @Test
  void closingAConnectionTwiceReleasesTheWriterOnce() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      Connection scheduler = db.schedulerConnections().getConnection();
      scheduler.close();
      scheduler.close();
      // a transaction on another thread runs: the lock is free, and not over-released
      CompletableFuture.runAsync(() -> db.inTransaction(h -> h.execute("SELECT 1")))
          .get(10, TimeUnit.SECONDS);
    }
  }

  private static int userCount(Database db) {
    return db.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM users").mapTo(int.class).one());
  }
}
