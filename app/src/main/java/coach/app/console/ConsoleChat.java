package coach.app.console;

import coach.core.Coach;
import coach.core.chat.CommandParser;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.util.Locale;
import java.util.UUID;

/**
 * The coach in a terminal: each line read is one message; replies are printed as plain text. Works
 * the same on a keyboard and on a pipe. Ends at end of input or on {@code quit}/{@code exit}.
 */
public final class ConsoleChat {

  /** The console's own command, listed after the coach's {@code help}. */
  static final String QUIT_HELP =
      "  - `quit`: leave the console; your answers are saved, and an open session can be resumed";

  private final Coach coach;
  private final Sender sender;
  private final PrintStream out;
  private final boolean interactive;
  private final PlainTextRenderer renderer;
  private final String runId = UUID.randomUUID().toString();

  /**
   * @param interactive print a {@code >} prompt (for a person at a terminal)
   * @param filesFolder where charts and exports are saved
   */
  public ConsoleChat(
      Coach coach,
      Sender sender,
      PrintStream out,
      boolean interactive,
      java.nio.file.Path filesFolder) {
    this.coach = coach;
    this.renderer = new PlainTextRenderer(filesFolder);
    this.sender = sender;
    this.out = out;
    this.interactive = interactive;
  }

  /** Reads and answers lines until the input ends or the user quits. */
  public void run(BufferedReader in) throws IOException {
    out.println(renderer.render(coach.welcome(sender)));
    out.println();
    long lineNumber = 0;
    while (true) {
      if (interactive) {
        out.print("> ");
        out.flush();
      }
      String line = in.readLine();
      if (line == null) {
        break;
      }
      String word = line.strip().toLowerCase(Locale.ROOT);
      if (word.equals("quit") || word.equals("exit") || word.equals("/quit")) {
        out.println(
            coach
                .openSession(sender.id())
                .map(open -> "Bye. Your session on " + open + " is saved; say `resume` next time.")
                .orElse("Bye. Your answers are saved; say `practice` next time to start again."));
        break;
      }
      lineNumber++;
      String eventId = "console-" + runId + "-" + lineNumber;
      coach
          .handle(new Inbound.Message(sender, eventId, line))
          .ifPresent(reply -> out.println(renderer.render(reply)));
      if (CommandParser.parse(line) instanceof CommandParser.Parsed.Command command
          && command.word() == CommandWord.HELP) {
        out.println(QUIT_HELP);
      }
      out.println();
      out.flush();
    }
    out.flush();
  }
}
