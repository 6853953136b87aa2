package coach.app;

import coach.app.config.ConfigException;
import coach.core.curriculum.CurriculumException;
import coach.core.storage.StorageException;
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
    subcommands = {ConsoleCommand.class, RunCommand.class, CommandLine.HelpCommand.class})
public final class Main implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  /** Runs the command line and returns the exit status. */
  public static int execute(String... args) {
    CommandLine commandLine = new CommandLine(new Main());
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
