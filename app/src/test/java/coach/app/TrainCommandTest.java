package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coach train}: the shipped models are what it builds from the repository's sets, {@code
 * --with} adds a file to the concept model's training, and a wrong root or a clashing file name is
 * one sentence and writes nothing.
 */
class TrainCommandTest {

  /** The repository's root, seen from the module folder the tests run in. */
  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  private static final String CONCEPTS = "bot-core/src/main/resources/coverage/concept-model.json";
  private static final String TOPICS = "bot-core/src/main/resources/clarify/topic-model.json";

  @TempDir Path folder;

  private static CommandRun train(String... args) {
    String[] command = new String[args.length + 1];
    command[0] = "train";
    System.arraycopy(args, 0, command, 1, args.length);
    return CommandRun.of(Map.of(), command);
  }

  @Test
  void theShippedModelsAreWhatTrainingOnTheRepositoryGives() {
    CommandRun result = train("--check", "--root", REPOSITORY.toString());

    assertThat(result.err()).isEmpty();
    assertThat(result.out())
        .contains("concept model: 4360 answers from 20 files;")
        .contains("topic model: 2052 questions from 15 files;")
        .doesNotContain("differs");
    assertThat(result.out().lines().filter(line -> line.endsWith("is up to date"))).hasSize(2);
    assertThat(result.status()).isZero();
  }

  @Test
  void aCorrectionsFileJoinsTheConceptModelsTraining() throws IOException {
    Path root = copyOfTheLabelledSets();
    Path corrections =
        Files.writeString(
            folder.resolve("corrections.jsonl"),
            "{\"id\":\"c1\",\"prompt\":\"fraud-checkout\",\"section\":\"data\",\"answer\":\"Chargebacks"
                + " arrive up to ninety days later, so labels lag.\",\"expected\":"
                + "[\"data.label_delay\",\"data.label_source\"]}\n");

    CommandRun check =
        train("--check", "--root", root.toString(), "--with", corrections.toString());
    assertThat(check.status()).isEqualTo(1);
    assertThat(check.out())
        .contains("concept model: 4361 answers from 21 files;")
        .contains("concept-model.json differs from training")
        .contains("Retrain with ./coach train");
    assertThat(Files.readString(root.resolve(CONCEPTS)))
        .as("--check writes nothing")
        .isEqualTo(Files.readString(REPOSITORY.resolve(CONCEPTS)));

    CommandRun written = train("--root", root.toString(), "--with", corrections.toString());
    assertThat(written.status()).isZero();
    assertThat(written.out()).contains("wrote " + root.resolve(CONCEPTS));
    assertThat(Files.readString(root.resolve(CONCEPTS)))
        .contains("\"corrections.jsonl\"]")
        .contains("\"examples\": 4361");
    assertThat(Files.readString(root.resolve(TOPICS)))
        .isEqualTo(Files.readString(REPOSITORY.resolve(TOPICS)));
  }

  @Test
  void aFolderWithoutTheLabelledSetsIsRefusedInOneSentence() {
    CommandRun result = train("--root", folder.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err())
        .startsWith("coach: train needs the repository's labelled sets (")
        .endsWith("run it from the repository's root or give --root DIR." + System.lineSeparator());
    assertThat(folder).isEmptyDirectory();
  }

  @Test
  void aWithFileNamedLikeATrainingSetIsRefused() throws IOException {
    Path root = copyOfTheLabelledSets();
    Path clash =
        Files.writeString(
            Files.createDirectories(folder.resolve("elsewhere")).resolve("dev.jsonl"),
            "{\"id\":\"x\",\"answer\":\"Labels lag.\",\"expected\":[\"data.label_delay\"]}\n");

    CommandRun result = train("--root", root.toString(), "--with", clash.toString());

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("two training files have the same name");
    assertThat(Files.readString(root.resolve(CONCEPTS)))
        .isEqualTo(Files.readString(REPOSITORY.resolve(CONCEPTS)));
  }

  /**
   * The labelled sets and the shipped models, copied into a folder laid out like the repository.
   */
  private Path copyOfTheLabelledSets() throws IOException {
    Path root = folder.resolve("repository");
    for (String tree :
        new String[] {
          "bot-core/src/test/resources/coverage", "bot-core/src/test/resources/questions"
        }) {
      try (Stream<Path> files = Files.walk(REPOSITORY.resolve(tree))) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path copy = root.resolve(REPOSITORY.relativize(file).toString());
          Files.createDirectories(copy.getParent());
          Files.copy(file, copy);
        }
      }
    }
    for (String model : new String[] {CONCEPTS, TOPICS}) {
      Path copy = root.resolve(model);
      Files.createDirectories(copy.getParent());
      Files.copy(REPOSITORY.resolve(model), copy);
    }
    return root;
  }
}
