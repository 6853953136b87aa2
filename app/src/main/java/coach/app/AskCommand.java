package coach.app;

import coach.core.clarify.Clarifier;
import coach.core.clarify.JsonLinesAsker;
import coach.core.clarify.LabelledQuestion;
import coach.core.clarify.QuestionEvaluation;
import coach.core.curriculum.CurriculumLoader;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code coach ask}: the interviewer's answers to clarifying questions, from the command line. */
@Command(
    name = "ask",
    mixinStandardHelpOptions = true,
    description = {
      "Answer candidates' clarifying questions from the prompts' interviewer facts.",
      "JSON Lines in (a FILE, or standard input):",
      "  {\"id\": ..., \"prompt\": ..., \"question\": ...}",
      "JSON Lines out, one per input line:",
      "  {\"id\": ..., \"topics\": [...], \"answer\": ...}",
      "or {\"id\": ..., \"error\": ...} for a bad line.",
      "Exit status 0 when the input was read, 2 when it could not be read.",
      "With --eval FILE: score the topics found on a labelled file",
      "  {\"id\": ..., \"prompt\": ..., \"question\": ..., \"topics\": [...]}",
      "(per-topic TP/FP/FN, precision, recall and F1, then micro P/R/F1)."
    })
final class AskCommand implements Callable<Integer> {

  @Parameters(index = "0", arity = "0..1", paramLabel = "FILE", description = "JSON Lines input.")
  Path input;

  @Option(
      names = "--eval",
      paramLabel = "FILE",
      description = "Score the topics on a labelled file (repeat --eval to pool several files).")
  List<Path> eval;

  @Option(
      names = "--totals",
      description = "With --eval: print only the micro P/R/F1 line (for held-out sets).")
  boolean totalsOnly;

  @Option(
      names = "--misses",
      description = "With --eval: also list every question whose topics were wrong.")
  boolean misses;

  @Option(
      names = "--lexicon",
      paramLabel = "FILE",
      description = "Read the clarifier's lexicon from FILE instead of the built-in one (tuning).")
  Path lexicon;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() {
    Logging.quiet();
    PrintStream out = main.launch.out();
    PrintStream err = main.launch.err();
    if (lexicon != null && !Files.isReadable(lexicon)) {
      err.println("coach: cannot read the lexicon " + lexicon + ".");
      return 2;
    }
    Clarifier clarifier = Clarifier.create(lexicon);
    if (eval != null) {
      List<LabelledQuestion> labelled = new ArrayList<>();
      for (Path file : eval) {
        try {
          labelled.addAll(LabelledQuestion.read(file));
        } catch (LabelledQuestion.BadFileException e) {
          err.println("coach: " + e.getMessage());
          return 2;
        }
      }
      QuestionEvaluation evaluation = QuestionEvaluation.run(clarifier, labelled);
      out.print(totalsOnly ? evaluation.totals() : evaluation.report());
      if (misses && !totalsOnly) {
        for (QuestionEvaluation.Miss miss : evaluation.misses()) {
          out.printf(
              "%n%s [%s] labelled %s found %s%n  %s%n    %s%n",
              miss.question().id(),
              miss.question().prompt(),
              miss.question().topics(),
              miss.found(),
              miss.question().question().replace("\n", " / "),
              miss.why());
        }
      }
      out.flush();
      return 0;
    }
    JsonLinesAsker asker = new JsonLinesAsker(clarifier, CurriculumLoader.loadDefault());
    try (BufferedReader in = open()) {
      asker.ask(in, out);
    } catch (NoSuchFileException e) {
      err.println("coach: cannot read " + input + ": no such file.");
      return 2;
    } catch (IOException e) {
      err.println("coach: cannot read the input: " + e.getMessage());
      return 2;
    }
    return 0;
  }

  private BufferedReader open() throws IOException {
    if (input == null || input.toString().equals("-")) {
      return new BufferedReader(new InputStreamReader(main.launch.in(), StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(input, StandardCharsets.UTF_8);
  }
}
