package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.List;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One connection's statements are prepared once and lent to one caller at a time. */
class ReusedStatementsTest {

  private Connection connection;
  private ReusedStatements statements;
  private Jdbi jdbi;

  @BeforeEach
  void open() throws Exception {
    connection = DriverManager.getConnection("jdbc:sqlite::memory:");
    statements = new ReusedStatements(2);
    jdbi = Jdbi.create(connection);
    jdbi.setStatementBuilderFactory(c -> statements);
    try (Handle h = jdbi.open()) {
      h.execute("CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT NOT NULL)");
      for (int i = 1; i <= 3; i++) {
        h.createUpdate("INSERT INTO notes (id, body) VALUES (:id, :body)")
            .bind("id", i)
            .bind("body", "note " + i)
            .execute();
      }
    }
  }

  @AfterEach
  void close() throws Exception {
    statements.closeAll();
    connection.close();
  }

  @Test
  void theSameSqlRunAgainIsPreparedOnceAndSeesItsNewParameters() {
    long before = statements.prepared();
    List<String> bodies = new ArrayList<>();
    try (Handle h = jdbi.open()) {
      for (int id = 1; id <= 3; id++) {
        bodies.add(
            h.createQuery("SELECT body FROM notes WHERE id = :id")
                .bind("id", id)
                .mapTo(String.class)
                .one());
      }
    }
    assertThat(bodies).containsExactly("note 1", "note 2", "note 3");
    assertThat(statements.prepared() - before).isEqualTo(1);
  }

  @Test
  void aQueryRunInsideItsOwnResultLoopGetsACopyOfItsOwn() {
    List<String> pairs = new ArrayList<>();
    try (Handle h = jdbi.open()) {
      String sql = "SELECT id FROM notes WHERE id >= :from ORDER BY id";
      h.createQuery(sql)
          .bind("from", 2)
          .mapTo(Integer.class)
          .forEach(
              outer ->
                  h.createQuery(sql)
                      .bind("from", outer)
                      .mapTo(Integer.class)
                      .forEach(inner -> pairs.add(outer + "-" + inner)));
    }
    assertThat(pairs).containsExactly("2-2", "2-3", "3-3");
    assertThat(statements.idle()).isLessThanOrEqualTo(2);
  }

  @Test
  void beyondItsCapacityTheLeastRecentlyUsedStatementIsClosed() {
    try (Handle h = jdbi.open()) {
      for (String column : List.of("id", "body", "id + 1")) {
        h.createQuery("SELECT " + column + " FROM notes WHERE id = 1").mapToMap().one();
      }
      assertThat(statements.idle()).isEqualTo(2);
      long before = statements.prepared();
      h.createQuery("SELECT id + 1 FROM notes WHERE id = 1").mapToMap().one();
      assertThat(statements.prepared()).isEqualTo(before);
      h.createQuery("SELECT id FROM notes WHERE id = 1").mapToMap().one();
      assertThat(statements.prepared()).isEqualTo(before + 1);
    }
  }

  @Test
  void aStatementThatReturnsGeneratedKeysIsNeverKept() {
    int idleBefore = statements.idle();
    long preparedBefore = statements.prepared();
    try (Handle h = jdbi.open()) {
      for (int i = 0; i < 2; i++) {
        h.createUpdate("INSERT INTO notes (body) VALUES ('more')")
            .executeAndReturnGeneratedKeys("id")
            .mapTo(Long.class)
            .one();
      }
    }
    assertThat(statements.idle()).isEqualTo(idleBefore);
    assertThat(statements.prepared() - preparedBefore).isEqualTo(2);
  }
}
