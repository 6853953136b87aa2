package coach.core.testing;

import coach.core.storage.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Databases for tests. {@link #open} gives a fresh SQLite file in a temporary folder, or, when the
 * build runs the tests again with {@code -Dcoach.test.database=postgresql} (the {@code postgresql}
 * execution in bot-core's POM), a fresh database on an embedded PostgreSQL, so the same tests check
 * both.
 */
public final class TestDatabases {
  private TestDatabases() {}

  private static final AtomicInteger NEXT = new AtomicInteger();

  public static String sqliteUrl(Path folder) {
    return "jdbc:sqlite:" + folder.resolve("coach.db");
  }

  /** Always SQLite, for tests about SQLite itself. */
  public static Database sqlite(Path folder) {
    return Database.open(sqliteUrl(folder));
  }

  /**
   * A fresh, migrated database of the kind this test run checks; opened again with the same folder,
   * the same database (a restart).
   */
  public static Database open(Path folder) {
    if ("postgresql".equals(System.getProperty("coach.test.database"))) {
      // the same folder is the same database: tests reopen it to play a restart
      return Database.open(
          Postgres.BY_FOLDER.computeIfAbsent(folder.toAbsolutePath(), f -> Postgres.fresh()));
    }
    return sqlite(folder);
  }

  /** The first column of every row {@code sql} returns, as text. */
  public static List<String> strings(Database database, String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
  }

  /** One embedded PostgreSQL for the whole run; each test gets a copy of a migrated template. */
  private static final class Postgres {
    private static final EmbeddedPostgres SERVER = start();
    private static final java.util.Map<Path, String> BY_FOLDER =
        new java.util.concurrent.ConcurrentHashMap<>();

    private static EmbeddedPostgres start() {
      try {
        EmbeddedPostgres server = EmbeddedPostgres.builder().start();
        Runtime.getRuntime()
            .addShutdownHook(
                new Thread(
                    () -> {
                      try {
                        server.close();
                      } catch (IOException e) {
                        // the JVM is going anyway
                      }
                    }));
        try (Connection c = server.getPostgresDatabase().getConnection();
            Statement s = c.createStatement()) {
          s.execute("CREATE DATABASE coach_template");
        }
        Database.open(server.getJdbcUrl("postgres", "coach_template")).close();
        return server;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    }

    static String fresh() {
      String name = "coach_" + NEXT.incrementAndGet();
      try (Connection c = SERVER.getPostgresDatabase().getConnection();
          Statement s = c.createStatement()) {
        s.execute("CREATE DATABASE " + name + " TEMPLATE coach_template");
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
      return SERVER.getJdbcUrl("postgres", name);
    }
  }
}
