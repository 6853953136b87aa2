package coach.core.storage;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Copies every row of Coach's tables from one database to another of the same schema version, for a
 * team that outgrows SQLite ({@code coach db copy}). The target must be empty; the copy is one
 * transaction on it, so it is all there or none of it. Values are converted to the target's column
 * types (SQLite keeps booleans as 0 and 1, PostgreSQL does not). Coach must be stopped meanwhile.
 */
public final class DatabaseCopy {

  /**
   * Every table, in the order the migrations create them, so every row's references are copied
   * before it.
   */
  static final List<String> TABLES =
      List.of(
          "users",
          "practice_sessions",
          "answers",
          "answer_concepts",
          "coverage_events",
          "processed_events",
          "corrections",
          "daily_schedules",
          "daily_skips",
          "daily_posts",
          "daily_answers",
          "custom_prompts",
          "qrtz_job_details",
          "qrtz_triggers",
          "qrtz_simple_triggers",
          "qrtz_cron_triggers",
          "qrtz_simprop_triggers",
          "qrtz_blob_triggers",
          "qrtz_calendars",
          "qrtz_paused_trigger_grps",
          "mock_sessions",
          "mock_rsvps",
          "mock_rounds",
          "mock_attendance",
          "mock_feedback",
          "mock_steps",
          "mock_outbox",
          "reply_outbox",
          "inbound_journal",
          "mock_reminder_prefs",
          "mock_avoid",
          "mock_notices");

  /** Not copied: a running scheduler's own bookkeeping, and the target's migration history. */
  static final Set<String> NOT_COPIED =
      Set.of("qrtz_fired_triggers", "qrtz_scheduler_state", "qrtz_locks", "flyway_schema_history");

  private static final int BATCH = 500;

  private DatabaseCopy() {}

  /**
   * Copies {@code from} into {@code to}; returns the rows copied by table, in copy order.
   *
   * @throws StorageException (one sentence) when the target already holds data, the schemas differ,
   *     or a table is not known here
   */
  public static Map<String, Long> copy(Database from, Database to) {
    if (!from.schemaVersion().equals(to.schemaVersion())) {
      throw new StorageException(
          "The two databases are at different schema versions ("
              + from.schemaVersion()
              + " and "
              + to.schemaVersion()
              + "); open both with this version of Coach first.");
    }
    Set<String> unknown = new TreeSet<>(tables(from));
    unknown.removeAll(TABLES);
    unknown.removeAll(NOT_COPIED);
    if (!unknown.isEmpty()) {
      throw new StorageException(
          "The source has tables this copy does not know: " + String.join(", ", unknown) + ".");
    }
    for (String table : TABLES) {
      if (count(to, table) > 0) {
        throw new StorageException(
            "The target database already holds data (table "
                + table
                + "); copy into a new, empty database.");
      }
    }
    return to.inTransaction(
        target ->
            from.withHandle(
                source -> {
                  Map<String, Long> copied = new LinkedHashMap<>();
                  for (String table : TABLES) {
                    try {
                      copied.put(
                          table, copyTable(source.getConnection(), target.getConnection(), table));
                    } catch (SQLException e) {
                      throw new StorageException(
                          "Copying the table " + table + " failed (" + e.getMessage() + ").", e);
                    }
                  }
                  return copied;
                }));
  }

  private static long copyTable(Connection source, Connection target, String table)
      throws SQLException {
    Map<String, Integer> targetTypes = new HashMap<>();
    try (Statement s = target.createStatement();
        ResultSet empty = s.executeQuery("SELECT * FROM " + table + " WHERE 1 = 0")) {
      ResultSetMetaData meta = empty.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        targetTypes.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getColumnType(i));
      }
    }
    long rows = 0;
    try (Statement s = source.createStatement();
        ResultSet in = s.executeQuery("SELECT * FROM " + table)) {
      ResultSetMetaData meta = in.getMetaData();
      List<String> columns = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnName(i).toLowerCase(Locale.ROOT));
      }
      String insert =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", columns)
              + ") VALUES ("
              + String.join(", ", columns.stream().map(c -> "?").toList())
              + ")";
      try (PreparedStatement out = target.prepareStatement(insert)) {
        while (in.next()) {
          for (int i = 0; i < columns.size(); i++) {
            Integer type = targetTypes.get(columns.get(i));
            if (type == null) {
              throw new StorageException(
                  "The target's table " + table + " has no column " + columns.get(i) + ".");
            }
            bind(out, i + 1, in, i + 1, type);
          }
          out.addBatch();
          if (++rows % BATCH == 0) {
            out.executeBatch();
          }
        }
        out.executeBatch();
      }
    }
    return rows;
  }

  /** Binds column {@code from} of the source row as the target column's {@code type}. */
  private static void bind(PreparedStatement out, int to, ResultSet in, int from, int type)
      throws SQLException {
    Object value = in.getObject(from);
    if (value == null) {
      out.setNull(to, type);
      return;
    }
    switch (type) {
      case Types.BOOLEAN, Types.BIT ->
          out.setBoolean(to, value instanceof Boolean b ? b : ((Number) value).longValue() != 0);
      case Types.BIGINT -> out.setLong(to, ((Number) value).longValue());
      case Types.INTEGER, Types.SMALLINT, Types.TINYINT ->
          out.setInt(to, ((Number) value).intValue());
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB ->
          out.setBytes(to, in.getBytes(from));
      case Types.VARCHAR, Types.CHAR, Types.LONGVARCHAR, Types.CLOB, Types.NVARCHAR ->
          out.setString(to, in.getString(from));
      default -> out.setObject(to, value);
    }
  }

  private static long count(Database database, String table) {
    return database.withHandle(
        h -> h.createQuery("SELECT COUNT(*) FROM " + table).mapTo(Long.class).one());
  }

  /** The database's table names, lower case. */
  private static Set<String> tables(Database database) {
    return database.withHandle(
        h -> {
          Set<String> names = new TreeSet<>();
          try (ResultSet rs =
              h.getConnection().getMetaData().getTables(null, null, "%", new String[] {"TABLE"})) {
            while (rs.next()) {
              String schema = rs.getString("TABLE_SCHEM");
              if (schema == null || schema.equalsIgnoreCase("public")) {
                names.add(rs.getString("TABLE_NAME").toLowerCase(Locale.ROOT));
              }
            }
          } catch (SQLException e) {
            throw new StorageException("Cannot list the tables (" + e.getMessage() + ").", e);
          }
          return names;
        });
  }
}
