package coach.core.daily;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/** A publisher for tests: keeps every post and DM, and fails the next N posts when told to. */
public final class RecordingPublisher implements DailyPublisher {

  public record Dm(UserId user, Reply message) {}

  public final List<DailyPost> posts = new ArrayList<>();
  public final List<Dm> dms = new ArrayList<>();
  private final AtomicInteger failures = new AtomicInteger();
  private final AtomicInteger ids = new AtomicInteger();
  private volatile String failure = "";
  private volatile boolean permanent;

  /** Makes the next {@code count} posts fail with {@code reason}. */
  public void failNext(int count, String reason, boolean permanent) {
    failures.set(count);
    this.failure = reason;
    this.permanent = permanent;
  }

  @Override
  public synchronized Receipt publish(DailyPost post) throws PublishException {
    if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PublishException(failure, permanent);
    }
    posts.add(post);
    String ts = "1700000000." + ids.incrementAndGet();
    return new Receipt(ts, ts);
  }

  @Override
  public synchronized void directMessage(UserId user, Reply message) {
    dms.add(new Dm(user, message));
  }
}
