package coach.core.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.chat.Reply;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPrompts;
import coach.core.daily.DailyPublisher;
import coach.core.daily.DailyRequest;
import coach.core.daily.RetryPolicy;
import coach.core.storage.Database;
import coach.core.testing.ChildJvm;
import coach.core.testing.TestDatabases;
import coach.core.testing.TestFeatures;
import com.sun.net.httpserver.HttpServer;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two Coach instances, each a process of its own, on one PostgreSQL: 100 channels' daily prompts
 * due at the same minute are each posted exactly once, and when one instance is killed in the
 * middle of the burst the other finishes it: the timers the dead one had taken (Quartz's cluster
 * recovery), the posts it had claimed (their delivery lease runs out and the sweep delivers them)
 * and the channels' next timers. A post the dead instance had already sent is sent again with the
 * same nonce, which the platform answers with the earlier message, as Discord does with {@code
 * enforce_nonce}. Prints the failover time.
 */
class ClusterTest {

  /** How long one delivery may take before another instance may deliver the post instead. */
  static final Duration LEASE = Duration.ofSeconds(5);

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final int CHANNELS = 100;
  private static final Duration PLATFORM_DELAY = Duration.ofMillis(300);

  @TempDir Path folder;

  /**
   * A platform that takes posts over HTTP, slowly, and answers a repeated nonce with its message.
   */
  private static final class Platform {
    record Message(String channel, String member, Instant at) {}

    final List<Message> messages = new ArrayList<>();
    final Map<String, String> byNonce = new HashMap<>();
    int repeatedNonces;
    final HttpServer server;

    Platform() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(32));
      server.createContext(
          "/post",
          exchange -> {
            String[] fields =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split(" ");
            sleep(PLATFORM_DELAY);
            String ref;
            synchronized (this) {
              ref = byNonce.get(fields[0]);
              if (ref == null) {
                messages.add(new Message(fields[1], fields[2], Instant.now()));
                ref = "m" + messages.size();
                byNonce.put(fields[0], ref);
              } else {
                repeatedNonces++;
              }
            }
            byte[] answer = ref.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/post";
    }

    synchronized long by(String member) {
      return messages.stream().filter(m -> m.member().equals(member)).count();
    }

    synchronized List<Message> all() {
      return List.copyOf(messages);
    }
  }

  @Test
  void twoInstancesPostEachScheduleOnceAndWhenOneIsKilledTheOtherFinishes() throws Exception {
    Platform platform = new Platform();
    List<Process> members = new ArrayList<>();
    try (EmbeddedPostgres postgres = EmbeddedPostgres.builder().start()) {
      String url = postgres.getJdbcUrl("postgres", "postgres");
      Database database = Database.open(url);
      try {
        // 40 s or more ahead: room for two JVMs to start on a loaded machine before it
        Instant minute =
            Instant.now()
                .plusSeconds(40)
                .truncatedTo(ChronoUnit.MINUTES)
                .plus(Duration.ofMinutes(1));
        configure(database, minute);

        Process a = start(url, platform, "A");
        Process b = start(url, platform, "B");
        members.add(a);
        members.add(b);
        awaitReady("A");
        awaitReady("B");

        // killed as soon as it has posted: the rest of its batch is in flight or taken
        await(() -> platform.by("A") >= 1, Duration.between(Instant.now(), minute).plusSeconds(60));
        a.destroyForcibly().waitFor();
        Instant killed = Instant.now();
        long beforeKill = platform.all().size();

        await(
            () ->
                platform.all().size() == CHANNELS
                    && TestDatabases.strings(
                                database, "SELECT id FROM daily_posts WHERE state = 'posted'")
                            .size()
                        == CHANNELS,
            Duration.ofSeconds(90));
        Instant done = Instant.now();

        List<Platform.Message> messages = platform.all();
        assertThat(messages.stream().map(Platform.Message::channel).distinct())
            .as("every channel posted once")
            .hasSize(CHANNELS);
        assertThat(messages).hasSize(CHANNELS);
        assertThat(platform.by("B")).isPositive();
        assertThat(beforeKill).as("killed in the middle of the burst").isLessThan(CHANNELS);
        assertThat(TestDatabases.strings(database, "SELECT state FROM daily_posts"))
            .hasSize(CHANNELS)
            .containsOnly("posted");
        // every channel has tomorrow's timer, the dead instance's channels too
        await(
            () ->
                TestDatabases.strings(
                            database,
                            "SELECT trigger_name FROM qrtz_triggers WHERE trigger_group ="
                                + " 'daily-post'")
                        .size()
                    == CHANNELS,
            Duration.ofSeconds(30));
        Instant lastPost = messages.get(messages.size() - 1).at();
        System.out.printf(
            Locale.ROOT,
            "cluster: %d channels due at %s; A posted %d before it was killed, B %d in all; %d"
                + " resent with a known nonce; killed with %d of %d posted, the last post %.1f s"
                + " after the kill, all recorded %.1f s after it%n",
            CHANNELS,
            minute,
            platform.by("A"),
            platform.by("B"),
            platform.repeatedNonces,
            beforeKill,
            CHANNELS,
            Duration.between(killed, lastPost).toMillis() / 1000.0,
            Duration.between(killed, done).toMillis() / 1000.0);
      } finally {
        members.forEach(Process::destroyForcibly);
        for (Process p : members) {
          p.waitFor();
        }
        database.close();
      }
    } finally {
      platform.server.stop(0);
    }
  }

  /** 100 channels with a daily prompt at {@code minute} (UTC), stored as Coach would. */
  private static void configure(Database database, Instant minute) {
    Scheduling scheduling = Scheduling.create(database, "cluster");
    try {
      DailyPrompts daily =
          TestFeatures.daily(
              database,
              Clock.systemUTC(),
              ZoneOffset.UTC,
              new DailyPrompts.Settings(Duration.ofHours(3), Set.of(), RetryPolicy.DEFAULT, LEASE),
              scheduling);
      daily.register("slack", new Unused());
      String time = minute.atOffset(ZoneOffset.UTC).toLocalTime().toString();
      Sender organiser = new Sender(UserId.slack("T1", "UORG"), "Olga");
      for (int i = 0; i < CHANNELS; i++) {
        daily.command(
            new DailyRequest(
                ChannelRef.slack("T1", "C" + i),
                organiser,
                "configure-" + i,
                "at " + time + " zone UTC",
                true,
                Optional::empty));
      }
    } finally {
      scheduling.close();
    }
  }

  private Process start(String url, Platform platform, String name) throws IOException {
    return ChildJvm.start(
        ClusterMember.class, folder.resolve(name + ".log"), url, platform.url(), name);
  }

  private void awaitReady(String name) throws InterruptedException {
    ChildJvm.awaitLine(folder.resolve(name + ".log"), "ready " + name, Duration.ofSeconds(60));
  }

  private static void await(BooleanSupplier condition, Duration patience)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(patience);
    while (!condition.getAsBoolean()) {
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("timed out after " + patience);
      }
      Thread.sleep(50);
    }
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The configuring process posts nothing. */
  private static final class Unused implements DailyPublisher {
    @Override
    public Receipt publish(DailyPost post) {
      throw new AssertionError("the configuring process posts nothing");
    }

    @Override
    public void directMessage(UserId user, Reply message) {}
  }
}
