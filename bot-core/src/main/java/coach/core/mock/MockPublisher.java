package coach.core.mock;

import coach.core.chat.Reply;
import coach.core.chat.UserId;
import coach.core.daily.ChannelRef;
import coach.core.daily.DailyPublisher.PublishException;
import java.time.Instant;
import java.util.Optional;

/**
 * What a platform adapter does for mock sessions: post and edit the announcement, send direct
 * messages and, where the platform has one, keep a native calendar event in step. Implementations
 * may block on the network; they are called off the event threads.
 */
public interface MockPublisher {

  /** Posts a session's announcement in its channel; returns the message's platform id. */
  String announce(ChannelRef channel, Reply announcement) throws PublishException;

  /** Replaces the announcement's content in place. */
  void updateAnnouncement(ChannelRef channel, String messageRef, Reply announcement)
      throws PublishException;

  /** Sends {@code message} to {@code user} in a direct message. */
  void directMessage(UserId user, Reply message) throws PublishException;

  /** A session as a platform calendar event. */
  record CalendarEvent(
      String sessionId,
      ChannelRef channel,
      String name,
      String description,
      Instant start,
      Instant end) {}

  /**
   * What became of a calendar event: its platform id, or the one sentence saying why there is none
   * (a missing permission), which Coach tells the organiser once per workspace.
   */
  record EventOutcome(Optional<String> eventRef, Optional<String> problem) {
    public static EventOutcome none() {
      return new EventOutcome(Optional.empty(), Optional.empty());
    }
  }

  /**
   * Creates the session's native event, or moves it when {@code existing} is present. Platforms
   * without native events keep the default, which does nothing.
   */
  default EventOutcome syncEvent(CalendarEvent event, Optional<String> existing) {
    return EventOutcome.none();
  }

  /** Cancels the session's native event. */
  default void cancelEvent(ChannelRef channel, String eventRef) {}

  /** Where a session stands, for its native event: under way, or over. */
  enum EventStage {
    STARTED,
    ENDED
  }

  /**
   * Shows on the session's native event that it has started or is over. Platforms without native
   * events keep the default, which does nothing.
   */
  default void markEvent(ChannelRef channel, String eventRef, EventStage stage) {}
}
