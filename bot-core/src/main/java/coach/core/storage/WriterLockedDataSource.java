package coach.core.storage;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Connections for a library that runs its own transactions on SQLite (the scheduler's job store),
 * queued with the application's writers: {@link #getConnection()} takes the SQLite writer lock
 * (which the writer thread holds only while a group is open) before it borrows a connection, and
 * the connection's {@code close()} gives it back. So the library's transactions never meet the
 * application's in SQLite's busy handler (which sleeps and then fails), and a thread waiting for
 * the lock never holds a pooled connection. Never write through one from inside {@link
 * Database#inTransaction} on SQLite: that transaction already holds SQLite's write lock, so the
 * second writer would wait for itself until the busy timeout.
 */
final class WriterLockedDataSource implements DataSource {

  private final DataSource pool;
  private final GroupCommit writer;

  WriterLockedDataSource(DataSource pool, GroupCommit writer) {
    this.pool = pool;
    this.writer = writer;
  }

  @Override
  public Connection getConnection() throws SQLException {
    writer.lockExclusive();
    try {
      return locked(pool.getConnection());
    } catch (SQLException | RuntimeException | Error e) {
      writer.unlockExclusive();
      throw e;
    }
  }

  @Override
  public Connection getConnection(String username, String password) throws SQLException {
    throw new SQLFeatureNotSupportedException("the pool's own credentials are used");
  }

  /** The connection, releasing the lock once when it is closed. */
  private Connection locked(Connection connection) {
    AtomicBoolean open = new AtomicBoolean(true);
    InvocationHandler handler =
        (proxy, method, args) -> {
          if (method.getName().equals("close") && method.getParameterCount() == 0) {
            try {
              connection.close();
            } finally {
              if (open.getAndSet(false)) {
                writer.unlockExclusive();
              }
            }
            return null;
          }
          return invoke(connection, method, args);
        };
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(), new Class<?>[] {Connection.class}, handler);
  }

  private static Object invoke(Connection connection, Method method, Object[] args)
      throws Throwable {
    try {
      return method.invoke(connection, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  @Override
  public PrintWriter getLogWriter() throws SQLException {
    return pool.getLogWriter();
  }

  @Override
  public void setLogWriter(PrintWriter out) throws SQLException {
    pool.setLogWriter(out);
  }

  @Override
  public void setLoginTimeout(int seconds) throws SQLException {
    pool.setLoginTimeout(seconds);
  }

  @Override
  public int getLoginTimeout() throws SQLException {
    return pool.getLoginTimeout();
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    return pool.getParentLogger();
  }

  @Override
  public <T> T unwrap(Class<T> iface) throws SQLException {
    throw new SQLException("not a wrapper for " + iface.getName());
  }

  @Override
  public boolean isWrapperFor(Class<?> iface) {
    return false;
  }
}
