package coach.core.bench;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Lanes;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.LearnedCoverageDetector;
import coach.core.coverage.LexicalCoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Two Coach instances on one embedded PostgreSQL, each with its own connection pool, per-user lanes
 * and reply outbox (replies go to a platform that takes them at once): DM events at a fixed rate
 * (open loop), each to a random instance, users writing practice sessions (start, then an answer
 * per section). Prints event-to-reply p50 and p99 per rate: the core's share of the two-instance
 * figure, without the platforms' network. Not a test; run it with
 *
 * <pre>
 * ./mvnw -o -q -pl bot-core test-compile exec:java -Dexec.classpathScope=test \
 *   -Dexec.mainClass=coach.core.bench.PostgresLoadBench -Dexec.args="400 800 1000 1200"
 * </pre>
 */
public final class PostgresLoadBench {

  private PostgresLoadBench() {}

  private static final int SECONDS = 20;
  private static final int WARMUP_SECONDS = 5;

  public static void main(String[] args) throws Exception {
    List<Integer> rates =
        args.length == 0
            ? List.of(400, 800, 1000, 1200)
            : Arrays.stream(args).map(Integer::parseInt).toList();
    Curriculum curriculum = CurriculumLoader.loadDefault();
    LearnedCoverageDetector detector =
        LearnedCoverageDetector.shipped(LexicalCoverageDetector.create(curriculum));
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      System.out.println("rate/s   p50 ms    p99 ms   within 250 ms");
      int round = 0;
      for (int rate : rates) {
        String name = "load" + round++;
        try (var c = postgres.getPostgresDatabase().getConnection();
            var s = c.createStatement()) {
          s.execute("CREATE DATABASE " + name);
        }
        String url = postgres.getJdbcUrl("postgres", name);
        try (Database a = Database.open(url);
            Database b = Database.open(url)) {
          double[] p = run(rate, curriculum, detector, a, b);
          System.out.printf(
              Locale.ROOT,
              "%6d   %6.1f   %7.1f   %s%n",
              rate,
              p[0],
              p[1],
              p[1] <= 250 ? "yes" : "no");
        }
      }
    }
    System.exit(0);
  }

  private static double[] run(
      int rate, Curriculum curriculum, LearnedCoverageDetector detector, Database... databases)
      throws Exception {
    Coach[] coaches = new Coach[databases.length];
    Lanes[] lanes = new Lanes[databases.length];
    for (int i = 0; i < databases.length; i++) {
      coaches[i] = new Coach(databases[i], curriculum, detector, Clock.systemUTC(), ZoneOffset.UTC);
      coaches[i].outbox().register("discord", (user, reply, key) -> {});
      lanes[i] = new Lanes(8, "instance-" + i);
    }
    int users = 6 * rate;
    int sections = curriculum.sections().size();
    int total = rate * (WARMUP_SECONDS + SECONDS);
    long[] latency = new long[total];
    CountDownLatch done = new CountDownLatch(total);
    Random random = new Random(42);
    long period = 1_000_000_000L / rate;
    long start = System.nanoTime();
    for (int i = 0; i < total; i++) {
      long due = start + i * period;
      long wait = due - System.nanoTime();
      if (wait > 0) {
        TimeUnit.NANOSECONDS.sleep(wait);
      }
      int user = i % users;
      int turn = i / users;
      int step = turn % (sections + 1);
      String text =
          step == 0
              ? "practice fraud-checkout"
              : "I would log every decision with its score and watch the chargeback rate weekly";
      UserId id = UserId.discord(String.valueOf(100_000 + user));
      Inbound event =
          new Inbound.Message(new Sender(id, "u" + user, Optional.empty()), "e" + i, text);
      int instance = random.nextInt(coaches.length);
      int index = i;
      lanes[instance].submit(
          id.value(),
          () -> {
            coaches[instance].respond(event);
            latency[index] = System.nanoTime() - due;
            done.countDown();
          });
    }
    done.await(5, TimeUnit.MINUTES);
    for (int i = 0; i < coaches.length; i++) {
      lanes[i].close();
      coaches[i].outbox().unregister("discord");
    }
    long[] measured = Arrays.copyOfRange(latency, rate * WARMUP_SECONDS, total);
    Arrays.sort(measured);
    return new double[] {
      measured[measured.length / 2] / 1e6, measured[(int) (measured.length * 0.99)] / 1e6
    };
  }
}
