package coach.core.storage;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.Coach;
import coach.core.chat.CommandWord;
import coach.core.chat.Inbound;
import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.testing.ConceptIdDetector;
import coach.core.testing.MutableClock;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CyclicBarrier;
import org.junit.jupiter.api.Test;

/**
 * Two Coach instances on one PostgreSQL, each receiving the same known user's {@code practice} at
 * the same moment (a user clicking twice, two gateway sessions): the database's per-user lock
 * orders them, so each user gets one session and nobody an apology for a clash.
 */
class PostgresOrderingTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final int USERS = 40;

  @Test
  void oneUsersEventsOnTwoInstancesAreHandledOneAtATime() throws Exception {
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start();
        Database database = Database.open(postgres.getJdbcUrl("postgres", "postgres"))) {
      MutableClock clock = MutableClock.at("2026-12-07T09:00:00Z");
      Coach first =
          new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
      Coach second =
          new Coach(database, CURRICULUM, new ConceptIdDetector(CURRICULUM), clock, ZoneOffset.UTC);
      ConcurrentLinkedQueue<String> replies = new ConcurrentLinkedQueue<>();

      for (int u = 0; u < USERS; u++) {
        Sender user = new Sender(UserId.slack("T1", "U" + u), "User " + u);
        first.handle(new Inbound.Command(user, "help" + u, CommandWord.HELP, Optional.empty()));
        CyclicBarrier together = new CyclicBarrier(2);
        List<Thread> threads = new ArrayList<>();
        for (Coach instance : List.of(first, second)) {
          String eventId = (instance == first ? "a" : "b") + u;
          threads.add(
              new Thread(
                  () -> {
                    try {
                      together.await();
                    } catch (Exception e) {
                      throw new IllegalStateException(e);
                    }
                    instance
                        .handle(
                            new Inbound.Command(
                                user, eventId, CommandWord.PRACTICE, Optional.empty()))
                        .map(Reply::plainText)
                        .ifPresent(replies::add);
                  }));
          threads.get(threads.size() - 1).start();
        }
        for (Thread t : threads) {
          t.join();
        }
      }

      assertThat(replies).hasSize(2 * USERS).noneMatch(r -> r.contains("something went wrong"));
      List<Long> openSessions =
          database.withHandle(
              h ->
                  h.createQuery(
                          "SELECT COUNT(*) FROM practice_sessions WHERE ended_at IS NULL GROUP BY"
                              + " user_id")
                      .mapTo(Long.class)
                      .list());
      assertThat(openSessions).hasSize(USERS).containsOnly(1L);
    }
  }
}
