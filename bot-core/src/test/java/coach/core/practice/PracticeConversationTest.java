package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.RubricIds;
import coach.core.storage.Database;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Whole practice sessions through the chat port, with a fixed clock and a real database. */
class PracticeConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final CoverageDetector NOTHING_DETECTED =
      (answer, prompt, section) -> new TreeSet<>();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Conversation alice;

  @BeforeEach
  void openCoach() {
    database = TestDatabases.sqlite(folder);
    alice = new Conversation(newCoach(database), new Sender(UserId.console("alice"), "alice"));
  }

  @AfterEach
  void closeDatabase() {
    database.close();
  }

  private Coach newCoach(Database db) {
    return new Coach(db, CURRICULUM, NOTHING_DETECTED, clock, ZoneId.of("Europe/Berlin"));
  }

  @Test
  void aFullSessionAsksEverySectionInOrderAndStoresEveryAnswer() {
    String intro = alice.say("practice fraud-checkout");
    assertThat(intro)
        .contains(CURRICULUM.prompt("fraud-checkout").orElseThrow().title())
        .contains("Section 1 of 10: " + CURRICULUM.section(0).title());

    for (int i = 0; i < 10; i++) {
      clock.advance(Duration.ofMinutes(2));
      assertThat(alice.say("my answer for section " + (i + 1))).contains("Saved for");
      String next = alice.say("next");
      if (i < 9) {
        assertThat(next)
            .contains("Section " + (i + 2) + " of 10: " + CURRICULUM.section(i + 1).title());
      } else {
        assertThat(next).contains("Session complete").contains("Time: 20 minutes");
      }
    }

    List<Map<String, Object>> sessions = rows("SELECT * FROM practice_sessions");
    assertThat(sessions).hasSize(1);
    assertThat(sessions.get(0))
        .containsEntry("prompt_id", "fraud-checkout")
        .containsEntry("state", "completed")
        .containsEntry("user_id", "console:alice")
        .containsEntry("ended_at", clock.instant().toEpochMilli());
    List<Map<String, Object>> answers = rows("SELECT * FROM answers ORDER BY received_at");
    assertThat(answers)
        .extracting(a -> a.get("section"))
        .containsExactlyElementsOf(RubricIds.SECTIONS);
    assertThat(answers.get(3))
        .containsEntry("text", "my answer for section 4")
        .containsEntry("received_at", Instant.parse("2026-11-25T09:08:00Z").toEpochMilli());
    assertThat(rows("SELECT time_zone FROM users"))
        .containsExactly(Map.of("time_zone", "Europe/Berlin"));
  }

  @Test
  void aSessionSurvivesARestartAtTheSameSectionWithEarlierAnswersKept() {
    alice.say("practice churn-prediction");
    alice.say("the CS team acts on a daily list");
    alice.say("next");
    alice.say("about 2 million customers");
    database.close();

    // a new process: new database pool, new coach, same file
    database = TestDatabases.sqlite(folder);
    Conversation again = new Conversation(newCoach(database), alice.sender());
    assertThat(again.say("resume"))
        .contains("Resuming")
        .contains("1 answer here already")
        .contains("Section 2 of 10: " + CURRICULUM.section(1).title());
    assertThat(again.say("and the list is due by 8am"))
        .contains("Saved for " + CURRICULUM.section(1).title());
    assertThat(rows("SELECT section, text FROM answers ORDER BY received_at, text"))
        .extracting(r -> r.get("section") + ": " + r.get("text"))
        .containsExactlyInAnyOrder(
            "decision: the CS team acts on a daily list",
            "assumptions: about 2 million customers",
            "assumptions: and the list is due by 8am");
  }

  @Test
  void anAnswerAfterARestartContinuesWithoutResume() {
    alice.say("practice lead-scoring");
    database.close();
    database = TestDatabases.sqlite(folder);
    Conversation again = new Conversation(newCoach(database), alice.sender());
    assertThat(again.say("sales reps work the top of the list"))
        .contains("Saved for " + CURRICULUM.section(0).title());
  }

  @Test
  void badInputGetsAClearReplyAndTheSessionGoesOn() {
    alice.say("practice fraud-checkout");

    assertThat(alice.say("")).contains("empty");
    assertThat(alice.say("   \n\t ")).contains("empty");
    assertThat(alice.say("/teleport")).contains("`/teleport` isn't a command I know");
    assertThat(alice.say("practice no-such-prompt"))
        .contains("There's no prompt called `no-such-prompt`");
    assertThat(alice.say("practice fraud-chekout")).contains("Did you mean `fraud-checkout`?");
    assertThat(alice.say("\u0000\u001b[31mblock the\u0007 payment\u0000")).contains("Saved for");

    String huge = "word ".repeat(10_000).strip(); // 49,999 characters
    assertThat(alice.say(huge))
        .contains("Saved for")
        .contains("10000 words")
        .doesNotContain("very long");

    assertThat(rows("SELECT text FROM answers ORDER BY received_at, length(text)"))
        .extracting(r -> (String) r.get("text"))
        .containsExactly("[31mblock the payment", huge);
    assertThat(rows("SELECT current_section, state FROM practice_sessions"))
        .containsExactly(Map.of("current_section", "decision", "state", "active"));
    assertThat(alice.say("next")).contains("Section 2 of 10");
  }

  @Test
  void textBeyondTheLimitIsCutAndTheUserIsTold() {
    alice.say("practice fraud-checkout");
    String reply = alice.say("x".repeat(120_000));
    assertThat(reply).contains("kept the first 100,000 characters");
    assertThat(rows("SELECT length(text) AS n FROM answers")).containsExactly(Map.of("n", 100_000));
  }

  @Test
  void aRedeliveredMessageIsStoredOnceAndAnsweredOnce() {
    alice.say("practice fraud-checkout");
    assertThat(alice.sayWithId("slack-msg-1", "block risky payments")).isPresent();
    assertThat(alice.sayWithId("slack-msg-1", "block risky payments")).isEmpty();
    assertThat(alice.sayWithId("slack-msg-2", "next")).isPresent();
    assertThat(alice.sayWithId("slack-msg-2", "next")).isEmpty();
    assertThat(rows("SELECT count(*) AS n FROM answers")).containsExactly(Map.of("n", 1));
    assertThat(rows("SELECT current_section FROM practice_sessions"))
        .containsExactly(Map.of("current_section", "assumptions"));
  }

  @Test
  void skipBackPauseResumeAndStop() {
    alice.say("practice search-ranking");
    alice.say("people searching the shop");
    assertThat(alice.say("skip"))
        .contains("Skipped " + CURRICULUM.section(0).title())
        .contains("Section 2 of 10");
    assertThat(alice.say("back"))
        .contains("Back to " + CURRICULUM.section(0).title())
        .contains("Section 1 of 10");
    alice.say("and the goal is more purchases from search");
    assertThat(alice.say("pause")).contains("Paused at " + CURRICULUM.section(0).title());
    assertThat(rows("SELECT state FROM practice_sessions"))
        .containsExactly(Map.of("state", "paused"));

    clock.advance(Duration.ofDays(3));
    assertThat(alice.say("resume")).contains("2 answers here already").contains("Section 1 of 10");
    alice.say("next");
    String summary = alice.say("stop");
    assertThat(summary)
        .contains("Session stopped")
        .contains(CURRICULUM.section(0).title() + ": 2 answers")
        .contains(CURRICULUM.section(1).title() + ": stopped here")
        .contains(CURRICULUM.section(2).title() + ": not reached");
    assertThat(rows("SELECT state FROM practice_sessions"))
        .containsExactly(Map.of("state", "stopped"));
    assertThat(alice.say("next")).contains("There's no practice session");
    assertThat(alice.say("an answer with no session")).contains("haven't saved that");
  }

  @Test
  void hintNamesAConceptOfTheCurrentSection() {
    alice.say("practice fraud-checkout");
    String hint = alice.say("hint");
    assertThat(hint).startsWith("Hint: ");
    String conceptName = hint.lines().findFirst().orElseThrow().substring("Hint: ".length());
    assertThat(CURRICULUM.conceptsOf(CURRICULUM.section(0)))
        .anySatisfy(concept -> assertThat(concept.name()).isEqualTo(conceptName));
  }

  @Test
  void startingAnotherPromptClosesTheOpenSessionAndKeepsItsAnswers() {
    alice.say("practice fraud-checkout");
    alice.say("block or approve");
    assertThat(alice.say("practice nearby-places")).contains("I closed your unfinished session");
    assertThat(rows("SELECT prompt_id, state FROM practice_sessions ORDER BY state"))
        .containsExactly(
            Map.of("prompt_id", "nearby-places", "state", "active"),
            Map.of("prompt_id", "fraud-checkout", "state", "stopped"));
    assertThat(rows("SELECT count(*) AS n FROM answers")).containsExactly(Map.of("n", 1));
  }

  @Test
  void practiceWithoutAPromptPicksOneNotDoneYet() {
    alice.say("practice fraud-checkout");
    alice.say("stop");
    String intro = alice.say("practice");
    assertThat(intro).doesNotContain(CURRICULUM.prompt("fraud-checkout").orElseThrow().title());
    assertThat(intro).contains(CURRICULUM.prompts().get(1).title());
  }

  @Test
  void buttonsActLikeTheirWords() {
    alice.press("practice:start:ticket-triage");
    assertThat(alice.press("practice:next").orElseThrow().plainText()).contains("Section 2 of 10");
    assertThat(alice.press("practice:nonsense").orElseThrow().plainText())
        .contains("doesn't do anything");
  }

  @Test
  void helpAndPromptsListEverything() {
    String help = alice.say("help");
    for (var word : coach.core.chat.CommandWord.values()) {
      assertThat(help).contains("`" + word.word() + "`");
    }
    String prompts = alice.say("/prompts");
    CURRICULUM.prompts().forEach(p -> assertThat(prompts).contains("`" + p.id() + "`"));
  }

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }
}
