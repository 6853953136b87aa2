package coach.app;

import coach.core.Coach;
import coach.core.chat.Inbound;
import coach.core.chat.Sender;
import coach.core.chat.UserId;
import coach.core.coverage.CoverageDetector;
import coach.core.curriculum.Curriculum;
import coach.core.curriculum.CurriculumLoader;
import coach.core.storage.Database;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code coach bench session}: answers handled end to end (detect, store on a temporary SQLite
 * file, reply) with their p50/p99, and the heap each idle open session costs.
 */
final class SessionBench {

  private final int openSessions;
  private final int answers;
  private final long seed;

  SessionBench(int openSessions, int answers, long seed) {
    this.openSessions = openSessions;
    this.answers = answers;
    this.seed = seed;
  }

  int run(PrintStream out) throws Exception {
    java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("coach-bench");
    Curriculum curriculum = CurriculumLoader.loadDefault();
    CoverageDetector detector = Detectors.create(curriculum);
    try (Database database = Database.open("jdbc:sqlite:" + folder.resolve("bench.db"))) {
      Coach coach =
          new Coach(
              database,
              curriculum,
              detector,
              java.time.Clock.systemUTC(),
              java.time.ZoneOffset.UTC);
      Runtime runtime = Runtime.getRuntime();
      long heapBefore = usedHeapAfterGc(runtime);
      List<Sender> senders = new ArrayList<>();
      long openStart = System.nanoTime();
      for (int i = 0; i < openSessions; i++) {
        Sender sender = new Sender(UserId.console("bench" + i), "bench" + i);
        senders.add(sender);
        coach.handle(
            new Inbound.Message(
                sender,
                "open-" + i,
                "practice " + curriculum.prompts().get(i % curriculum.prompts().size()).id()));
      }
      double openSeconds = (System.nanoTime() - openStart) / 1e9;
      long heapAfter = usedHeapAfterGc(runtime);

      List<String[]> inputs = BenchAnswers.mixed(curriculum, answers, new Random(seed));
      int warmupAnswers = Math.min(500, inputs.size());
      long[] nanos = new long[inputs.size() - warmupAnswers];
      for (int i = 0; i < inputs.size(); i++) {
        Sender sender = senders.get(i % senders.size());
        long start = System.nanoTime();
        coach.handle(new Inbound.Message(sender, "answer-" + i, inputs.get(i)[0]));
        if (i >= warmupAnswers) {
          nanos[i - warmupAnswers] = System.nanoTime() - start;
        }
      }
      Arrays.sort(nanos);
      out.printf(
          Locale.ROOT,
          "opened %d sessions in %.1f s (%.2f ms each, on SQLite with full sync)%n"
              + "heap per idle open session: %.0f bytes (session state lives in the database)%n"
              + "answer handled end to end (detect, store, reply): %d answers, p50 %.2f ms, p99"
              + " %.2f ms, max %.2f ms%n",
          openSessions,
          openSeconds,
          openSeconds * 1000 / openSessions,
          Math.max(0, (double) (heapAfter - heapBefore) / openSessions),
          nanos.length,
          Percentiles.millis(nanos, 0.50),
          Percentiles.millis(nanos, 0.99),
          nanos[nanos.length - 1] / 1e6);
    } finally {
      OpenLoopLoad.deleteFolder(folder);
    }
    return 0;
  }

  private static long usedHeapAfterGc(Runtime runtime) throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      Thread.sleep(100);
    }
    return runtime.totalMemory() - runtime.freeMemory();
  }
}
