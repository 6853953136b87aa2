package coach.app;

import coach.core.practice.CorrectionExport;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.ZoneId;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code coach corrections export}: the answers users corrected with {@code claim} and {@code
 * contest}, as labelled JSON Lines in the {@code coach grade --eval} format.
 */
@Command(
    name = "corrections",
    mixinStandardHelpOptions = true,
    description = "Work with the credits users claimed or contested.",
    subcommands = {CorrectionsCommand.Export.class})
final class CorrectionsCommand implements Runnable {

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @CommandLine.ParentCommand Main main;

  @Override
  public void run() {
    spec.commandLine().usage(main.launch.err());
  }

  /** Prints one labelled answer a line. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Print every corrected answer as a labelled line for grade --eval (see docs/formats.md).")
  static final class Export implements Callable<Integer> {

    @CommandLine.ParentCommand CorrectionsCommand parent;

    @Override
    public Integer call() throws Exception {
      Main main = parent.main;
      Logging.quiet();
      ObjectMapper json = new ObjectMapper();
      try (Services services =
          Services.start(main.launch.env(), ZoneId.systemDefault(), main.launch.err())) {
        for (CorrectionExport.Labelled line : services.coach.correctionsExport()) {
          ObjectNode node = json.createObjectNode();
          node.put("id", line.id());
          node.put("prompt", line.prompt());
          node.put("section", line.section());
          node.put("answer", line.answer());
          var expected = node.putArray("expected");
          line.expected().forEach(expected::add);
          main.launch.out().println(json.writeValueAsString(node));
        }
      }
      return 0;
    }
  }
}
