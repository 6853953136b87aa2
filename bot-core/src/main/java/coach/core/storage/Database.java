package coach.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.transaction.TransactionIsolationLevel;

/**
 * The database: a connection pool, JDBI on top, and the schema migrated at open. SQLite runs in WAL
 * mode with foreign keys on, a busy timeout, full sync and immediate write transactions; PostgreSQL
 * runs the same migrations. Thread-safe; close it once at shutdown.
 */
public final class Database implements AutoCloseable {

  /** Which database engine a URL names. */
  public enum Kind {
    SQLITE,
    POSTGRESQL
  }

  private final Kind kind;
  private final HikariDataSource dataSource;
  private final Jdbi jdbi;

  /**
   * On SQLite, a pool of read-only connections ({@code PRAGMA query_only}) for {@link #withHandle},
   * so a write that bypasses {@link #inTransaction} and its writer queue fails at once instead of
   * contending in SQLite's busy handler; null on PostgreSQL, which reads from the main pool.
   */
  private final HikariDataSource readPool;

  private final Jdbi readJdbi;

  /**
   * Connections for the scheduler's job store: on SQLite, a pool of its own whose connections queue
   * behind {@link #sqliteWriter}; on PostgreSQL, the application's pool.
   */
  private final DataSource schedulerConnections;

  private List<String> applied = List.of();

  /** The scheduler's own SQLite pool, closed with the database; null when it shares the main. */
  private final HikariDataSource schedulerPool;

  /**
   * SQLite allows one writer at a time. Writes are handed to one writer thread instead of meeting
   * in SQLite's busy handler, which sleeps in growing steps and turns contention into long tail
   * latency; writes that queued together share one commit. Null for PostgreSQL, whose writers run
   * in parallel.
   */
  private final GroupCommit sqliteWriter;

  /** True when {@link #open} created the SQLite file: a new, empty history. */
  private final boolean created;

  /**
   * How long opening may wait for the database: the first connection, PostgreSQL's TCP connect and
   * its login. A wrong URL fails within a few seconds instead of Hikari's 30 s default.
   */
  static final int CONNECT_TIMEOUT_SECONDS = 5;

