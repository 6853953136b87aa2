package coach.app;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code coach run}: the bot on every platform whose tokens are set. */
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
  public Integer call() {
    var config = coach.app.config.CoachConfig.fromEnvironment(main.launch.env());
    if (config.slack().isEmpty() && config.discord().isEmpty()) {
      spec.commandLine()
          .getErr()
          .println(
              "coach: no platform is configured; set SLACK_BOT_TOKEN and SLACK_APP_TOKEN, or"
                  + " DISCORD_BOT_TOKEN (or try `./coach console`).");
      return 1;
    }
    spec.commandLine()
        .getErr()
        .println(
            "coach: the Slack and Discord adapters are not part of this build yet; try `./coach"
                + " console`.");
    return 1;
  }
}
