package coach.core.storage;

import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jdbi.v3.core.statement.DefaultStatementBuilder;
import org.jdbi.v3.core.statement.StatementBuilder;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * Keeps prepared statements of one long-lived connection for reuse, so the same SQL is not parsed
 * and planned again on every call: SQLite's writer prepares a few dozen distinct statements a
 * hundred times a second. A statement is lent to one caller at a time; one asked for while its copy
 * is lent out (a query run inside another's result loop) is prepared anew, and only one copy is
 * kept on return. At most {@code capacity} idle statements are kept, the least recently returned
 * closed first. Statements that return generated keys or update in place are never kept. Not
 * thread-safe: for the connection's one thread.
 */
final class ReusedStatements implements StatementBuilder {

  private final StatementBuilder fresh = new DefaultStatementBuilder();
  private final int capacity;

  /** Idle statements by SQL, least recently returned first. */
  private final LinkedHashMap<String, PreparedStatement> idle = new LinkedHashMap<>();

  /**
   * Statements lent out and not yet returned, with the SQL each was prepared from: JDBI returns a
   * statement with the SQL as written (named parameters), not as prepared.
   */
  private final Map<Statement, String> lent = new IdentityHashMap<>();

  private long prepared;

  ReusedStatements(int capacity) {
    this.capacity = capacity;
  }

  @Override
  public Statement create(Connection conn, StatementContext ctx) throws SQLException {
    return fresh.create(conn, ctx);
  }

  @Override
  public PreparedStatement create(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    if (ctx.isReturningGeneratedKeys() || ctx.isConcurrentUpdatable()) {
      prepared++;
      return fresh.create(conn, sql, ctx);
    }
    PreparedStatement statement = idle.remove(sql);
    if (statement == null) {
      prepared++;
      statement = fresh.create(conn, sql, ctx);
    }
    lent.put(statement, sql);
    return statement;
  }

  @Override
  public CallableStatement createCall(Connection conn, String sql, StatementContext ctx)
      throws SQLException {
    return fresh.createCall(conn, sql, ctx);
  }

  /**
   * Takes {@code stmt} back, cleared of its parameters, for the next call with the same SQL; closes
   * it when it was never lent, or when another copy already waits.
   */
  @Override
  public void close(Connection conn, String written, Statement stmt) throws SQLException {
    if (stmt == null) {
      return;
    }
    String sql = lent.remove(stmt);
    if (sql == null
        || !(stmt instanceof PreparedStatement statement)
        || stmt.isClosed()
        || idle.containsKey(sql)) {
      stmt.close();
      return;
    }
    try {
      statement.clearParameters();
      statement.clearBatch();
    } catch (SQLException e) {
      stmt.close();
      throw e;
    }
    idle.put(sql, statement);
    if (idle.size() > capacity) {
      Iterator<PreparedStatement> oldest = idle.values().iterator();
      PreparedStatement evicted = oldest.next();
      oldest.remove();
      evicted.close();
    }
  }

  /** Keeps the idle statements: they belong to the connection, which outlives its handles. */
  @Override
  public void close(Connection conn) {
    // closeAll releases them, before the connection is closed
  }

  /** Closes every idle statement; call before the connection itself is closed. */
  void closeAll() {
    for (PreparedStatement statement : idle.values()) {
      try {
        statement.close();
      } catch (SQLException ignored) {
        // the connection is being closed anyway
      }
    }
    idle.clear();
    lent.clear();
  }

  /** How many statements were prepared so far, kept or not. */
  long prepared() {
    return prepared;
  }

  /** How many statements wait idle for reuse. */
  int idle() {
    return idle.size();
  }
}
