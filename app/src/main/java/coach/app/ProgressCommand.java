package coach.app;

import coach.app.console.PlainTextRenderer;
import coach.core.chat.UserId;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code coach progress}: one user's coverage, as the bot shows it or as JSON. */
@Command(
    name = "progress",
    mixinStandardHelpOptions = true,
    description = {
      "Show one user's coverage.",
      "--format text shows it as the bot does and saves the chart under --files; --format json"
          + " prints the JSON described in docs/formats.md."
    })
final class ProgressCommand implements Callable<Integer> {

  enum Format {
    text,
    json
  }

  @Option(
      names = "--user",
      required = true,
      paramLabel = "ID",
      description = "console:NAME, slack:TEAM:USER or discord:USER.")
  String user;

  @Option(names = "--format", paramLabel = "FORMAT", description = "text or json (default: text).")
  Format format = Format.text;

  @Option(
      names = "--files",
      paramLabel = "DIR",
      description = "Where the text format saves the chart (default: coach-files).")
  Path files = Path.of("coach-files");

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws Exception {
    UserId id;
    try {
      id = UserId.parse(user);
    } catch (IllegalArgumentException e) {
      main.launch.err().println("coach: " + e.getMessage() + ".");
      return 2;
    }
    Logging.quiet();
    try (Services services =
        Services.start(main.launch.env(), ZoneId.systemDefault(), main.launch.err())) {
      if (format == Format.json) {
        var json = services.coach.progressJson(id);
        if (json.isEmpty()) {
          main.launch.err().println("coach: no user " + id + " has practised here yet.");
          return 1;
        }
        main.launch
            .out()
            .println(
                new ObjectMapper()
                    .enable(SerializationFeature.INDENT_OUTPUT)
                    .writeValueAsString(json.get()));
        return 0;
      }
      var reply = services.coach.progressReply(id);
      if (reply.isEmpty()) {
        main.launch.err().println("coach: no user " + id + " has practised here yet.");
        return 1;
      }
      main.launch.out().println(new PlainTextRenderer(files).render(reply.get()));
      return 0;
    }
  }
}