  private Database(
      Kind kind,
      HikariDataSource dataSource,
      HikariDataSource readPool,
      HikariDataSource schedulerPool,
      boolean created) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.readPool = readPool;
    this.readJdbi = readPool == null ? jdbi : Jdbi.create(readPool);
    this.sqliteWriter = kind == Kind.SQLITE ? new GroupCommit(dataSource) : null;
    this.schedulerPool = schedulerPool;
    this.schedulerConnections =
        kind == Kind.SQLITE
            ? new WriterLockedDataSource(
                schedulerPool == null ? dataSource : schedulerPool, sqliteWriter)
            : dataSource;
    this.created = created;
  }

  /**
   * Opens the database at {@code jdbcUrl} and migrates it. A SQLite file is created when missing
   * (see {@link #created()}), but never its folder: a missing folder is most likely a typo. Fails
   * within a few seconds, with a {@link StorageException} of one clear sentence, when the database
   * cannot be used: a folder where the file should be, a missing or read-only folder, a read-only
   * file, a server that does not answer.
   */
  public static Database open(String jdbcUrl) {
    return open(jdbcUrl, Schema.MIGRATE);
  }

  /** What opening does with the schema. */
  public enum Schema {
    /** Applies the migrations the database lacks. */
    MIGRATE,
    /**
     * Applies nothing, and fails when the database lacks a migration or has one this version of
     * Coach does not know: for several instances, upgraded with {@code ./coach migrate} first.
     */
    CHECK
  }

  /** Like {@link #open(String)}, doing {@code schema} with the schema. */
  public static Database open(String jdbcUrl, Schema schema) {
    Kind kind = kindOf(jdbcUrl);
    HikariConfig config = poolConfig(jdbcUrl, "coach-db");
    boolean created = false;
    HikariDataSource schedulerPool = null;
    HikariDataSource readPool = null;
    if (kind == Kind.SQLITE) {
      created = SqliteFile.prepare(jdbcUrl);
      // Room for the scheduler's jobs beside the event handlers'; writers still queue.
      config.setMaximumPoolSize(8);
      sqliteProperties(config, true);
    } else {
      config.setMaximumPoolSize(10);
      // In seconds; parameters in the URL take precedence.
      config.addDataSourceProperty("connectTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
      config.addDataSourceProperty("loginTimeout", String.valueOf(CONNECT_TIMEOUT_SECONDS));
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
      try (var connection = dataSource.getConnection()) {
        connection.isValid(CONNECT_TIMEOUT_SECONDS);
      }
      if (kind == Kind.SQLITE && sqliteFile(jdbcUrl) != null) {
        // The job store's transactions hold the writer lock while they run; with a pool of their
        // own they never wait for a connection while holding it, nor take one the handlers need.
        HikariConfig scheduler = poolConfig(jdbcUrl, "coach-db-scheduler");
        scheduler.setMaximumPoolSize(SCHEDULER_POOL_SIZE);
        sqliteProperties(scheduler, true);
        schedulerPool = new HikariDataSource(scheduler);
        HikariConfig readers = poolConfig(jdbcUrl, "coach-db-read");
        readers.setMaximumPoolSize(8);
        sqliteProperties(readers, false);
        readers.setConnectionInitSql("PRAGMA query_only = 1");
        readPool = new HikariDataSource(readers);
      }
    } catch (SQLException | RuntimeException e) {
      throw new StorageException(
          "Cannot open the database " + redact(jdbcUrl) + " (" + rootMessage(e) + ").", e);
    }
    Database database = new Database(kind, dataSource, readPool, schedulerPool, created);
    try {
      if (schema == Schema.MIGRATE) {
        database.migrate();
      } else {
        database.check(jdbcUrl);
      }
    } catch (StorageException e) {
      database.close();
      throw e;
    } catch (FlywayException e) {
      database.close();
      throw new StorageException(
          "Cannot update the database schema at " + redact(jdbcUrl) + " (" + rootMessage(e) + ").",
          e);
    }
    return database;
  }

  /**
   * Connections the scheduler's job store may hold at once on SQLite: only the thread holding the
   * writer lock borrows, so one would do; the second is slack for a job store call that nests.
   */
  static final int SCHEDULER_POOL_SIZE = 2;

  private static HikariConfig poolConfig(String jdbcUrl, String name) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName(name);
    // Try the first connection once, at once, instead of retrying until connectionTimeout.
    config.setInitializationFailTimeout(1);
    config.setConnectionTimeout(CONNECT_TIMEOUT_SECONDS * 1000L);
    return config;
  }

  private static void sqliteProperties(HikariConfig config, boolean writes) {
    config.addDataSourceProperty("journal_mode", "WAL");
    config.addDataSourceProperty("foreign_keys", "true");
    config.addDataSourceProperty("busy_timeout", "10000");
    if (writes) {
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    }
  }

  /** The engine behind a JDBC URL; anything but SQLite and PostgreSQL is refused. */
  public static Kind kindOf(String jdbcUrl) {
    String lower = jdbcUrl == null ? "" : jdbcUrl.toLowerCase(Locale.ROOT);
    if (lower.startsWith("jdbc:sqlite:")) {
      return Kind.SQLITE;
    }
    if (lower.startsWith("jdbc:postgresql:")) {
      return Kind.POSTGRESQL;
    }
    throw new StorageException(
        "COACH_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, not '"
            + redact(jdbcUrl)
            + "'.");
  }

  /** The file behind a SQLite URL, or null for an in-memory database. */
  public static Path sqliteFile(String jdbcUrl) {
    return SqliteFile.of(jdbcUrl);
  }

  private Flyway flyway() {
    return Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load();
  }

  private void migrate() {
    applied =
        flyway().migrate().migrations.stream()
            .map(m -> "V" + m.version + " " + m.description)
            .toList();
  }

  private void check(String jdbcUrl) {
    org.flywaydb.core.api.MigrationInfoService info = flyway().info();
    List<String> pending = Arrays.stream(info.pending()).map(m -> "V" + m.getVersion()).toList();
    if (!pending.isEmpty()) {
      throw new StorageException(
          "The database "
              + redact(jdbcUrl)
              + " lacks the migrations "
              + String.join(", ", pending)
              + " of this version of Coach; run ./coach migrate first.");
    }
    List<String> unknown =
        Arrays.stream(info.applied())
            .filter(m -> m.getState() == org.flywaydb.core.api.MigrationState.FUTURE_SUCCESS)
            .map(m -> "V" + m.getVersion())
            .toList();
    if (!unknown.isEmpty()) {
      throw new StorageException(
          "The database "
              + redact(jdbcUrl)
              + " has migrations this version of Coach does not know ("
              + String.join(", ", unknown)
              + "); run the newer Coach that applied them.");
    }
  }

  /** The migrations opening applied ("V9 Daily post lease"), oldest first; empty when none. */
  public List<String> applied() {
    return applied;
  }

  /** The schema's version: the latest migration applied. */
  public String schemaVersion() {
    org.flywaydb.core.api.MigrationInfo current = flyway().info().current();
    return current == null ? "none" : current.getVersion().toString();
  }

  /**
   * Within {@code handle}'s transaction, waits for and holds until it ends the lock of {@code key}
   * (a user's id): on PostgreSQL an advisory lock, so one user's events are handled one at a time
   * across every instance of Coach on the database; nothing on SQLite, whose single writer and one
   * process already order them.
   */
  public void lockInTransaction(org.jdbi.v3.core.Handle handle, String key) {
    if (kind == Kind.POSTGRESQL) {
      long id =
          java.util
              .UUID
              .nameUUIDFromBytes(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))
              .getMostSignificantBits();
      handle.createQuery("SELECT pg_advisory_xact_lock(:id)").bind("id", id).mapToMap().one();
    }
  }

  /** SQLite's writer queue, for tests in this package; null on PostgreSQL. */
  GroupCommit sqliteWriter() {
    return sqliteWriter;
  }

  public Kind kind() {
    return kind;
  }

  /** True when opening created the SQLite file, so the history is new and empty. */
  public boolean created() {
    return created;
  }

  /** The application's connection pool. */
  public DataSource dataSource() {
    return dataSource;
  }

  /**
   * Connections for a library that runs its own transactions (the scheduler's job store). On SQLite
   * each holds the writer lock from borrowing to closing, so its transactions queue with {@link
   * #inTransaction}'s instead of failing on a busy database; close each promptly.
   */
  public DataSource schedulerConnections() {
    return schedulerConnections;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Runs {@code work} in one transaction, committed when it returns and rolled back if it throws.
   * On SQLite, writers that queue together share one commit ({@link GroupCommit}); each still
   * returns only once its work is durable, and a failure rolls back only its own work.
   */
  public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    if (sqliteWriter == null) {
      return jdbi.inTransaction(TransactionIsolationLevel.UNKNOWN, work);
    }
    return sqliteWriter.inTransaction(work);
  }

  /**
   * Runs read-only {@code work} on a handle, outside any transaction. On SQLite the handle cannot
   * write (it fails with "attempt to write a readonly database"): every write belongs in {@link
   * #inTransaction}, which queues writers.
   */
  public <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
    return readJdbi.withHandle(work);
  }

  /** Commits what the writers queued (waiting up to ten seconds), then closes the pools. */
  @Override
  public void close() {
    if (sqliteWriter != null) {
      sqliteWriter.close();
    }
    if (schedulerPool != null) {
      schedulerPool.close();
    }
    if (readPool != null) {
      readPool.close();
    }
    dataSource.close();
  }

  /** The URL without user info or password parameters, safe to log. */
  public static String redact(String jdbcUrl) {
    if (jdbcUrl == null) {
      return "(none)";
    }
    return jdbcUrl
        .replaceAll("(?i)(password|pwd|secret|token)=[^&;]*", "$1=***")
        .replaceAll("//[^/@]*@", "//***@");
  }

  private static String rootMessage(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage();
    if (message == null) {
      return root.getClass().getSimpleName();
    }
    message = message.replaceAll("\\s+", " ").strip();
    return message.endsWith(".") ? message.substring(0, message.length() - 1) : message;
  }
}
