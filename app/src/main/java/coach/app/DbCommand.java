package coach.app;

import coach.core.storage.Database;
import coach.core.storage.DatabaseCopy;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coach db}: work on whole databases ({@code copy}). */
@Command(
    name = "db",
    mixinStandardHelpOptions = true,
    description = "Work on whole databases: copy a team's data into a new one.",
    subcommands = {DbCommand.Copy.class})
final class DbCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public void run() {
    spec.commandLine().usage(main.launch.err());
  }

  /**
   * {@code coach db copy --from URL --to URL}: every row of the source into an empty target (both
   * migrated to this version first), in one transaction on the target.
   */
  @Command(
      name = "copy",
      mixinStandardHelpOptions = true,
      description = {
        "Copy every row of one Coach database into another, empty one (both are brought to this"
            + " version's schema first), for example from SQLite to PostgreSQL. Stop Coach first.",
      })
  static final class Copy implements Callable<Integer> {

    @CommandLine.ParentCommand DbCommand parent;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "URL",
        description = "The JDBC URL of the database to copy, e.g. jdbc:sqlite:data/coach.db.")
    String from;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "URL",
        description = "The JDBC URL of the new, empty database, e.g. jdbc:postgresql://host/coach.")
    String to;

    @Override
    public Integer call() {
      Logging.quiet();
      PrintStream out = parent.main.launch.out();
      if (from.equals(to)) {
        parent.main.launch.err().println("coach: --from and --to name the same database.");
        return 2;
      }
      Services.createDefaultFolder(to, Path.of("").toAbsolutePath());
      try (Database source = Database.open(from);
          Database target = Database.open(to)) {
        Map<String, Long> copied = DatabaseCopy.copy(source, target);
        long rows = copied.values().stream().mapToLong(Long::longValue).sum();
        out.printf(
            "Copied %d rows from %s to %s:%n", rows, Database.redact(from), Database.redact(to));
        copied.forEach(
            (table, count) -> {
              if (count > 0) {
                out.printf("  %-26s %d%n", table, count);
              }
            });
      }
      return 0;
    }
  }
}
