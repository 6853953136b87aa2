package coach.app;

import coach.core.coverage.AuthorEvaluation;
import coach.core.coverage.CoverageDetector;
import coach.core.coverage.Evaluation;
import coach.core.coverage.JsonLinesGrader;
import coach.core.coverage.LabelledAnswer;
import coach.core.coverage.LabelledSetException;
import coach.core.coverage.LearnedCoverageDetector;
import coach.core.coverage.LexicalCoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import coach.core.learn.LabelModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
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

/** {@code coach grade}: the coverage detector from the command line. */
@Command(
    name = "grade",
    mixinStandardHelpOptions = true,
    description = {
      "Detect the rubric concepts that answers cover.",
      "It reads JSON Lines from FILE, or standard input, one answer a line:",
      "  {\"id\": ..., \"prompt\": ..., \"section\": ..., \"answer\": ...}",
      "It writes one JSON line per input line, {\"id\": ..., \"concepts\": [...]}, or"
          + " {\"id\": ..., \"error\": ...} for a bad line.",
      "With --eval FILE it scores the detector on labelled lines instead: the same fields plus"
          + " \"expected\", the concept ids the answer covers.",
      "Exit status: 0 when every line was read; 2 when the input cannot be read or, with --eval,"
          + " is not a labelled set.",
      "The formats and concept ids are in docs/formats.md."
    })
final class GradeCommand implements Callable<Integer> {

  @Parameters(
      index = "0",
      arity = "0..1",
      paramLabel = "FILE",
      description = "JSON Lines input (default: standard input).")
  Path input;

  @Option(
      names = "--eval",
      paramLabel = "FILE",
      description =
          "Print per-concept TP/FP/FN, precision, recall and F1, and micro and macro F1; repeat"
              + " --eval to pool several files.")
  List<Path> eval;

  @Option(names = "--misses", description = "With --eval: also list every answer graded wrongly.")
  boolean misses;

  @Option(
      names = "--lexicon",
      paramLabel = "DIR",
      description = "Read the detector's lexicon from DIR instead of the built-in one (tuning).")
  Path lexicon;

  @Option(
      names = "--lexical-only",
      description = "Grade by the lexical detector alone, without the learned stage (to compare).")
  boolean lexicalOnly;

  @Option(
      names = "--model",
      paramLabel = "FILE",
      description = "Read the learned stage from FILE instead of the built-in one.")
  Path model;

  @Option(
      names = "--train",
      paramLabel = "OUT",
      description =
          "Train the learned stage on the labelled files given with --on and write it to OUT (the"
              + " built-in one is "
              + LearnedCoverageDetector.RESOURCE_PATH
              + ").")
  Path train;

  @Option(
      names = "--by-author",
      description =
          "Leave one author out over the --on files (one author each): train the learned stage on"
              + " all files but one, score it on that one, for each; print each and the mean.")
  boolean byAuthor;

  @Option(
      names = "--on",
      paramLabel = "FILE",
      description = "With --train or --by-author: a labelled file (repeat for several).")
  List<Path> trainOn;

  @CommandLine.ParentCommand Main main;

  @Override
  public Integer call() throws IOException {
    Logging.quiet();
    PrintStream out = main.launch.out();
    Curriculum curriculum = CurriculumLoader.loadDefault();
    if (train != null || byAuthor) {
      return learn(curriculum, out);
    }
    CoverageDetector detector;
    try {
      LexicalCoverageDetector lexical = Detectors.lexical(curriculum, lexicon);
      detector =
          lexicalOnly
              ? lexical
              : model != null
                  ? LearnedCoverageDetector.of(lexical, LearnedCoverageDetector.readModel(model))
                  : LearnedCoverageDetector.shipped(lexical);
    } catch (IllegalArgumentException e) {
      main.launch.err().println("coach: " + e.getMessage());
      return 2;
    }
    if (eval != null) {
      List<LabelledAnswer> labelled = new ArrayList<>();
      for (Path file : eval) {
        try {
          labelled.addAll(LabelledAnswer.read(file, curriculum));
        } catch (LabelledSetException e) {
          main.launch.err().println("coach: " + e.getMessage());
          return 2;
        }
      }
      Evaluation evaluation = Evaluation.run(detector, labelled, RubricIds.CONCEPTS);
      out.print(evaluation.report());
      if (misses) {
        for (Evaluation.Miss miss : evaluation.misses()) {
          out.printf(
              "%n%s [%s/%s] missing %s extra %s%n  %s%n",
              miss.answer().id(),
              miss.answer().prompt().orElse("-"),
              miss.answer().section().orElse("-"),
              miss.missing(),
              miss.extra(),
              miss.answer().answer().replace("\n", " / "));
        }
      }
      out.flush();
      return 0;
    }
    JsonLinesGrader grader = new JsonLinesGrader(detector, curriculum);
    if (input != null && Files.isDirectory(input)) {
      main.launch.err().println("coach: Cannot read " + input + ": it is a folder, not a file.");
      return 2;
    }
    try (BufferedReader in = open()) {
      grader.grade(in, out, main.launch.err());
    } catch (NoSuchFileException e) {
      main.launch.err().println("coach: Cannot read " + input + ": there is no such file.");
      return 2;
    } catch (AccessDeniedException e) {
      main.launch.err().println("coach: Cannot read " + input + ": permission denied.");
      return 2;
    } catch (IOException e) {
      main.launch
          .err()
          .println(
              "coach: Cannot read "
                  + (input == null ? "standard input" : input)
                  + " ("
                  + e.getMessage()
                  + ").");
      return 2;
    }
    return 0;
  }

  /** Trains the learned stage, or leaves one author out, on the --on files. */
  private int learn(Curriculum curriculum, PrintStream out) {
    PrintStream err = main.launch.err();
    Optional<Map<String, List<LabelledAnswer>>> read =
        LabelledFiles.read(trainOn, byAuthor, file -> LabelledAnswer.read(file, curriculum), err);
    if (read.isEmpty()) {
      return 2;
    }
    Map<String, List<LabelledAnswer>> sets = read.get();
    if (sets.size() < trainOn.size()) {
      err.println("coach: two --on files have the same name; give each author's file its own.");
      return 2;
    }
    LexicalCoverageDetector lexical = Detectors.lexical(curriculum, lexicon);
    if (byAuthor) {
      out.print(AuthorEvaluation.run(lexical, sets, RubricIds.CONCEPTS).report());
      out.flush();
      return 0;
    }
    LabelModel trained = LearnedCoverageDetector.train(lexical, sets);
    if (!LabelledFiles.write(train, LearnedCoverageDetector.toJson(trained), err)) {
      return 2;
    }
    out.printf(
        "trained on %d answers from %d files; wrote %s%n", trained.examples(), sets.size(), train);
    return 0;
  }

  private BufferedReader open() throws IOException {
    if (input == null || input.toString().equals("-")) {
      return new BufferedReader(new InputStreamReader(main.launch.in(), StandardCharsets.UTF_8));
    }
    return Files.newBufferedReader(input, StandardCharsets.UTF_8);
  }
}
