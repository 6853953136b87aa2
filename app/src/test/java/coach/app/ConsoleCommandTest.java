package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.DriverManager;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The console end to end, as {@code ./coach console} runs it with piped input. */
class ConsoleCommandTest {

  @TempDir Path folder;

  private record Result(int status, String out, String err) {}

  private Result run(Map<String, String> env, String input, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new Main.Launch(
                env,
                new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  @Test
  void progressSavesTheChartAndExportSavesTheData() throws Exception {
    Path files = folder.resolve("files");
    Result result =
        run(
            env(),
            "practice fraud-checkout\nChargebacks arrive 60 days later\nprogress\nexport\n",
            "console",
            "--user",
            "carol",
            "--files",
            files.toString());
    assertThat(result.out())
        .contains("Your progress, carol")
        .contains(
            "Coverage by section saved to " + files.resolve("coach-progress-console-carol.png"))
        .contains("Your data saved to " + files.resolve("coach-export-console-carol.json"));
    assertThat(
            javax.imageio.ImageIO.read(files.resolve("coach-progress-console-carol.png").toFile()))
        .isNotNull();
    assertThat(Files.readString(files.resolve("coach-export-console-carol.json")))
        .contains("Chargebacks arrive 60 days later");
  }

  @Test
  void claimsAndContestsInTheConsoleComeOutOfCorrectionsExportAsLabelledAnswers() throws Exception {
    Result session =
        run(
            env(),
            "practice fraud-checkout\nWe decline the payment or send it to the review team\n"
                + "claim business goal\ncontest human in the loop\n",
            "console",
            "--user",
            "erin");
    assertThat(session.out())
        .contains("Counted Business goal as covered (self-reported)")
        .contains("Removed Human in the loop from this session's credits");
    Result export = run(env(), "", "corrections", "export");
    assertThat(export.status()).isZero();
    var line = new com.fasterxml.jackson.databind.ObjectMapper().readTree(export.out().strip());
    assertThat(line.get("prompt").asText()).isEqualTo("fraud-checkout");
    assertThat(line.get("section").asText()).isEqualTo("decision");
    assertThat(line.get("answer").asText())
        .isEqualTo("We decline the payment or send it to the review team");
    assertThat(line.get("expected").toString())
        .contains("decision.goal")
        .doesNotContain("decision.human_review");
  }

  @Test
  void progressAsJsonFollowsTheContract() throws Exception {
    run(
        env(),
        "practice fraud-checkout\nChargebacks arrive 60 days later\n",
        "console",
        "--user",
        "dan");
    Result result = run(env(), "", "progress", "--user", "console:dan", "--format", "json");
    assertThat(result.status()).isZero();
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(result.out());
    assertThat(json.get("user").asText()).isEqualTo("console:dan");
    assertThat(json.get("sessions").asInt()).isEqualTo(1);
    assertThat(json.get("concepts").size())
        .isEqualTo(coach.core.curriculum.RubricIds.CONCEPTS.size());
    var delay = json.get("concepts").get("data.label_delay");
    assertThat(delay.get("covered").asBoolean()).isTrue();
    assertThat(delay.get("times_covered").asInt()).isEqualTo(1);
    assertThat(delay.get("times_missed").asInt()).isZero();
    assertThat(delay.get("last_covered").asText()).endsWith("Z");
    var calibration = json.get("concepts").get("metrics.calibration");
    assertThat(calibration.get("covered").asBoolean()).isFalse();
    assertThat(calibration.get("last_covered").isNull()).isTrue();
    assertThat(json.get("sections").get("data").get("total").asInt()).isEqualTo(9);

    Result unknown = run(env(), "", "progress", "--user", "console:nobody", "--format", "json");
    assertThat(unknown.status()).isEqualTo(1);
    assertThat(unknown.err()).contains("no user console:nobody");
    assertThat(run(env(), "", "progress", "--user", "bad id").err())
        .contains("A user id looks like");
  }

  private Map<String, String> env() {
    return Map.of("COACH_DB_URL", "jdbc:sqlite:" + database());
  }

  private Path database() {
    return folder.resolve("coach.db");
  }

  @Test
  void aPipedScriptRunsAWholePracticeSessionAndStoresIt() throws Exception {
    StringBuilder script = new StringBuilder("practice fraud-checkout\n");
    for (int i = 1; i <= 10; i++) {
      script.append("answer number ").append(i).append("\nnext\n");
    }
    Result result = run(env(), script.toString(), "console", "--user", "alice");

    assertThat(result.status()).isZero();
    assertThat(result.err())
        .isEqualTo("coach: created a new database at " + database() + "." + System.lineSeparator());
    assertThat(result.out())
        .contains("Hi alice")
        .contains("Section 10 of 10")
        .contains("Scorecard: Fraud scoring at checkout");
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database());
        var rows =
            connection
                .createStatement()
                .executeQuery(
                    "SELECT count(*), min(s.state), min(s.user_id) FROM answers a"
                        + " JOIN practice_sessions s ON s.id = a.session_id")) {
      rows.next();
      assertThat(rows.getInt(1)).isEqualTo(10);
      assertThat(rows.getString(2)).isEqualTo("completed");
      assertThat(rows.getString(3)).isEqualTo("console:alice");
    }
  }

