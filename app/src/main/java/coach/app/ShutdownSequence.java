package coach.app;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stops {@code coach run} step by step within a bounded time: each step (stop serving, finish the
 * timers in flight, close the platforms, close the database) gets what is left of the budget, and
 * at least {@link #GRACE_AFTER_BUDGET}. A step that fails or overruns is logged and left behind,
 * and the next one still runs, so the database is closed even when a platform hangs.
 */
final class ShutdownSequence {

  private static final Logger log = LoggerFactory.getLogger(ShutdownSequence.class);

  /** What a step still gets once the budget is spent, so the database is closed even then. */
  static final Duration GRACE_AFTER_BUDGET = Duration.ofSeconds(2);

  /** One named step. */
  record Step(String name, Runnable action) {}

  private final List<Step> steps = new ArrayList<>();
  private final Duration budget;
  private final LongSupplier nanoTime;

  ShutdownSequence(Duration budget) {
    this(budget, System::nanoTime);
  }

  ShutdownSequence(Duration budget, LongSupplier nanoTime) {
    this.budget = budget;
    this.nanoTime = nanoTime;
  }

  ShutdownSequence then(String name, Runnable action) {
    steps.add(new Step(name, action));
    return this;
  }

  /**
   * Runs the steps in order; returns the names of those that failed or did not finish in time
   * (empty: a clean stop).
   */
  List<String> run() {
    List<String> unfinished = new ArrayList<>();
    long deadline = nanoTime.getAsLong() + budget.toNanos();
    ExecutorService runner =
        Executors.newCachedThreadPool(
            task -> {
              Thread thread = new Thread(task, "coach-shutdown-step");
              thread.setDaemon(true);
              return thread;
            });
    try {
      for (Step step : steps) {
        long left = Math.max(GRACE_AFTER_BUDGET.toNanos(), deadline - nanoTime.getAsLong());
        Future<?> running = runner.submit(step.action());
        try {
          running.get(left, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
          running.cancel(true);
          log.warn(
              "shutting down: '{}' did not finish within the time left; going on", step.name());
          unfinished.add(step.name());
        } catch (ExecutionException e) {
          log.warn("shutting down: '{}' failed; going on", step.name(), e.getCause());
          unfinished.add(step.name());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          unfinished.add(step.name());
          break;
        }
      }
    } finally {
      runner.shutdownNow();
    }
    return unfinished;
  }
}
