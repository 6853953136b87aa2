package coach.core.storage;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Handle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes small rows that many threads produce at once (the inbound journal's entries) in shared
 * transactions: each caller {@link #submit}s its item and may wait for the future, which completes
 * once the transaction holding it committed. One thread takes whatever is queued, up to {@code
 * maxBatch} items, and writes it in one transaction; so under load many items cost one turn at
 * SQLite's single writer instead of one each. Thread-safe; {@link #close} writes what is queued.
 *
 * @param <T> what one item is
 */
public final class WriteBatcher<T> implements AutoCloseable {

  private static final Logger log = LoggerFactory.getLogger(WriteBatcher.class);

  /** Writes one batch of items within the given transaction. */
  @FunctionalInterface
  public interface Writer<T> {
    void write(Handle handle, List<T> items);
  }

  private record Pending<T>(T item, CompletableFuture<Void> written) {}

  private static final Pending<Object> STOP = new Pending<>(null, null);

  private final Database database;
  private final int maxBatch;
  private final Writer<T> writer;
  private final BlockingQueue<Pending<?>> queue = new LinkedBlockingQueue<>();
  private final Thread thread;
  private volatile boolean closed;

  public WriteBatcher(Database database, String name, int maxBatch, Writer<T> writer) {
    this.database = database;
    this.maxBatch = maxBatch;
    this.writer = writer;
    this.thread = new Thread(this::run, name);
    thread.setDaemon(true);
    thread.start();
  }

  /**
   * Queues {@code item}; the future completes when it is committed, or exceptionally when its batch
   * failed or the batcher is closed.
   */
  public CompletableFuture<Void> submit(T item) {
    CompletableFuture<Void> written = new CompletableFuture<>();
    if (closed) {
      written.completeExceptionally(new IllegalStateException("the batcher is closed"));
      return written;
    }
    queue.add(new Pending<>(item, written));
    return written;
  }

  @SuppressWarnings("unchecked")
  private void run() {
    List<Pending<T>> batch = new ArrayList<>();
    while (true) {
      Pending<?> first;
      try {
        first = queue.take();
      } catch (InterruptedException e) {
        return;
      }
      boolean stop = first == STOP;
      if (!stop) {
        batch.add((Pending<T>) first);
      }
      List<Pending<?>> more = new ArrayList<>();
      queue.drainTo(more, maxBatch - batch.size());
      for (Pending<?> p : more) {
        if (p == STOP) {
          stop = true;
        } else {
          batch.add((Pending<T>) p);
        }
      }
      if (!batch.isEmpty()) {
        write(batch);
        batch.clear();
      }
      if (stop) {
        // anything queued after the stop is refused, not left waiting
        Pending<?> late;
        while ((late = queue.poll()) != null) {
          if (late != STOP) {
            late.written()
                .completeExceptionally(new IllegalStateException("the batcher is closed"));
          }
        }
        return;
      }
    }
  }

  private void write(List<Pending<T>> batch) {
    List<T> items = batch.stream().map(Pending::item).toList();
    try {
      database.inTransaction(
          h -> {
            writer.write(h, items);
            return null;
          });
      batch.forEach(p -> p.written().complete(null));
    } catch (RuntimeException e) {
      log.warn("could not write {} queued rows", items.size(), e);
      batch.forEach(p -> p.written().completeExceptionally(e));
    }
  }

  /** Writes what is queued, then stops the thread (waiting for it a few seconds at most). */
  @Override
  public void close() {
    if (closed) {
      return;
    }
    closed = true;
    queue.add(STOP);
    try {
      thread.join(TimeUnit.SECONDS.toMillis(5));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
