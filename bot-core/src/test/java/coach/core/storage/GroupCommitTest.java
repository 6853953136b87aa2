package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SQLite's writers share commits, yet each sees what a transaction of its own would give: its work
 * durable and visible to every connection when it returns, and rolled back alone when it throws.
 */
class GroupCommitTest {

  @TempDir Path folder;

  @Test
  void writersThatQueueTogetherShareCommitsAndEachReturnsOnlyOnceItsRowIsCommitted()
      throws Exception {
    int threads = 12;
    int each = 40;
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      long before = db.sqliteWriter().commits();
      AtomicInteger unseen = new AtomicInteger();
      ExecutorService pool = Executors.newFixedThreadPool(threads);
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = 0; i < each; i++) {
                    String id = "console:t" + thread + "-" + i;
                    db.inTransaction(h -> insertUser(h, id));
                    // read on another (read-only) connection: only committed rows show there
                    if (countUsers(db, id) != 1) {
                      unseen.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(60, TimeUnit.SECONDS);
      }
      pool.shutdown();

      assertThat(unseen).hasValue(0);
      assertThat(countUsers(db, null)).isEqualTo(threads * each);
      long commits = db.sqliteWriter().commits() - before;
      assertThat(commits).isLessThan(threads * each / 2);
    }
  }

  @Test
  void aUnitThatThrowsIsRolledBackAloneAndTheOtherUnitOfItsGroupIsCommitted() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      GroupCommit writer = db.sqliteWriter();
      long before = writer.commits();
      CompletableFuture<Void> second = new CompletableFuture<>();
      CompletableFuture<Integer> first =
          CompletableFuture.supplyAsync(
              () ->
                  db.inTransaction(
                      h -> {
                        insertUser(h, "console:first");
                        // the second writer queues behind this one, so the group stays open
                        CompletableFuture.runAsync(
                            () -> {
                              try {
                                db.inTransaction(
                                    h2 -> {
                                      insertUser(h2, "console:second");
                                      throw new IllegalStateException("the second unit fails");
                                    });
                              } catch (IllegalStateException e) {
                                second.complete(null);
                                return;
                              }
                              second.completeExceptionally(new AssertionError("it did not throw"));
                            });
                        while (!writer.writerWaiting()) {
                          Thread.onSpinWait();
                        }
                        return 1;
                      }));

      assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
      second.get(10, TimeUnit.SECONDS);
      assertThat(countUsers(db, "console:first")).isEqualTo(1);
      assertThat(countUsers(db, "console:second")).isZero();
      // the first unit was committed by the second writer's turn: one commit for the two
      assertThat(writer.commits() - before).isEqualTo(1);
    }
  }

  @Test
  void aNestedTransactionThatThrowsIsRolledBackWithoutTheOuterOne() {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      db.inTransaction(
          h -> {
            insertUser(h, "console:outer");
            assertThatThrownBy(
                    () ->
                        db.inTransaction(
                            inner -> {
                              insertUser(inner, "console:inner");
                              throw new IllegalStateException("inner fails");
                            }))
                .hasMessage("inner fails");
            return null;
          });
      assertThat(countUsers(db, "console:outer")).isEqualTo(1);
      assertThat(countUsers(db, "console:inner")).isZero();
    }
  }

  @Test
  void aWriteOutsideATransactionIsRefusedAndChangesNothing() {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      assertThatThrownBy(() -> db.withHandle(h -> insertUser(h, "console:stray")))
          .hasMessageContaining("readonly");
      assertThat(countUsers(db, null)).isZero();
      // and the writers are not stuck behind it
      db.inTransaction(h -> insertUser(h, "console:fine"));
      assertThat(countUsers(db, "console:fine")).isEqualTo(1);
    }
  }

  @Test
  void anInterruptedWriterStillGetsItsCommittedResult() {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      Thread.currentThread().interrupt();
      try {
        int inserted = db.inTransaction(h -> insertUser(h, "console:interrupted"));
        assertThat(inserted).isEqualTo(1);
        assertThat(Thread.currentThread().isInterrupted()).as("the interrupt is kept").isTrue();
      } finally {
        Thread.interrupted();
      }
      assertThat(countUsers(db, "console:interrupted")).isEqualTo(1);
    }
  }

  @Test
  void aTransactionFromAThreadHoldingTheSchedulersLockIsRefusedInsteadOfWaitingForItself()
      throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      try (var connection = db.schedulerConnections().getConnection()) {
        assertThatThrownBy(() -> db.inTransaction(h -> insertUser(h, "console:self")))
            .isInstanceOf(IllegalStateException.class)
            .hasMessageContaining("would wait for itself");
      }
      assertThat(countUsers(db, "console:self")).isZero();
      db.inTransaction(h -> insertUser(h, "console:after"));
      assertThat(countUsers(db, "console:after")).isEqualTo(1);
    }
  }

  @Test
  void closingCommitsWhatIsQueuedThenRefusesNewWork() throws Exception {
    Database db = Database.open(TestDatabases.sqliteUrl(folder));
    ExecutorService pool = Executors.newFixedThreadPool(4);
    List<Future<Integer>> writes = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      String id = "console:w" + i;
      writes.add(pool.submit(() -> db.inTransaction(h -> insertUser(h, id))));
    }
    while (writes.stream().filter(Future::isDone).count() < 4) {
      Thread.onSpinWait();
    }
    db.sqliteWriter().close();
    int committed = 0;
    for (Future<Integer> write : writes) {
      try {
        committed += write.get(10, TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        assertThat(e.getCause()).hasMessage("The database is closed.");
      }
    }
    pool.shutdown();
    assertThatThrownBy(() -> db.inTransaction(h -> insertUser(h, "console:late")))
        .hasMessage("The database is closed.");
    assertThat(countUsers(db, null)).isEqualTo(committed).isGreaterThanOrEqualTo(4);
    db.close();
  }

  @Test
  void theWriterPreparesEachStatementOnceAcrossGroupsAndFailedUnits() {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      GroupCommit writer = db.sqliteWriter();
      db.inTransaction(h -> insertUser(h, "console:warm"));
      long before = writer.statementsPrepared();
      for (int i = 0; i < 50; i++) {
        String id = "console:u" + i;
        db.inTransaction(h -> insertUser(h, id));
        assertThatThrownBy(() -> db.inTransaction(h -> insertUser(h, id)))
            .hasMessageContaining("UNIQUE");
      }
      assertThat(countUsers(db, null)).isEqualTo(51);
      // BEGIN, SAVEPOINT, RELEASE, ROLLBACK TO and COMMIT once each, not 50 times
      assertThat(writer.statementsPrepared() - before).isLessThanOrEqualTo(5);
    }
  }

  @Test
  void theLogIsCheckpointedOffTheWritersCommitsAndItsSpaceReused() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      // the writer's commits never copy the log back themselves
      int autoCheckpointPages =
          db.inTransaction(
              h -> h.createQuery("PRAGMA wal_autocheckpoint").mapTo(Integer.class).one());
      assertThat(autoCheckpointPages).isZero();
      int unused =
          db.inTransaction(
              h -> h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)"));
      Path wal = folder.resolve("coach.db-wal");
      writeNotes(db, 0);
      long afterFirst = java.nio.file.Files.size(wal);
      assertThat(afterFirst).as("the log holds the first batch").isGreaterThan(2_000_000);
      awaitFullCheckpoint(db);

      writeNotes(db, 1);
      // the checkpointed log is written again from its start instead of growing
      assertThat(java.nio.file.Files.size(wal)).isLessThanOrEqualTo(afterFirst + 100_000);
      assertThat(db.sqliteWriter().checkpoints()).isPositive();
    }
  }

  private static void writeNotes(Database db, int batch) {
    String body = "x".repeat(20_000);
    for (int i = 0; i < 150; i++) {
      int id = batch * 1000 + i;
      db.inTransaction(
          h ->
              h.createUpdate("INSERT INTO notes (id, body) VALUES (:id, :body)")
                  .bind("id", id)
                  .bind("body", body)
                  .execute());
    }
  }

  /** Waits until a checkpoint finds every page of the log already copied. */
  private static void awaitFullCheckpoint(Database db) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (System.nanoTime() < deadline) {
      long before = db.sqliteWriter().checkpoints();
      Thread.sleep(WriterConnection.CHECKPOINT_EVERY.toMillis() * 2);
      if (db.sqliteWriter().checkpoints() > before + 1) {
        return; // a checkpoint ran after the last write's, with no writer in between
      }
    }
    throw new AssertionError("no checkpoint within 10 s");
  }

  private static int insertUser(Handle h, String id) {
    return h.createUpdate(
            "INSERT INTO users (id, display_name, time_zone, created_at, updated_at)"
                + " VALUES (:id, 'x', 'UTC', 0, 0)")
        .bind("id", id)
        .execute();
  }

  private static int countUsers(Database db, String id) {
    return db.withHandle(
        h ->
            id == null
                ? h.createQuery("SELECT COUNT(*) FROM users").mapTo(Integer.class).one()
                : h.createQuery("SELECT COUNT(*) FROM users WHERE id = :id")
                    .bind("id", id)
                    .mapTo(Integer.class)
                    .one());
  }
}
