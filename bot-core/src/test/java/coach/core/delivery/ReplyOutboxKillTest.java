package coach.core.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.curriculum.Section;
import coach.core.storage.Database;
import coach.core.testing.ChildJvm;
import coach.core.testing.TestDatabases;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * 500 scripted practice sessions (50 users, ten sessions each: {@code practice}, then an answer for
 * every section) against a Coach process that is killed at random moments and started again on the
 * same SQLite file. Coach acknowledges an event once it is in the inbound journal, before handling
 * it; the platform redelivers an event only until it is acknowledged (so an event acknowledged and
 * then cut off by a kill is saved by the journal alone), and drops a message whose nonce it has
 * seen (as Discord's {@code enforce_nonce} does). Afterwards every answer is stored once, every
 * event's reply reached the platform, and none was shown twice; the test prints how many sends the
 * nonce absorbed and how many events the journal replayed.
 */
class ReplyOutboxKillTest {

  private static final Curriculum CURRICULUM = CurriculumLoader.loadDefault();
  private static final int USERS = 50;
  private static final int SESSIONS_EACH = 10;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  @TempDir Path folder;

  /** The platform: what each user was shown, and how many sends a known nonce absorbed. */
  private static final class Platform implements AutoCloseable {
    final Map<String, Set<String>> nonces = new ConcurrentHashMap<>();
    final Map<String, List<String>> shown = new ConcurrentHashMap<>();
    final AtomicInteger absorbed = new AtomicInteger();
    final HttpServer server;

    Platform() throws IOException {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      server.setExecutor(Executors.newFixedThreadPool(4));
      server.createContext(
          "/reply",
          exchange -> {
            String[] parts =
                new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)
                    .split("\t", 3);
            synchronized (this) {
              if (nonces
                  .computeIfAbsent(parts[0], u -> ConcurrentHashMap.newKeySet())
                  .add(parts[1])) {
                shown
                    .computeIfAbsent(
                        parts[0], u -> new java.util.concurrent.CopyOnWriteArrayList<>())
                    .add(parts[2]);
              } else {
                absorbed.incrementAndGet();
              }
            }
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
          });
      server.start();
    }

    String url() {
      return "http://127.0.0.1:" + server.getAddress().getPort() + "/reply";
    }

    int shownCount() {
      return shown.values().stream().mapToInt(List::size).sum();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** The Coach process and where it listens; replaced at every restart. */
  private final class Member {
    private final String url;
    private final String platform;
    private final AtomicReference<URI> events = new AtomicReference<>();
    private final AtomicInteger lives = new AtomicInteger();
    private Process process;

    Member(String url, String platform) {
      this.url = url;
      this.platform = platform;
    }

    synchronized void start() throws IOException, InterruptedException {
      int life = lives.incrementAndGet();
      Path log = folder.resolve("member-" + life + ".log");
      process = ChildJvm.start(KillMember.class, log, url, platform);
      String port = ChildJvm.awaitLine(log, "ready ", Duration.ofSeconds(60));
      events.set(URI.create("http://127.0.0.1:" + port + "/event"));
    }

    synchronized void kill() throws InterruptedException {
      events.set(null);
      process.destroyForcibly().waitFor();
    }

    /** Sends one event until the process has acknowledged it (through deaths and restarts). */
    void deliver(String user, String eventId, String text) throws InterruptedException {
      String body = user + "\t" + eventId + "\t" + text;
      while (true) {
        URI target = events.get();
        if (target != null) {
          try {
            HttpResponse<Void> response =
                HTTP.send(
                    HttpRequest.newBuilder(target)
                        .timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                    HttpResponse.BodyHandlers.discarding());
            if (response.statusCode() == 200) {
              return;
            }
          } catch (IOException e) {
            // killed mid-request: the platform sends it again
          }
        }
        Thread.sleep(50);
      }
    }
  }

  @Test
  void killsAtRandomMomentsLoseNoAnswerAndNoReplyAndShowNothingTwice() throws Exception {
    String url = TestDatabases.sqliteUrl(folder);
    Database.open(url).close(); // migrated once, before the first life
    List<Section> sections = CURRICULUM.sections();
    int eventsEach = SESSIONS_EACH * (1 + sections.size());
    try (Platform platform = new Platform()) {
      Member member = new Member(url, platform.url());
      member.start();
      ExecutorService users = Executors.newFixedThreadPool(16);
      List<Future<?>> scripts = new ArrayList<>();
      for (int u = 0; u < USERS; u++) {
        String user = "discord:" + (1000 + u);
        scripts.add(
            users.submit(
                () -> {
                  int n = 0;
                  for (int s = 0; s < SESSIONS_EACH; s++) {
                    member.deliver(user, "e" + n++, "practice fraud-checkout");
                    for (Section section : sections) {
                      member.deliver(
                          user,
                          "e" + n++,
                          "For "
                              + section.title()
                              + " I would start from the decision it drives,"
                              + " then name what it costs when it is wrong, session "
                              + s
                              + ".");
                    }
                  }
                  return null;
                }));
      }
      Random random = new Random();
      int kills = 0;
      while (scripts.stream().anyMatch(f -> !f.isDone())) {
        Thread.sleep(2_500 + random.nextInt(2_500));
        if (scripts.stream().allMatch(Future::isDone)) {
          break;
        }
        member.kill();
        kills++;
        member.start();
      }
      for (Future<?> script : scripts) {
        script.get();
      }
      users.shutdown();
      int events = USERS * eventsEach;
      await(() -> platform.shownCount() >= events, Duration.ofSeconds(60));
      Thread.sleep(1_500); // a late repeat would show now
      member.kill();

      System.out.printf(
          "kill test: %d events, %d kills, %d replies shown, %d repeats absorbed by the nonce, %d"
              + " acknowledged events replayed from the journal%n",
          events, kills, platform.shownCount(), platform.absorbed.get(), journalReplays());
      assertThat(kills).as("the process was killed").isGreaterThanOrEqualTo(3);
      assertThat(platform.shownCount()).as("every event's reply, once").isEqualTo(events);
      try (Database database = Database.open(url)) {
        assertThat(TestDatabases.strings(database, "SELECT COUNT(*) FROM answers"))
            .containsExactly(String.valueOf(USERS * SESSIONS_EACH * sections.size()));
        assertThat(TestDatabases.strings(database, "SELECT COUNT(*) FROM processed_events"))
            .containsExactly(String.valueOf(events));
        assertThat(
                TestDatabases.strings(
                    database, "SELECT COUNT(*) FROM reply_outbox WHERE state <> 'sent'"))
            .containsExactly("0");
        assertThat(
                TestDatabases.strings(
                    database,
                    "SELECT COUNT(*) FROM inbound_journal j WHERE NOT EXISTS (SELECT 1 FROM"
                        + " processed_events p WHERE p.user_id = j.user_id AND p.event_id ="
                        + " j.event_id)"))
            .as("nothing left unhandled in the journal")
            .containsExactly("0");
        assertThat(
                TestDatabases.strings(
                    database, "SELECT COUNT(*) FROM practice_sessions WHERE ended_at IS NULL"))
            .as("every session ran to its end")
            .containsExactly("0");
      }
      for (int u = 0; u < USERS; u++) {
        List<String> seen = platform.shown.get("discord:" + (1000 + u));
        assertThat(seen).hasSize(eventsEach);
      }
    }
  }

  /** What the members' logs say they replayed from the journal at their starts. */
  private int journalReplays() throws IOException {
    java.util.regex.Pattern replayed =
        java.util.regex.Pattern.compile("(\\d+) messages a previous run had not handled");
    int total = 0;
    try (var logs = java.nio.file.Files.list(folder)) {
      for (Path log : logs.filter(p -> p.getFileName().toString().startsWith("member-")).toList()) {
        java.util.regex.Matcher m = replayed.matcher(java.nio.file.Files.readString(log));
        while (m.find()) {
          total += Integer.parseInt(m.group(1));
        }
      }
    }
    return total;
  }

  private static void await(BooleanSupplier condition, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + patience);
      }
      Thread.sleep(50);
    }
  }
}
