package coach.core.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import javax.sql.DataSource;
import org.jdbi.v3.core.ConnectionFactory;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The SQLite writer thread's connection. It is taken from the pool when first needed and kept
 * across groups with its prepared statements for reuse ({@link ReusedStatements}), and with
 * automatic WAL checkpoints off: a {@link WalCheckpointer} of its own does them off the commits.
 * After a failed transaction {@link #release} gives it back and the next group takes a fresh one.
 * {@link #open} and {@link #release} are for the writer thread only; {@link #close} stops the
 * checkpoints.
 */
final class WriterConnection implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WriterConnection.class);

  /** How often the log is checkpointed off the writer's commits. */
  static final Duration CHECKPOINT_EVERY = Duration.ofMillis(500);

  /** Idle prepared statements the connection keeps for reuse. */
  static final int KEPT_STATEMENTS = 256;

  private final DataSource dataSource;
  private final WalCheckpointer checkpointer;

  /** The connection, its statements, and JDBI on it; null until first needed. */
  private Connection connection;

  private ReusedStatements statements;
  private Jdbi connected;

  WriterConnection(DataSource dataSource) {
    this.dataSource = dataSource;
    this.checkpointer = new WalCheckpointer(dataSource, CHECKPOINT_EVERY);
  }

  /** A handle on the connection, taking one from the pool when there is none. */
  Handle open() throws SQLException {
    return connected().open();
  }

  private Jdbi connected() throws SQLException {
    if (connected == null) {
      Connection taken = dataSource.getConnection();
      try {
        WalCheckpointer.turnOffOn(taken);
      } catch (SQLException e) {
        taken.close();
        throw e;
      }
      ReusedStatements reused = new ReusedStatements(KEPT_STATEMENTS);
      Jdbi jdbi =
          Jdbi.create(
              new ConnectionFactory() {
                @Override
                public Connection openConnection() {
                  return taken;
                }

                @Override
                public void closeConnection(Connection toClose) {
                  // the writer keeps its connection across groups
                }
              });
      jdbi.setStatementBuilderFactory(c -> reused);
      connection = taken;
      statements = reused;
      connected = jdbi;
    }
    return connected;
  }

  /**
   * Gives the writer's connection back to the pool with its statements closed, after a failed
   * transaction (the next group takes a fresh one) or when the writer stops.
   */
  void release() {
    if (connection == null) {
      return;
    }
    statements.closeAll();
    try {
      WalCheckpointer.restoreOn(connection);
    } catch (SQLException e) {
      log.debug("restoring automatic checkpoints on the writer's connection failed", e);
    }
    try {
      connection.close();
    } catch (SQLException e) {
      log.debug("closing the writer's connection failed", e);
    }
    connection = null;
    statements = null;
    connected = null;
  }

  /** How many WAL checkpoints ran so far. */
  long checkpoints() {
    return checkpointer.checkpoints();
  }

  /** How many statements the connection prepared so far; 0 without one. */
  long statementsPrepared() {
    ReusedStatements current = statements;
    return current == null ? 0 : current.prepared();
  }

  /** Stops the checkpoints; the writer thread releases the connection as it stops. */
  @Override
  public void close() {
    checkpointer.close();
  }
}
