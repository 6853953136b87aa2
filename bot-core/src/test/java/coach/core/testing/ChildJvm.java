package coach.core.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A Coach process of its own for tests that kill one: the same JVM and class path as the test,
 * output (both streams) to a log file the test waits on.
 */
public final class ChildJvm {

  private ChildJvm() {}

  /** Starts {@code main} with {@code args}, writing its output to {@code log}. */
  public static Process start(Class<?> main, Path log, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(List.of(args));
    return new ProcessBuilder(command)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /**
   * Waits for a line starting with {@code prefix} in {@code log} and returns what follows it on
   * that line; fails after {@code patience}.
   */
  public static String awaitLine(Path log, String prefix, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (true) {
      Optional<String> found = line(log, prefix);
      if (found.isPresent()) {
        return found.get();
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "no line '" + prefix + "' in " + log.getFileName() + " after " + patience);
      }
      Thread.sleep(50);
    }
  }

  private static Optional<String> line(Path log, String prefix) {
    try {
      if (!Files.exists(log)) {
        return Optional.empty();
      }
      return Files.readAllLines(log).stream()
          .filter(l -> l.startsWith(prefix))
          .map(l -> l.substring(prefix.length()).strip())
          .findFirst();
    } catch (IOException e) {
      return Optional.empty();
    }
  }
}
