package coach.app;

import coach.app.config.CoachConfig;
import coach.slack.SlackAdapter;
import coach.slack.SlackStartException;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coach run}: the bot on every platform whose tokens are set, until the process is stopped
 * (SIGTERM or Ctrl-C), when a shutdown hook closes the connections and the database. A refused
 * token or an unreachable platform ends it at start-up with one sentence and exit status 1.
 */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Run the bot on every platform whose tokens are set (Slack, Discord, or both).",
      "Slack: SLACK_BOT_TOKEN and SLACK_APP_TOKEN. Discord: DISCORD_BOT_TOKEN."
    })
final class RunCommand implements Callable<Integer> {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws InterruptedException {
    CoachConfig config = CoachConfig.fromEnvironment(main.launch.env());
    if (config.slack().isEmpty() && config.discord().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "coach: no platform is configured; set SLACK_BOT_TOKEN and SLACK_APP_TOKEN, or"
                  + " DISCORD_BOT_TOKEN (or try `./coach console`).");
      return 1;
    }
    if (config.slack().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "coach: the Discord adapter is not part of this build yet; set SLACK_BOT_TOKEN and"
                  + " SLACK_APP_TOKEN, or try `./coach console`.");
      return 1;
    }
    Services services = Services.start(main.launch.env(), ZoneId.systemDefault());
    SlackAdapter slack;
    try {
      CoachConfig.SlackSettings settings = config.slack().get();
      slack =
          SlackAdapter.start(
              services.coach,
              new SlackAdapter.Settings(
                  settings.botToken(), settings.appToken(), settings.apiUrl()));
    } catch (SlackStartException e) {
      services.close();
      spec.commandLine().getErr().println("coach: " + e.getMessage());
      return 1;
    }
    if (config.discord().isPresent()) {
      spec.commandLine()
          .getErr()
          .println("coach: DISCORD_BOT_TOKEN is set, but Discord is not part of this build yet.");
    }
    CountDownLatch stopped = new CountDownLatch(1);
    AtomicBoolean closed = new AtomicBoolean();
    Runnable shutdown =
        () -> {
          if (closed.compareAndSet(false, true)) {
            slack.close();
            services.close();
          }
          stopped.countDown();
        };
    Runtime.getRuntime().addShutdownHook(new Thread(shutdown, "coach-shutdown"));
    spec.commandLine().getErr().println("coach: running on Slack; stop with Ctrl-C or SIGTERM.");
    stopped.await();
    return 0;
  }
}
