package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rows many threads produce at once are written in shared transactions, each caller told when. */
class WriteBatcherTest {

  @TempDir Path folder;

  private static WriteBatcher<String> users(Database db) {
    return new WriteBatcher<>(
        db,
        "test-writes",
        50,
        (h, ids) -> {
          PreparedBatch batch =
              h.prepareBatch(
                  "INSERT INTO users (id, display_name, time_zone, created_at, updated_at)"
                      + " VALUES (:id, 'x', 'UTC', 0, 0)");
          ids.forEach(id -> batch.bind("id", id).add());
          batch.execute();
        });
  }

  @Test
  void whatIsQueuedTogetherIsCommittedTogetherAndEachCallerLearnsWhen() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      long before = db.sqliteWriter().commits();
      List<CompletableFuture<Void>> written = new ArrayList<>();
      try (WriteBatcher<String> batcher = users(db)) {
        for (int i = 0; i < 300; i++) {
          written.add(batcher.submit("console:u" + i));
        }
        for (CompletableFuture<Void> w : written) {
          w.get(10, TimeUnit.SECONDS);
        }
      }
      assertThat(TestDatabases.strings(db, "SELECT COUNT(*) FROM users")).containsExactly("300");
      // 300 rows, batches of at most 50: at least 6 commits, far fewer than one each
      assertThat(db.sqliteWriter().commits() - before).isBetween(6L, 60L);
    }
  }

  @Test
  void aFailedBatchFailsItsCallersAndTheNextBatchStillGoes() throws Exception {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder));
        WriteBatcher<String> batcher = users(db)) {
      batcher.submit("console:a").get(10, TimeUnit.SECONDS);
      CompletableFuture<Void> duplicate = batcher.submit("console:a");
      assertThatThrownBy(() -> duplicate.get(10, TimeUnit.SECONDS))
          .isInstanceOf(ExecutionException.class);
      batcher.submit("console:b").get(10, TimeUnit.SECONDS);
      assertThat(TestDatabases.strings(db, "SELECT id FROM users ORDER BY id"))
          .containsExactly("console:a", "console:b");
    }
  }

  @Test
  void afterCloseASubmissionFailsAtOnce() {
    try (Database db = Database.open(TestDatabases.sqliteUrl(folder))) {
      WriteBatcher<String> batcher = users(db);
      batcher.close();
      assertThat(batcher.submit("console:late")).isCompletedExceptionally();
    }
  }
}
