package coach.core.schedule;

import coach.core.storage.Database;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Properties;
import java.util.UUID;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.StdSchedulerFactory;
import org.quartz.utils.ConnectionProvider;
import org.quartz.utils.DBConnectionManager;

/**
 * How Coach's Quartz is configured: a JDBC job store in the application's own database (tables from
 * the migrations, connections from {@link Database#schedulerConnections()}), filed under a name
 * that must stay the same across restarts, with batched acquisition and a misfire threshold that
 * outlasts a burst of posts. On PostgreSQL the store is clustered; on SQLite it locks with {@link
 * ConnectionHeldLock}.
 */
final class QuartzSetup {

  private static final int THREADS = 8;
  private static final long MISFIRE_THRESHOLD_MS = Duration.ofMinutes(30).toMillis();

  private QuartzSetup() {}

  /** How far ahead of its instant Quartz may take a timer in a batch. */
  static final long FIRE_AHEAD_MILLIS = 1_000;

  /** Whether the scheduler on {@code database} shares its timers with other instances. */
  static boolean clustered(Database database) {
    return database.kind() == Database.Kind.POSTGRESQL;
  }

  /** A stopped scheduler on {@code database} whose timers are stored under {@code name}. */
  static Scheduler scheduler(Database database, String name, Scheduling.Options options) {
    String dataSourceName = "coach-" + name + "-" + UUID.randomUUID();
    DBConnectionManager.getInstance()
        .addConnectionProvider(dataSourceName, new PoolProvider(database));
    Properties p = new Properties();
    // Quartz files every timer under this name: it must stay the same across restarts.
    p.setProperty("org.quartz.scheduler.instanceName", "coach-" + name);
    p.setProperty("org.quartz.scheduler.instanceId", "AUTO");
    p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
    // Timers due together (many channels at one minute) are taken and marked fired in batches,
    // so the job store writes a few transactions per batch rather than per timer; the threads
    // overlap one post's platform call with the next one's database work. A batch may take a
    // timer up to FIRE_AHEAD_MILLIS early; the job then waits for the timer's instant.
    p.setProperty("org.quartz.threadPool.threadCount", String.valueOf(THREADS));
    p.setProperty("org.quartz.scheduler.batchTriggerAcquisitionMaxCount", String.valueOf(THREADS));
    p.setProperty(
        "org.quartz.scheduler.batchTriggerAcquisitionFireAheadTimeWindow",
        String.valueOf(FIRE_AHEAD_MILLIS));
    p.setProperty("org.quartz.jobStore.class", "org.quartz.impl.jdbcjobstore.JobStoreTX");
    p.setProperty(
        "org.quartz.jobStore.driverDelegateClass",
        "org.quartz.impl.jdbcjobstore.PostgreSQLDelegate");
    p.setProperty("org.quartz.jobStore.dataSource", dataSourceName);
    p.setProperty("org.quartz.jobStore.tablePrefix", "QRTZ_");
    // A trigger later than this is "misfired": no longer taken by the normal acquisition but left
    // to a sweep that re-arms 20 at a time. Thousands of channels due at one minute take longer
    // than a minute to post at the platform's rate, so a short threshold turned the tail of every
    // such burst into misfires (5,000 channels: 28% slower than the rate allows). The jobs judge
    // lateness themselves from the instant each trigger carries, so the threshold only has to
    // outlast the longest burst.
    p.setProperty("org.quartz.jobStore.misfireThreshold", String.valueOf(MISFIRE_THRESHOLD_MS));
    p.setProperty("org.quartz.jobStore.maxMisfiresToHandleAtATime", "200");
    boolean clustered = clustered(database);
    p.setProperty("org.quartz.jobStore.isClustered", String.valueOf(clustered));
    if (clustered) {
      p.setProperty(
          "org.quartz.jobStore.clusterCheckinInterval",
          String.valueOf(options.clusterCheckin().toMillis()));
      // batches are taken under the row lock, so two instances never take the same timer
      p.setProperty("org.quartz.jobStore.acquireTriggersWithinLock", "true");
    }
    if (database.kind() == Database.Kind.SQLITE) {
      p.setProperty("org.quartz.jobStore.lockHandler.class", ConnectionHeldLock.class.getName());
    }
    try {
      return new StdSchedulerFactory(p).getScheduler();
    } catch (SchedulerException e) {
      throw new IllegalStateException("could not create the scheduler: " + e.getMessage(), e);
    }
  }

  /** Hands Quartz the database's connections for the job store. */
  private record PoolProvider(Database database) implements ConnectionProvider {
    @Override
    public Connection getConnection() throws SQLException {
      return database.schedulerConnections().getConnection();
    }

    @Override
    public void shutdown() {}

    @Override
    public void initialize() {}
  }
}
