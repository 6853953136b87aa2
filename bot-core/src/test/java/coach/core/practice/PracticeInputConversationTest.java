package coach.core.practice;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import coach.core.testing.TestDatabases;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a user or a platform sends that is not a plain new answer: bad input, text over the limit, a
 * redelivered message, and edits of earlier messages.
 */
class PracticeInputConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;
  private final MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
  private Database database;
  private Conversation alice;

  @BeforeEach
  void openCoach() {
    database = TestDatabases.open(folder);
    alice =
        new Conversation(
            new Coach(
                database,
                CURRICULUM,
                new ConceptIdDetector(CURRICULUM),
                clock,
                ZoneId.of("Europe/Berlin"),
                2),
            new Sender(UserId.console("alice"), "alice"));
  }

  @AfterEach
  void closeDatabase() {
    database.close();
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
    assertThat(alice.say("timezone Mars/Olympus")).contains("I don't know the time zone");
    assertThat(alice.say("\u0000\u001b[31mblock the\u0007 payment\u0000")).contains("Follow-up:");

    String huge = "word ".repeat(10_000).strip();
    assertThat(alice.say(huge)).doesNotContain("very long");

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
    assertThat(reply)
        .contains("kept the first 100,000 characters")
        .contains("I graded the first 20,000 characters");
    assertThat(rows("SELECT length(text) AS n FROM answers")).containsExactly(Map.of("n", 100_000));
  }

  @Test
  void anAnswerOfExactlyTheGradedLengthIsGradedWhole() {
    alice.say("practice fraud-checkout");
    int graded = CoverageDetector.MAX_GRADED_CHARS;
    assertThat(alice.say("y".repeat(graded))).doesNotContain("I graded the first");
    assertThat(alice.say("y".repeat(graded + 1)))
        .contains("I graded the first 20,000 characters of that; the whole answer is saved.");
  }

  @Test
  void aRedeliveredMessageIsStoredOnceAndAnsweredOnce() {
    alice.say("practice fraud-checkout");
    assertThat(alice.sayWithId("slack-msg-1", "block risky payments")).isPresent();
    assertThat(alice.sayWithId("slack-msg-1", "block risky payments")).isEmpty();
    assertThat(alice.sayWithId("slack-msg-2", "next")).isPresent();
    assertThat(alice.sayWithId("slack-msg-2", "next")).isEmpty();
    assertThat(rows("SELECT CAST(count(*) AS INTEGER) AS n FROM answers"))
        .containsExactly(Map.of("n", 1));
    assertThat(rows("SELECT current_section FROM practice_sessions"))
        .containsExactly(Map.of("current_section", "assumptions"));
  }

  @Test
  void anEditedAnswerIsKeptBesideTheFirstWordingAndCreditsOnlyWhatItAdds() {
    alice.say("practice fraud-checkout");
    alice.sayWithId("msg-1", "we block risky payments: decision.action");
    String costs = CURRICULUM.concept("decision.error_costs").orElseThrow().name();

    String edited =
        alice
            .edit(
                "edit-1", "msg-1", "we block risky payments: decision.action, decision.error_costs")
            .orElseThrow()
            .plainText();
    assertThat(edited)
        .contains("kept your edit with your " + CURRICULUM.section(0).title() + " answer")
        .contains("It adds: " + costs + ".");
    assertThat(alice.edit("edit-1", "msg-1", "again")).as("a redelivered edit").isEmpty();

    List<Map<String, Object>> answers =
        rows("SELECT id, kind, text, revises FROM answers ORDER BY received_at, kind");
    assertThat(answers).hasSize(2);
    assertThat(answers.get(0)).containsEntry("kind", "answer").containsEntry("revises", null);
    assertThat(answers.get(1))
        .containsEntry("kind", "edit")
        .containsEntry("revises", answers.get(0).get("id"))
        .containsEntry("text", "we block risky payments: decision.action, decision.error_costs");
    assertThat(
            rows(
                "SELECT concept_id FROM coverage_events WHERE answer_id = '%s'"
                    .formatted(answers.get(1).get("id"))))
        .as("only the concept the edit adds is counted again")
        .containsExactly(Map.of("concept_id", "decision.error_costs"));

    // The same message edited again: concepts of every earlier version count as had.
    assertThat(
            alice
                .edit("edit-2", "msg-1", "decision.error_costs and decision.action")
                .orElseThrow()
                .plainText())
        .contains("doesn't add concepts");
  }

  @Test
  void editsOfNonAnswersEmptyEditsAndEditsAfterTheSessionChangeNoScores() {
    alice.say("practice fraud-checkout");
    alice.sayWithId("msg-1", "decision.action");
    alice.sayWithId("msg-2", "what's the latency budget?");
    alice.sayWithId("msg-3", "next");
    assertThat(alice.edit("edit-2", "msg-2", "decision.goal").orElseThrow().plainText())
        .as("a question to the interviewer")
        .contains("wasn't an answer");
    assertThat(alice.edit("edit-2b", "msg-3", "decision.goal").orElseThrow().plainText())
        .as("a command")
        .contains("wasn't an answer");
    assertThat(alice.edit("edit-3", "msg-1", "  ").orElseThrow().plainText())
        .contains("earlier answer stays as it was");
    assertThat(rows("SELECT CAST(count(*) AS INTEGER) AS n FROM answers WHERE kind = 'edit'"))
        .containsExactly(Map.of("n", 0));

    alice.say("stop");
    alice.say("practice fraud-checkout"); // a new session is open: the edit is not about it
    assertThat(alice.edit("edit-4", "msg-1", "decision.goal").orElseThrow().plainText())
        .contains("That session has ended, so its scorecard stays as it was");
    assertThat(rows("SELECT kind, text FROM answers WHERE kind = 'edit'"))
        .as("the edit is kept all the same")
        .containsExactly(Map.of("kind", "edit", "text", "decision.goal"));
    assertThat(
            rows(
                "SELECT CAST(count(*) AS INTEGER) AS n FROM coverage_events WHERE concept_id = 'decision.goal'"
                    + " AND outcome = 'covered'"))
        .containsExactly(Map.of("n", 0));
  }

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }
}
