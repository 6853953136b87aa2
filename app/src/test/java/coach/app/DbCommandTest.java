package coach.app;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code coach db copy}: a team's database copied into a new file, with what was copied listed; the
 * same database twice or a target with data in it refused in one sentence.
 */
class DbCommandTest {

  @TempDir Path folder;

  private record Result(int status, String out, String err) {}

  private Result run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int status =
        Main.execute(
            new Main.Launch(
                Map.of(),
                new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)),
            args);
    return new Result(
        status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  private String url(String name) {
    return "jdbc:sqlite:" + folder.resolve(name);
  }

  @Test
  void aTeamsDatabaseIsCopiedIntoANewOneAndWhatWasCopiedIsListed() {
    try (Database team = Database.open(url("team.db"))) {
      var curriculum = CurriculumLoader.loadDefault();
      new Coach(
              team,
              curriculum,
              new ConceptIdDetector(curriculum),
              MutableClock.at("2026-12-07T09:00:00Z"),
              ZoneOffset.UTC)
          .handle(
              new Inbound.Command(
                  new Sender(UserId.slack("T1", "UANA"), "Ana"),
                  "e1",
                  CommandWord.PRACTICE,
                  Optional.empty()));
    }

    Result result = run("db", "copy", "--from", url("team.db"), "--to", url("copy.db"));

    assertThat(result.err()).isEmpty();
    assertThat(result.status()).isZero();
    assertThat(result.out())
        .startsWith("Copied ")
        .contains(" rows from " + url("team.db") + " to " + url("copy.db") + ":")
        .containsPattern("users +1")
        .containsPattern("practice_sessions +1");
    try (Database copy = Database.open(url("copy.db"))) {
      java.util.List<String> prompts =
          copy.withHandle(
              h ->
                  h.createQuery("SELECT prompt_id FROM practice_sessions")
                      .mapTo(String.class)
                      .list());
      assertThat(prompts).hasSize(1);
    }

    Result again = run("db", "copy", "--from", url("team.db"), "--to", url("copy.db"));
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err())
        .isEqualTo(
            "coach: The target database already holds data (table users); copy into a new, empty"
                + " database."
                + System.lineSeparator());
  }

  @Test
  void theSameDatabaseTwiceIsRefused() {
    Result result = run("db", "copy", "--from", url("team.db"), "--to", url("team.db"));

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("coach: --from and --to name the same database." + System.lineSeparator());
  }
}
