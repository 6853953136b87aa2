package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.Conversation;
import coach.core.testing.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The same coach on PostgreSQL: one conversation through every kind of write (session, answers, a
 * redelivery, an edit, follow-ups, coverage, time zone, scorecard, export, forget), checked in the
 * stored rows. The SQLite tests cover the behaviour in detail; this one proves the SQL is portable.
 */
class PostgresConversationTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static EmbeddedPostgres postgres;
  private static Database database;

  @BeforeAll
  static void start() throws Exception {
    postgres = EmbeddedPostgres.builder().start();
    database = Database.open(postgres.getJdbcUrl("postgres", "postgres"));
  }

  @AfterAll
  static void stop() throws Exception {
    database.close();
    postgres.close();
  }

  private List<Map<String, Object>> rows(String sql) {
    return database.withHandle(handle -> handle.createQuery(sql).mapToMap().list());
  }

  @Test
  void aWholeConversationIsStoredAndForgottenOnPostgresql() {
    MutableClock clock = MutableClock.at("2026-11-25T09:00:00Z");
    Coach coach =
        new Coach(
            database,
            CURRICULUM,
            new ConceptIdDetector(CURRICULUM),
            clock,
            ZoneId.of("Europe/Berlin"),
            2);
    Conversation pat = new Conversation(coach, new Sender(UserId.console("pat"), "pat"));

    assertThat(pat.say("timezone America/New_York")).contains("America/New_York");
    assertThat(pat.say("practice fraud-checkout")).contains("Section 1 of 10");
    assertThat(pat.sayWithId("pg-1", "decision.action")).isPresent();
    assertThat(pat.sayWithId("pg-1", "decision.action")).as("a redelivery").isEmpty();
    assertThat(pat.edit("pg-edit-1", "pg-1", "decision.action and decision.user").orElseThrow())
        .satisfies(reply -> assertThat(reply.plainText()).contains("It adds: "));
    assertThat(pat.say("what's the latency budget?")).isNotBlank();
    clock.advance(Duration.ofMinutes(5));
    assertThat(pat.say("stop")).contains("Scorecard");

    assertThat(rows("SELECT kind FROM answers ORDER BY received_at, kind"))
        .extracting(row -> row.get("kind"))
        .containsExactly("answer", "edit", "question");
    assertThat(rows("SELECT time_zone FROM users"))
        .containsExactly(Map.of("time_zone", "America/New_York"));
    assertThat(
            rows(
                "SELECT concept_id FROM coverage_events WHERE outcome = 'covered' ORDER BY"
                    + " concept_id"))
        .extracting(row -> row.get("concept_id"))
        .contains("decision.action", "decision.user");
    Reply export =
        pat.reply(new Inbound.Message(pat.sender(), "pg-export", "export")).orElseThrow();
    Reply.Block.File file =
        export.blocks().stream()
            .filter(Reply.Block.File.class::isInstance)
            .map(Reply.Block.File.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(new String(file.data(), StandardCharsets.UTF_8))
        .as("the export has both wordings")
        .contains("\"decision.action\"")
        .contains("decision.action and decision.user");

    pat.say("forget");
    assertThat(pat.say("forget confirm")).contains("deleted");
    for (String table :
        List.of("users", "practice_sessions", "answers", "answer_concepts", "coverage_events")) {
      assertThat(rows("SELECT count(*) AS n FROM " + table))
          .as(table)
          .containsExactly(Map.of("n", 0L));
    }
  }
}
