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

  private CommandRun run(String... args) {
    return CommandRun.of(Map.of(), args);
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

    CommandRun result = run("db", "copy", "--from", url("team.db"), "--to", url("copy.db"));

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

    CommandRun again = run("db", "copy", "--from", url("team.db"), "--to", url("copy.db"));
    assertThat(again.status()).isEqualTo(1);
    assertThat(again.err())
        .isEqualTo(
            "coach: The target database already holds data (table users); copy into a new, empty"
                + " database."
                + System.lineSeparator());
  }

  @Test
  void theSameDatabaseTwiceIsRefused() {
    CommandRun result = run("db", "copy", "--from", url("team.db"), "--to", url("team.db"));

    assertThat(result.status()).isEqualTo(2);
    assertThat(result.err())
        .isEqualTo("coach: --from and --to name the same database." + System.lineSeparator());
  }
}
