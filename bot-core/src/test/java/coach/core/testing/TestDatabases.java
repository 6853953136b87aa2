package coach.core.testing;

import coach.core.storage.Database;
import java.nio.file.Path;
import java.util.List;

/** Databases for tests: a fresh SQLite file in a temporary folder. */
public final class TestDatabases {
  private TestDatabases() {}

  public static String sqliteUrl(Path folder) {
    return "jdbc:sqlite:" + folder.resolve("coach.db");
  }

  public static Database sqlite(Path folder) {
    return Database.open(sqliteUrl(folder));
  }

  /** The first column of every row {@code sql} returns, as text. */
  public static List<String> strings(Database database, String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapTo(String.class).list());
  }
}
