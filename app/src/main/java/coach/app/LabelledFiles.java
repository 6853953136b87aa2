package coach.app;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The shared plumbing of {@code --train} and {@code --by-author} in {@code ask} and {@code grade}:
 * the labelled files given with {@code --on}, read by file name, and the trained model written.
 * Every problem is one sentence on standard error.
 */
final class LabelledFiles {

  private LabelledFiles() {}

  /** Reads one labelled file; fails with an exception whose message is one sentence. */
  @FunctionalInterface
  interface Reader<T> {
    List<T> read(Path file) throws Exception;
  }

  /**
   * The {@code --on} files by file name, in order; empty (after saying why) when too few are given
   * (two for {@code --by-author}, else one) or one cannot be read.
   */
  static <T> Optional<Map<String, List<T>>> read(
      List<Path> files, boolean byAuthor, Reader<T> reader, PrintStream err) {
    if (files == null || files.size() < (byAuthor ? 2 : 1)) {
      err.println(
          byAuthor
              ? "coach: --by-author needs two labelled files or more, each given with --on FILE."
              : "coach: --train needs at least one labelled file given with --on FILE.");
      return Optional.empty();
    }
    Map<String, List<T>> sets = new LinkedHashMap<>();
    for (Path file : files) {
      try {
        sets.put(file.getFileName().toString(), reader.read(file));
      } catch (Exception e) {
        err.println("coach: " + e.getMessage());
        return Optional.empty();
      }
    }
    return Optional.of(sets);
  }

  /** Writes a trained model; false (after saying why) when it cannot be written. */
  static boolean write(Path out, String json, PrintStream err) {
    try {
      Files.writeString(out, json, StandardCharsets.UTF_8);
      return true;
    } catch (IOException e) {
      err.println("coach: cannot write " + out + ": " + e.getMessage());
      return false;
    }
  }
}
