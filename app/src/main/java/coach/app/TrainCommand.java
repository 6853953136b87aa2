package coach.app;

import coach.core.clarify.Clarifier;
import coach.core.clarify.LabelledQuestion;
import coach.core.clarify.TopicModel;
import coach.core.coverage.LabelledAnswer;
import coach.core.coverage.LearnedCoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.learn.LabelModel;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * {@code coach train}: rebuilds both shipped learned models from the labelled sets in the
 * repository, the same way every time: the coverage detector's concept model from the dev sets and
 * the authors' sets (never a frozen one), and the question reader's topic model from the dev
 * questions and the own paraphrases. {@code --with} adds labelled answers (such as {@code coach
 * corrections export}'s) to the concept model's training; {@code --check} writes nothing and fails
 * when a shipped file is not what training gives.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    description =
        "Rebuild the shipped learned models (coverage concepts, question topics) from the labelled"
            + " sets in the repository. Run it from the repository's root.")
final class TrainCommand implements Callable<Integer> {

  @ParentCommand Main main;

  @Option(
      names = "--with",
      paramLabel = "FILE",
      description =
          "Another labelled answer file to train the concept model on, such as the output of"
              + " `coach corrections export` (repeat for several).")
  List<Path> with = new ArrayList<>();

  @Option(
      names = "--check",
      description =
          "Train, compare with the shipped files and write nothing; exit 1 when one differs.")
  boolean check;

  @Option(
      names = "--root",
      paramLabel = "DIR",
      defaultValue = ".",
      description = "The repository's root (default: the current folder).")
  Path root;

  @Override
  public Integer call() {
    Logging.quiet();
    PrintStream out = main.launch.out();
    PrintStream err = main.launch.err();
    root = root.normalize();
    Path answers = root.resolve("bot-core/src/test/resources/coverage");
    Path questions = root.resolve("bot-core/src/test/resources/questions");
    if (!Files.isDirectory(answers) || !Files.isDirectory(questions)) {
      err.println(
          "coach: train needs the repository's labelled sets ("
              + answers
              + " is not there); run it from the repository's root or give --root DIR.");
      return 2;
    }
    Curriculum curriculum = CurriculumLoader.loadDefault();
    List<Path> answerFiles = new ArrayList<>();
    LearnedCoverageDetector.TRAINING_SETS.forEach(name -> answerFiles.add(answers.resolve(name)));
    answerFiles.addAll(with);
    Optional<Map<String, List<LabelledAnswer>>> answerSets =
        LabelledFiles.read(answerFiles, false, file -> LabelledAnswer.read(file, curriculum), err);
    if (answerSets.isEmpty()) {
      return 2;
    }
    if (answerSets.get().size() < answerFiles.size()) {
      err.println(
          "coach: two training files have the same name; rename the --with file (the model lists"
              + " its sets by file name).");
      return 2;
    }
    List<Path> questionFiles = TopicModel.TRAINING_SETS.stream().map(questions::resolve).toList();
    Optional<Map<String, List<LabelledQuestion>>> questionSets =
        LabelledFiles.read(questionFiles, false, LabelledQuestion::read, err);
    if (questionSets.isEmpty()) {
      return 2;
    }

    LabelModel concepts =
        LearnedCoverageDetector.train(Detectors.lexical(curriculum, null), answerSets.get());
    TopicModel topics = Clarifier.create(null, null).train(questionSets.get());
    boolean conceptsSame =
        settle(
            root.resolve(LearnedCoverageDetector.RESOURCE_PATH),
            LearnedCoverageDetector.toJson(concepts),
            String.format(
                "concept model: %d answers from %d files", concepts.examples(), answerFiles.size()),
            out,
            err);
    boolean topicsSame =
        settle(
            root.resolve(TopicModel.RESOURCE_PATH),
            topics.toJson(),
            String.format(
                "topic model: %d questions from %d files",
                topics.questions(), questionFiles.size()),
            out,
            err);
    if (check && !(conceptsSame && topicsSame)) {
      out.println("Retrain with ./coach train and commit the files.");
      return 1;
    }
    return 0;
  }

  /**
   * Writes {@code json} to {@code file} (or with {@code --check} compares them); says which on
   * {@code out}. True when the file held {@code json} already.
   */
  private boolean settle(Path file, String json, String what, PrintStream out, PrintStream err) {
    String before;
    try {
      before = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      err.println("coach: cannot read " + file + ": " + e.getMessage());
      return false;
    }
    boolean same = before.equals(json);
    if (check) {
      out.printf("%s; %s %s%n", what, file, same ? "is up to date" : "differs from training");
    } else if (LabelledFiles.write(file, json, err)) {
      out.printf("%s; %s %s%n", what, same ? "unchanged" : "wrote", file);
    }
    return same;
  }
}
