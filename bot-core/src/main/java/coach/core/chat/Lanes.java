package coach.core.chat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Worker threads for the work a platform adapter does behind an ack. Tasks with the same key (a
 * platform user) run one at a time in the order submitted, so a user's messages are answered in
 * order; different keys run in parallel. A failing task is logged and never stops its lane; a task
 * submitted after {@link #close()} is dropped with a debug line.
 */
public final class Lanes implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(Lanes.class);

  private final String name;
  private final List<ExecutorService> lanes = new ArrayList<>();
  private final CountDownLatch gate = new CountDownLatch(1);

  /**
   * @param count how many lanes (threads)
   * @param name thread name prefix, also used in log lines (e.g. {@code slack-work})
   */
  public Lanes(int count, String name) {
    this(count, name, false);
  }

  /**
   * Lanes that queue tasks but run none until {@link #open()}: for work queued before the adapter
   * can reply (messages a crash left unhandled, replayed before the platform connects).
   */
  public static Lanes held(int count, String name) {
    return new Lanes(count, name, true);
  }

  private Lanes(int count, String name, boolean held) {
    if (count < 1) {
      throw new IllegalArgumentException("at least one lane");
    }
    this.name = name;
    AtomicInteger number = new AtomicInteger();
    for (int i = 0; i < count; i++) {
      lanes.add(
          Executors.newSingleThreadExecutor(
              task -> {
                Thread thread = new Thread(task, name + "-" + number.incrementAndGet());
                thread.setDaemon(true);
                return thread;
              }));
    }
    if (held) {
      lanes.forEach(lane -> lane.execute(this::awaitOpen));
    } else {
      gate.countDown();
    }
  }

  private void awaitOpen() {
    try {
      gate.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Lets held lanes run what they queued, and all that follows; does nothing after the first. */
  public void open() {
    gate.countDown();
  }

  /**
   * Queues {@code task} behind earlier tasks of the same key. The task's log lines carry the
   * submitter's logging context (the event and user ids set where the event arrived).
   */
  public void submit(String key, Runnable task) {
    ExecutorService lane = lanes.get(Math.floorMod(key.hashCode(), lanes.size()));
    Map<String, String> context = MDC.getCopyOfContextMap();
    try {
      lane.execute(
          () -> {
            if (context != null) {
              MDC.setContextMap(context);
            }
            try {
              task.run();
            } catch (RuntimeException e) {
              log.error("{}: a task failed", name, e);
            } finally {
              MDC.clear();
            }
          });
    } catch (RejectedExecutionException e) {
      log.debug("{}: shutting down; an event arrived too late and was dropped", name);
    }
  }

  /** Stops taking work and waits up to five seconds for queued work to finish. */
  @Override
  public void close() {
    open();
    lanes.forEach(ExecutorService::shutdown);
    try {
      for (ExecutorService lane : lanes) {
        if (!lane.awaitTermination(5, TimeUnit.SECONDS)) {
          lane.shutdownNow();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      lanes.forEach(ExecutorService::shutdownNow);
    }
  }
}