  @Test
  void buttonsShowAsTheWordsToTypeAndHelpListsQuit() {
    Result result =
        run(env(), "help\npractice fraud-checkout\nprogress\nforget\n", "console", "--user", "gus");
    assertThat(result.out())
        .contains("  - `timezone`: ")
        .contains("  - `quit`: leave the console; your answers are saved")
        .contains("\n  Type `next`, `skip`, `hint` or `stop`.\n")
        .containsPattern("\n  Type `practice [a-z-]+`\\.\n")
        .contains("\n  Type `forget confirm`.\n")
        .doesNotContain("[Next]")
        .doesNotContain("[Delete all my data]");
  }

  @Test
  void quitEndsAndTheNextRunOffersToResume() throws Exception {
    Result first =
        run(
            env(),
            "practice nearby-places\nsome answer\nquit\nnever read\n",
            "console",
            "--user",
            "bob");
    assertThat(first.out()).contains("is saved; say `resume` next time");
    assertThat(first.out().strip()).as("nothing after the goodbye").endsWith("next time.");
    try (var connection = DriverManager.getConnection("jdbc:sqlite:" + database());
        var rows = connection.createStatement().executeQuery("SELECT text FROM answers")) {
      assertThat(rows.next()).isTrue();
      assertThat(rows.getString(1)).isEqualTo("some answer");
      assertThat(rows.next()).as("the line after quit is never read").isFalse();
    }
    Result again = run(env(), "resume\n", "console", "--user", "bob");
    assertThat(again.out()).contains("You have a session in progress").contains("Resuming");
  }

  @Test
  void quitWithNoOpenSessionDoesNotOfferToResume() {
    Result result = run(env(), "help\nquit\n", "console", "--user", "quinn");
    assertThat(result.out()).contains("Bye.").doesNotContain("resume` next time");
  }

