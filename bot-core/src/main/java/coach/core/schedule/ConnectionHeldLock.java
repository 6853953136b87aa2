package coach.core.schedule;

import java.sql.Connection;
import org.quartz.impl.jdbcjobstore.Semaphore;

/**
 * Quartz's lock handler on SQLite. There every job store connection holds the database's writer
 * lock from borrowing to closing ({@link coach.core.storage.Database#schedulerConnections()}),
 * which already keeps the job store's transactions apart from each other and from the
 * application's. So this handler asks Quartz to take the connection first and adds no lock of its
 * own: with Quartz's default in-memory semaphore the two locks would be taken in either order (the
 * misfire handler takes the connection first, scheduling takes the semaphore first) and could
 * deadlock.
 */
public final class ConnectionHeldLock implements Semaphore {

  @Override
  public boolean obtainLock(Connection conn, String lockName) {
    return true;
  }

  @Override
  public void releaseLock(String lockName) {}

  @Override
  public boolean requiresConnection() {
    return true;
  }
}
