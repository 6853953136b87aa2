package coach.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.storage.Database;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reply outbox's frequent statements find their rows through an index instead of reading every
 * reply a user or the whole table ever had: at 500 events a second the table holds hundreds of
 * thousands of sent rows. Checked on SQLite's query plans (PostgreSQL's depend on its statistics).
 */
class ReplyOutboxPlanTest {

  @TempDir Path folder;

  private static List<String> plan(Database database, String sql, Map<String, Object> params) {
    return database.withHandle(
        h ->
            h.createQuery("EXPLAIN QUERY PLAN " + sql)
                .bindMap(params)
                .map((rs, ctx) -> rs.getString("detail"))
                .list());
  }

  @Test
  void aUsersPendingRepliesAreFoundThroughThePendingIndex() {
    try (Database database = TestDatabases.sqlite(folder)) {
      assertThat(plan(database, ReplyOutbox.PENDING_IDS, Map.of("user", "discord:1")))
          .containsExactly(
              "SEARCH reply_outbox USING INDEX reply_outbox_user_pending" + " (user_id=?)");
    }
  }

  @Test
  void deletingOldSentRepliesSearchesTheSentIndex() {
    try (Database database = TestDatabases.sqlite(folder)) {
      assertThat(plan(database, ReplyOutbox.PRUNE_SENT, Map.of("before", 1L, "limit", 1000)))
          .anySatisfy(
              line ->
                  assertThat(line)
                      .startsWith("SEARCH reply_outbox USING INDEX reply_outbox_sent_at"))
          .noneSatisfy(line -> assertThat(line).startsWith("SCAN"));
    }
  }

  @Test
  void theWorkersRoundReadsOnlyPendingReplies() {
    try (Database database = TestDatabases.sqlite(folder)) {
      assertThat(plan(database, ReplyOutbox.HEADS, Map.of("now", 1L, "limit", 200)))
          .contains(
              "SEARCH o USING INDEX reply_outbox_due (next_attempt_at<?)",
              "SEARCH p USING COVERING INDEX reply_outbox_user_pending (user_id=? AND seq<?)")
          .noneSatisfy(line -> assertThat(line).startsWith("SCAN"));
    }
  }
}
