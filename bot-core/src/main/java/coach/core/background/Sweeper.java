package coach.core.background;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A daemon thread that runs one task every so often (a fixed delay after each run ends), and once
 * more at once on {@link #now}. The task should catch its own failures: one that throws is not run
 * again.
 */
public final class Sweeper {

  private final ScheduledExecutorService executor;
  private final Runnable task;

  private Sweeper(String name, Runnable task) {
    this.task = task;
    this.executor =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread thread = new Thread(r, name);
              thread.setDaemon(true);
              return thread;
            });
  }

  /** Starts a thread {@code name} that runs {@code task} every {@code every}, first after one. */
  public static Sweeper start(String name, Duration every, Runnable task) {
    Sweeper sweeper = new Sweeper(name, task);
    long millis = every.toMillis();
    sweeper.executor.scheduleWithFixedDelay(task, millis, millis, TimeUnit.MILLISECONDS);
    return sweeper;
  }

  /** Runs the task once more, as soon as the thread is free; nothing once stopped. */
  public void now() {
    try {
      executor.execute(task);
    } catch (RejectedExecutionException e) {
      // stopped
    }
  }

  /** Stops the thread, letting a running task finish for at most {@code patience}. */
  public void stop(Duration patience) {
    executor.shutdown();
    try {
      executor.awaitTermination(patience.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
