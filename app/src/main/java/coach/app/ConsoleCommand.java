package coach.app;

import coach.app.console.ConsoleChat;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coach console}: the coach in the terminal, on the embedded database. */
@Command(
    name = "console",
    mixinStandardHelpOptions = true,
    description = {
      "Practise with the coach in the terminal.",
      "Each line you type is one message. Piped input works too; the console ends at the end of"
          + " the input or on `quit`. Your answers are kept in the database COACH_DB_URL names"
          + " (default: data/coach.db)."
    })
final class ConsoleCommand implements Callable<Integer> {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

  @Option(
      names = "--user",
      paramLabel = "NAME",
      description = "Your name; your user id is console:NAME (default: the OS user name).")
  String user;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Option(
      names = "--files",
      paramLabel = "DIR",
      description = "Where charts and exports are saved (default: coach-files).")
  java.nio.file.Path files;

  private java.nio.file.Path filesFolder() {
    return files != null ? files : java.nio.file.Path.of("coach-files");
  }

  @Override
  public Integer call() throws Exception {
    Main.Launch launch = main.launch;
    String name = user != null ? user : System.getProperty("user.name", "me");
    if (!NAME.matcher(name).matches()) {
      if (user == null) {
        name = "me";
      } else {
        spec.commandLine()
            .getErr()
            .println(
                "coach: --user takes 1 to 64 letters, digits, dots, dashes or underscores, not '"
                    + user
                    + "'.");
        return 2;
      }
    }
    Logging.quiet();
    ZoneId zone = ZoneId.systemDefault();
    try (Services services = Services.start(launch.env(), zone, launch.err())) {
      Sender sender = new Sender(UserId.console(name), name, Optional.of(zone));
      BufferedReader in =
          new BufferedReader(new InputStreamReader(launch.in(), StandardCharsets.UTF_8));
      boolean interactive = launch.in() == System.in && System.console() != null;
      new ConsoleChat(services.coach, sender, launch.out(), interactive, filesFolder()).run(in);
    }
    return 0;
  }
}
