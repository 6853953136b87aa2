package coach.core.storage;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;

/** The file behind a SQLite URL, and the checks made before opening it. */
final class SqliteFile {

  private SqliteFile() {}

  /** The file behind a SQLite URL, or null for an in-memory database. */
  static Path of(String jdbcUrl) {
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

  /**
   * Checks that the SQLite file can be created or written, without creating any folder; returns
   * true when the file does not exist yet.
   */
  static boolean prepare(String jdbcUrl) {
    Path file = of(jdbcUrl);
    if (file == null) {
      throw new StorageException(
          "An in-memory SQLite database would lose everything on exit; give COACH_DB_URL a file, "
              + "such as jdbc:sqlite:data/coach.db.");
    }
    file = file.toAbsolutePath();
    Path folder = file.getParent();
    if (Files.isDirectory(file)) {
      throw new StorageException(
          "COACH_DB_URL names the folder "
              + file
              + ", not a database file; name a file in it, such as "
              + file.resolve("coach.db")
              + ".");
    }
    if (!Files.exists(folder)) {
      throw new StorageException(
          "The folder "
              + folder
              + " for the database does not exist; create it first, or correct COACH_DB_URL.");
    }
    if (!Files.isDirectory(folder)) {
      throw new StorageException(
          folder + " is not a folder, so the database cannot go there; correct COACH_DB_URL.");
    }
    boolean exists = Files.exists(file);
    if (exists && isReadOnly(file)) {
      throw new StorageException(
          "The database file "
              + file
              + " is read-only; make it writable (chmod u+w) or point COACH_DB_URL at another file.");
    }
    if (!Files.isWritable(folder)) {
      throw new StorageException(
          "The folder "
              + folder
              + " is not writable, and SQLite needs to write its journal beside the database.");
    }
    return !exists;
  }

  /**
   * Whether the file cannot or should not be written: this user may not write it, or its
   * permissions let nobody write it. The second test matters for root, who may write any file but
   * should not silently write one its owner marked read-only.
   */
  static boolean isReadOnly(Path file) {
    if (!Files.isWritable(file)) {
      return true;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return !permissions.contains(PosixFilePermission.OWNER_WRITE)
          && !permissions.contains(PosixFilePermission.GROUP_WRITE)
          && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    } catch (UnsupportedOperationException | IOException e) {
      return false;
    }
  }
}
