package coach.app;

import coach.app.config.ConfigException;
import coach.core.curriculum.CurriculumException;
import coach.core.storage.StorageException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code coach} command line. Start-up problems (bad configuration, an unusable database, a
 * broken curriculum) end the program with one clear sentence and exit status 1, never a stack
 * trace.
 */
@Command(
    name = "coach",
    mixinStandardHelpOptions = true,
    version = "coach 0.1.0",
    description = "An interview coach for ML system design, in Slack, Discord and the terminal.",
    subcommands = {
      ConsoleCommand.class,
      RunCommand.class,
      GradeCommand.class,
      AskCommand.class,
      BenchCommand.class,
      ProgressCommand.class,
      CorrectionsCommand.class,
      SchedulesCommand.class,
      TrainCommand.class,
      MigrateCommand.class,
      DbCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {

  /** What a command runs with: environment variables and the standard streams. */
  public record Launch(Map<String, String> env, InputStream in, PrintStream out, PrintStream err) {}

  /** Help is laid out for an 80-column terminal. */
  static final int USAGE_WIDTH = 80;

  final Launch launch;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  Main(Launch launch) {
    this.launch = launch;
  }

  public static void main(String[] args) {
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    PrintStream err = new PrintStream(System.err, true, StandardCharsets.UTF_8);
    System.exit(execute(new Launch(System.getenv(), System.in, out, err), args));
  }

  /** Runs the command line and returns the exit status. */
  public static int execute(Launch launch, String... args) {
    CommandLine commandLine = new CommandLine(new Main(launch));
    commandLine.setUsageHelpWidth(USAGE_WIDTH);
    commandLine.setOut(new PrintWriter(launch.out(), true));
    commandLine.setErr(new PrintWriter(launch.err(), true));
    commandLine.setExecutionExceptionHandler(
        (e, cmd, parseResult) -> {
          if (e instanceof ConfigException
              || e instanceof StorageException
              || e instanceof CurriculumException) {
            cmd.getErr().println("coach: " + e.getMessage());
            cmd.getErr().flush();
            return 1;
          }
          throw e;
        });
    return commandLine.execute(args);
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
