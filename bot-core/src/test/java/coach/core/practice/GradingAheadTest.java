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
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An answer is graded once, before its transaction: grading is the costliest step of an event, and
 * inside the transaction it would hold SQLite's single writer while it runs.
 */
class GradingAheadTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();

  @TempDir Path folder;

  /** Records each grading, and whether a database transaction was open on the grading thread. */
  private static final class WatchingDetector implements CoverageDetector {
    record Grading(String answer, Optional<String> section, boolean inTransaction) {}

    final List<Grading> gradings = new CopyOnWriteArrayList<>();
    private final ConceptIdDetector inner = new ConceptIdDetector(CURRICULUM);

    @Override
    public SortedSet<String> detect(
        String answer, Optional<String> promptId, Optional<String> sectionId) {
      // a transaction's work runs on the database's writer thread, or in the caller's
      // Database.inTransaction (PostgreSQL, or a call nested in a transaction)
      boolean inTransaction =
          Thread.currentThread().getName().equals("coach-db-writer")
              || StackWalker.getInstance()
                  .walk(
                      frames ->
                          frames.anyMatch(
                              f ->
                                  f.getClassName().equals(Database.class.getName())
                                      && f.getMethodName().equals("inTransaction")));
      gradings.add(new Grading(answer, sectionId, inTransaction));
      return inner.detect(answer, promptId, sectionId);
    }
  }

  @Test
  void anAnswerIsGradedOnceOutsideItsTransactionAndTheStoredCreditsAreTheSame() {
    WatchingDetector detector = new WatchingDetector();
    try (Database db = TestDatabases.open(folder)) {
      Coach coach =
          new Coach(
              db, CURRICULUM, detector, MutableClock.at("2026-12-07T10:00:00Z"), ZoneOffset.UTC);
      Conversation ana =
          new Conversation(coach, new Sender(UserId.console("ana"), "Ana", Optional.empty()));
      ana.say("practice");
      assertThat(detector.gradings).isEmpty();

      String answer = "we act on decision.action and pay decision.error_costs";
      String reply = ana.say(answer);

      assertThat(detector.gradings)
          .extracting(WatchingDetector.Grading::answer)
          .containsExactly(answer);
      assertThat(detector.gradings.get(0).inTransaction()).isFalse();
      assertThat(detector.gradings.get(0).section()).contains(CURRICULUM.section(0).id());
      // the credits of the grading done ahead are what the transaction stored
      assertThat(
              TestDatabases.strings(
                  db, "SELECT c.concept_id FROM answer_concepts c ORDER BY c.concept_id"))
          .containsExactly("decision.action", "decision.error_costs");
      assertThat(reply).isNotBlank();

      // a clarifying question is graded ahead too; a command is not graded at all
      ana.say("hint");
      ana.say("When do labels arrive?");
      assertThat(detector.gradings)
          .extracting(WatchingDetector.Grading::answer)
          .containsExactly(answer, "When do labels arrive?");
      assertThat(detector.gradings).noneMatch(WatchingDetector.Grading::inTransaction);
    }
  }
}
