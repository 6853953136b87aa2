package coach.app;

import coach.core.clarify.AuthorEvaluation;
import coach.core.clarify.Clarifier;
import coach.core.clarify.JsonLinesAsker;
import coach.core.clarify.LabelledQuestion;
import coach.core.clarify.QuestionEvaluation;
import coach.core.clarify.TopicModel;
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
import java.util.Map;
import java.util.Optional;
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
      "Reads JSON Lines with id, prompt and question from FILE or standard input, and writes one"
          + " line per input line with id, topics and answer (or id and error for a bad line)."
          + " The exit status is 0 when the input was read and 2 when it could not be.",
      "With --eval, it scores the topics found against a labelled file whose lines also carry"
          + " topics. The formats are in docs/formats.md."
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

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "Read the learned reader from FILE instead of the built-in one.")
  Path model;

  @Option(
      names = "--lexical-only",
      description = "Read topics by the lexicon alone, without the learned reader (to compare).")
  boolean lexicalOnly;

  @Option(
      names = "--train",
      paramLabel = "OUT",
      description =
          "Train the learned reader on the labelled files given with --on and write it to OUT"
              + " (the built-in one is "
              + TopicModel.RESOURCE_PATH
              + ").")
  Path train;

  @Option(
      names = "--on",
      paramLabel = "FILE",
      description = "With --train: a labelled file to train on (repeat for several).")
  List<Path> trainOn;

  @Option(
      names = "--by-author",
      description =
          "Leave one author out over the --on files (one author each): train the learned reader on"
              + " all files but one, score it on that one, for each; print each and the mean.")
  boolean byAuthor;

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
    if (train != null || byAuthor) {
      return train(out, err);
    }
    Clarifier clarifier;
    try {
      clarifier =
          Clarifier.create(
              lexicon,
              lexicalOnly ? null : model != null ? TopicModel.read(model) : TopicModel.shipped());
    } catch (IllegalArgumentException e) {
      err.println("coach: " + e.getMessage());
      return 2;
    }
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

  /** Trains the learned reader on the --on files, as the (given or built-in) lexicon reads them. */
  private int train(PrintStream out, PrintStream err) {
    Optional<Map<String, List<LabelledQuestion>>> read =
        LabelledFiles.read(trainOn, byAuthor, LabelledQuestion::read, err);
    if (read.isEmpty()) {
      return 2;
    }
    Map<String, List<LabelledQuestion>> sets = read.get();
    Clarifier lexical = Clarifier.create(lexicon, null);
    if (byAuthor) {
      out.print(AuthorEvaluation.run(lexical, sets).report());
      out.flush();
      return 0;
    }
    TopicModel trained = lexical.train(sets);
    if (!LabelledFiles.write(train, trained.toJson(), err)) {
      return 2;
    }
    out.printf(
        "trained on %d questions from %d files; wrote %s%n",
        trained.questions(), sets.size(), train);
    return 0;
  }

  private BufferedReader open() throws IOException {
    if (input == null || input.toString().equals("-")) {
      return new BufferedReader(new InputStreamReader(main.launch.in(), StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(input, StandardCharsets.UTF_8);
  }
}
