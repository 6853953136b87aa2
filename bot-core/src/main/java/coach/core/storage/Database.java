package coach.core.storage;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.jdbi.v3.core.Handle;
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
   * SQLite allows one writer at a time. Writers queue on this fair lock instead of in SQLite's busy
   * handler, which sleeps in growing steps and turns contention into long tail latency. Null for
   * PostgreSQL, whose writers run in parallel.
   */
  private final ReentrantLock sqliteWriter;

  private Database(Kind kind, HikariDataSource dataSource) {
    this.kind = kind;
    this.dataSource = dataSource;
    this.jdbi = Jdbi.create(dataSource);
    this.sqliteWriter = kind == Kind.SQLITE ? new ReentrantLock(true) : null;
  }

  /**
   * Opens the database at {@code jdbcUrl} and migrates it. For SQLite the folder of the file is
   * created. Throws {@link StorageException} with one clear sentence when that fails.
   */
  public static Database open(String jdbcUrl) {
    Kind kind = kindOf(jdbcUrl);
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl(jdbcUrl);
    config.setPoolName("coach-db");
    config.setInitializationFailTimeout(-1);
    if (kind == Kind.SQLITE) {
      prepareSqliteFile(jdbcUrl);
      config.setMaximumPoolSize(4);
      config.addDataSourceProperty("journal_mode", "WAL");
      config.addDataSourceProperty("foreign_keys", "true");
      config.addDataSourceProperty("busy_timeout", "10000");
      config.addDataSourceProperty("synchronous", "FULL");
      config.addDataSourceProperty("transaction_mode", "IMMEDIATE");
    } else {
      config.setMaximumPoolSize(10);
    }
    HikariDataSource dataSource;
    try {
      dataSource = new HikariDataSource(config);
      try (var connection = dataSource.getConnection()) {
        connection.isValid(5);
      }
    } catch (SQLException | RuntimeException e) {
      throw new StorageException(
          "Cannot open the database " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    Database database = new Database(kind, dataSource);
    try {
      database.migrate();
    } catch (FlywayException e) {
      database.close();
      throw new StorageException(
          "Cannot update the database schema at " + redact(jdbcUrl) + ": " + rootMessage(e), e);
    }
    return database;
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
    String rest = jdbcUrl.substring("jdbc:sqlite:".length());
    int query = rest.indexOf('?');
    if (query >= 0) {
      rest = rest.substring(0, query);
    }
    if (rest.startsWith("file:")) {
      rest = rest.substring("file:".length());
    }
    if (rest.isEmpty() || rest.startsWith(":memory:") || rest.contains("mode=memory")) {
      return null;
    }
    return Path.of(rest);
  }

  private static void prepareSqliteFile(String jdbcUrl) {
    Path file = sqliteFile(jdbcUrl);
    if (file == null) {
      throw new StorageException(
          "An in-memory SQLite database would lose everything on exit; give COACH_DB_URL a file, "
              + "such as jdbc:sqlite:data/coach.db.");
    }
    Path folder = file.toAbsolutePath().getParent();
    try {
      Files.createDirectories(folder);
    } catch (IOException | SecurityException e) {
      throw new StorageException(
          "Cannot create the data folder " + folder + " (" + rootMessage(e) + ").", e);
    }
    if (!Files.isWritable(folder) || (Files.exists(file) && !Files.isWritable(file))) {
      throw new StorageException("The data folder " + folder + " is not writable.");
    }
  }

  private void migrate() {
    Flyway.configure()
        .dataSource(dataSource)
        .locations("classpath:db/migration")
        .failOnMissingLocations(true)
        .load()
        .migrate();
  }

  public Kind kind() {
    return kind;
  }

  public Jdbi jdbi() {
    return jdbi;
  }

  /**
   * Runs {@code work} in one transaction, committed when it returns and rolled back if it throws.
   */
  public <R, X extends Exception> R inTransaction(HandleCallback<R, X> work) throws X {
    if (sqliteWriter == null) {
      return jdbi.inTransaction(TransactionIsolationLevel.UNKNOWN, work);
    }
    sqliteWriter.lock();
    try {
      return jdbi.inTransaction(TransactionIsolationLevel.UNKNOWN, work);
    } finally {
      sqliteWriter.unlock();
    }
  }

  /** Runs read-only {@code work} on a handle. */
  public <R, X extends Exception> R withHandle(HandleCallback<R, X> work) throws X {
    return jdbi.withHandle(work);
  }

  /** Opens a raw handle; the caller closes it. */
  public Handle open() {
    return jdbi.open();
  }

  @Override
  public void close() {
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
    return message == null ? root.getClass().getSimpleName() : message.strip();
  }
}
