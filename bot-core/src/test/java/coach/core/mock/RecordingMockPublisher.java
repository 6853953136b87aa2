package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPublisher.PublishException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** A mock-session publisher for tests: keeps announcements (as edited), DMs and events. */
public final class RecordingMockPublisher implements MockPublisher {

  public record Dm(UserId user, Reply message) {}

  /** Announcement ref to its current content. */
  public final Map<String, Reply> announcements = new LinkedHashMap<>();

  public final List<String> edits = new ArrayList<>();
  public final List<Dm> dms = new ArrayList<>();
  public final List<String> events = new ArrayList<>();
  private final AtomicInteger ids = new AtomicInteger();
  private final AtomicInteger failDms = new AtomicInteger();
  public volatile Optional<String> calendarProblem = Optional.empty();

  /** Makes the next {@code count} direct messages fail. */
  public void failNextDms(int count) {
    failDms.set(count);
  }

  @Override
  public synchronized String announce(ChannelRef channel, Reply announcement) {
    String ref = "msg-" + ids.incrementAndGet();
    announcements.put(ref, announcement);
    return ref;
  }

  @Override
  public synchronized void updateAnnouncement(
      ChannelRef channel, String messageRef, Reply announcement) {
    announcements.put(messageRef, announcement);
    edits.add(messageRef);
  }

  @Override
  public synchronized void directMessage(UserId user, Reply message) throws PublishException {
    if (failDms.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
      throw new PublishException("the DM channel is closed", false);
    }
    dms.add(new Dm(user, message));
  }

  @Override
  public synchronized EventOutcome syncEvent(CalendarEvent event, Optional<String> existing) {
    if (calendarProblem.isPresent()) {
      return new EventOutcome(Optional.empty(), calendarProblem);
    }
    events.add(
        (existing.isPresent() ? "move " : "create ") + event.sessionId() + " " + event.start());
    return new EventOutcome(
        Optional.of(existing.orElse("event-" + event.sessionId())), Optional.empty());
  }

  @Override
  public synchronized void cancelEvent(ChannelRef channel, String eventRef) {
    events.add("cancel " + eventRef);
  }

  /** The DMs a user got, as plain text, in order. */
  public synchronized List<String> dmsTo(UserId user) {
    return dms.stream()
        .filter(d -> d.user().equals(user))
        .map(d -> d.message().plainText())
        .toList();
  }

  /** The only announcement's current text. */
  public synchronized String announcement() {
    return announcements.values().iterator().next().plainText();
  }
}