  @Test
  void anUnusableDataFolderStopsWithOneSentence() throws Exception {
    Path blocker = Files.writeString(folder.resolve("file"), "not a folder");
    Result result =
        run(
            Map.of("COACH_DB_URL", "jdbc:sqlite:" + blocker.resolve("coach.db")),
            "help\n",
            "console");
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "coach: "
                + blocker
                + " is not a folder, so the database cannot go there; correct COACH_DB_URL."
                + System.lineSeparator());
    assertThat(result.out()).isEmpty();
  }

  @Test
  void aNewDatabaseIsAnnouncedOnceAndAMistypedFolderIsNotCreated() {
    Result first = run(env(), "help\n", "console", "--user", "erin");
    assertThat(first.err())
        .isEqualTo("coach: created a new database at " + database() + "." + System.lineSeparator());
    assertThat(run(env(), "help\n", "console", "--user", "erin").err()).isEmpty();

    Path typo = folder.resolve("dtaa");
    Result mistyped =
        run(Map.of("COACH_DB_URL", "jdbc:sqlite:" + typo.resolve("coach.db")), "help\n", "console");
    assertThat(mistyped.status()).isEqualTo(1);
    assertThat(mistyped.err())
        .isEqualTo(
            "coach: The folder "
                + typo
                + " for the database does not exist; create it first, or correct COACH_DB_URL."
                + System.lineSeparator());
    assertThat(typo).doesNotExist();
  }

  @Test
  void onlyTheDefaultDataFolderIsCreated() {
    Services.createDefaultFolder("jdbc:sqlite:data/coach.db", folder);
    assertThat(folder.resolve("data")).isDirectory();
    Services.createDefaultFolder("jdbc:sqlite:dta/coach.db", folder);
    Services.createDefaultFolder("jdbc:sqlite:data/more/coach.db", folder);
    assertThat(folder.resolve("dta")).doesNotExist();
    assertThat(folder.resolve("data/more")).doesNotExist();
  }

  /**
   * Tests run as root, who may write any file, so this marks the file read-only for everyone (mode
   * 0444): Coach refuses such a file for root too, which is what is checked here. For other users
   * the same message comes from the file not being writable by them.
   */
  @Test
  void aReadOnlyDatabaseFileIsReportedAsTheFile() throws Exception {
    run(env(), "", "console", "--user", "fay");
    Files.setPosixFilePermissions(database(), PosixFilePermissions.fromString("r--r--r--"));
    Result result = run(env(), "help\n", "console", "--user", "fay");
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "coach: The database file "
                + database()
                + " is read-only; make it writable (chmod u+w) or point COACH_DB_URL at another"
                + " file."
                + System.lineSeparator());
  }

  @Test
  void aFolderAsTheDatabaseFailsAtOnce() {
    long start = System.nanoTime();
    Result result = run(Map.of("COACH_DB_URL", "jdbc:sqlite:" + folder), "help\n", "console");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .isEqualTo(
            "coach: COACH_DB_URL names the folder "
                + folder
                + ", not a database file; name a file in it, such as "
                + folder.resolve("coach.db")
                + "."
                + System.lineSeparator());
  }

  @Test
  void aPostgresqlServerThatIsNotThereFailsWithinSeconds() {
    long start = System.nanoTime();
    Result result =
        run(Map.of("COACH_DB_URL", "jdbc:postgresql://127.0.0.1:1/coach"), "help\n", "console");
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(8));
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err())
        .startsWith("coach: Cannot open the database jdbc:postgresql://127.0.0.1:1/coach (")
        .hasLineCount(1);
  }

  @Test
  void aBadDatabaseUrlStopsWithOneSentence() {
    Result result = run(Map.of("COACH_DB_URL", "oracle:thin"), "", "console");
    assertThat(result.status()).isEqualTo(1);
    assertThat(result.err().strip())
        .isEqualTo(
            "coach: COACH_DB_URL must be a jdbc:sqlite: or jdbc:postgresql: URL, not 'oracle:thin'.");
  }

  @Test
  void aBadUserNameIsRefused() {
    Result result = run(env(), "", "console", "--user", "not ok!");
    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err()).contains("--user takes 1 to 64 letters");
  }

  @Test
  void everyCommandHasHelp() {
    for (String command : new String[] {"console", "run", "grade", "progress", "bench"}) {
      Result result = run(env(), "", command, "--help");
      assertThat(result.status()).isZero();
      assertThat(result.out()).contains("Usage: coach " + command);
    }
    assertThat(run(env(), "", "--help").out()).contains("console").contains("run");
  }
}
