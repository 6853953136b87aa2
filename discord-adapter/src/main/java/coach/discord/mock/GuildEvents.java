package coach.discord.mock;

import coach.core.daily.ChannelRef;
import coach.core.mock.MockPublisher;
import coach.core.mock.MockPublisher.CalendarEvent;
import coach.core.mock.MockPublisher.EventOutcome;
import coach.discord.transport.DiscordConnection;
import coach.discord.transport.DiscordPoster;
import coach.discord.transport.DiscordText;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.function.Supplier;
import net.dv8tion.jda.api.JDA;
import net.dv8tion.jda.api.Permission;
import net.dv8tion.jda.api.entities.Guild;
import net.dv8tion.jda.api.entities.ScheduledEvent;
import net.dv8tion.jda.api.entities.channel.middleman.GuildChannel;
import net.dv8tion.jda.api.requests.ErrorResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mock sessions as the server's native Guild Scheduled Events: created when a session is announced,
 * moved with it, cancelled (status CANCELED) with it, ACTIVE while it runs and COMPLETED once it
 * has ended. Each is an EXTERNAL event whose location is the session's channel, with the session's
 * start and end. The bot needs Manage Events in the server: without it (as JDA sees the bot's
 * roles) no request is made and the outcome says so in one sentence, which Coach tells the
 * organiser once. Other failures are logged; a session works without its event.
 */
final class GuildEvents {

  private static final Logger log = LoggerFactory.getLogger(GuildEvents.class);

  /** Discord's limits on an event's name, description and location. */
  static final int MAX_NAME = ScheduledEvent.MAX_NAME_LENGTH;

  static final int MAX_DESCRIPTION = ScheduledEvent.MAX_DESCRIPTION_LENGTH;
  static final int MAX_LOCATION = ScheduledEvent.MAX_LOCATION_LENGTH;

  private final Supplier<JDA> jda;
  private final DiscordPoster poster;

  GuildEvents(Supplier<JDA> jda, DiscordPoster poster) {
    this.jda = jda;
    this.poster = poster;
  }

  /** The sentence Coach tells the organiser when the bot may not manage the server's events. */
  static String noPermission(String sessionId) {
    return "I couldn't add #"
        + sessionId
        + " to the server's Events: I need the Manage Events permission.";
  }

  /** Creates the session's event, or moves the {@code existing} one (recreated if deleted). */
  EventOutcome sync(CalendarEvent event, Optional<String> existing) {
    Guild guild = jda.get().getGuildById(event.channel().workspace());
    if (guild == null) {
      log.warn("Discord: no server {} for the event of #{}", event.channel(), event.sessionId());
      return EventOutcome.none();
    }
    if (!guild.getSelfMember().hasPermission(Permission.MANAGE_EVENTS)) {
      return new EventOutcome(Optional.empty(), Optional.of(noPermission(event.sessionId())));
    }
    OffsetDateTime start = utc(event.start());
    OffsetDateTime end = utc(event.end());
    String name = DiscordText.truncate(event.name(), MAX_NAME);
    String description = DiscordText.truncate(event.description(), MAX_DESCRIPTION);
    try {
      if (existing.isPresent()) {
        Optional<ScheduledEvent> found = find(guild, existing.get());
        if (found.isPresent()) {
          poster.require(
              "moving the event of #" + event.sessionId(),
              () ->
                  found
                      .get()
                      .getManager()
                      .setName(name)
                      .setDescription(description)
                      .setLocation(location(guild, event.channel()))
                      .setStartTime(start)
                      .setEndTime(end));
          return new EventOutcome(existing, Optional.empty());
        }
      }
      ScheduledEvent created =
          poster.require(
              "creating the event of #" + event.sessionId(),
              () ->
                  guild
                      .createScheduledEvent(name, location(guild, event.channel()), start, end)
                      .setDescription(description));
      return new EventOutcome(Optional.of(created.getId()), Optional.empty());
    } catch (DiscordPoster.Failure e) {
      return failed(event.sessionId(), e);
    }
  }

  /** Cancels the event; one already gone, or a server that left, is nothing to do. */
  void cancel(ChannelRef channel, String eventRef) {
    Guild guild = jda.get().getGuildById(channel.workspace());
    if (guild == null || !guild.getSelfMember().hasPermission(Permission.MANAGE_EVENTS)) {
      log.info("Discord: cannot cancel event {} (no server or no Manage Events)", eventRef);
      return;
    }
    try {
      Optional<ScheduledEvent> found = find(guild, eventRef);
      if (found.isEmpty() || found.get().getStatus() != ScheduledEvent.Status.SCHEDULED) {
        return;
      }
      poster.require(
          "cancelling event " + eventRef,
          () -> found.get().getManager().setStatus(ScheduledEvent.Status.CANCELED));
    } catch (DiscordPoster.Failure e) {
      log.warn("Discord: could not cancel event {}: {}", eventRef, e.getMessage());
    }
  }

  /**
   * Marks the event ACTIVE when the session starts and COMPLETED when it ends (Discord allows
   * COMPLETED only from ACTIVE, so an event still SCHEDULED at the end goes through ACTIVE). An
   * event gone, cancelled or already past that stage is left alone.
   */
  void mark(ChannelRef channel, String eventRef, MockPublisher.EventStage stage) {
    Guild guild = jda.get().getGuildById(channel.workspace());
    if (guild == null || !guild.getSelfMember().hasPermission(Permission.MANAGE_EVENTS)) {
      log.info("Discord: cannot update event {} (no server or no Manage Events)", eventRef);
      return;
    }
    try {
      Optional<ScheduledEvent> found = find(guild, eventRef);
      if (found.isEmpty()) {
        return;
      }
      ScheduledEvent.Status status = found.get().getStatus();
      if (status == ScheduledEvent.Status.SCHEDULED) {
        poster.require(
            "starting event " + eventRef,
            () -> found.get().getManager().setStatus(ScheduledEvent.Status.ACTIVE));
        status = ScheduledEvent.Status.ACTIVE;
      }
      if (stage == MockPublisher.EventStage.ENDED && status == ScheduledEvent.Status.ACTIVE) {
        poster.require(
            "completing event " + eventRef,
            () -> found.get().getManager().setStatus(ScheduledEvent.Status.COMPLETED));
      }
    } catch (DiscordPoster.Failure e) {
      log.warn("Discord: could not update event {}: {}", eventRef, e.getMessage());
    }
  }

  /** The event, or empty when Discord no longer has it (someone deleted it by hand). */
  private Optional<ScheduledEvent> find(Guild guild, String eventRef) throws DiscordPoster.Failure {
    try {
      return Optional.of(
          poster.require(
              "looking up event " + eventRef, () -> guild.retrieveScheduledEventById(eventRef)));
    } catch (DiscordPoster.Failure e) {
      if (e.code() == ErrorResponse.UNKNOWN_SCHEDULED_EVENT.getCode()) {
        return Optional.empty();
      }
      throw e;
    }
  }

  private EventOutcome failed(String sessionId, DiscordPoster.Failure e) {
    if (e.missingPermission() || e.code() == ErrorResponse.MISSING_PERMISSIONS.getCode()) {
      return new EventOutcome(Optional.empty(), Optional.of(noPermission(sessionId)));
    }
    log.warn(
        "Discord: the server event of #{} failed: {}", sessionId, DiscordConnection.oneLine(e));
    return EventOutcome.none();
  }

  /**
   * Where the event happens: the channel's name and link, or the link alone when both are too long.
   */
  static String location(Guild guild, ChannelRef ref) {
    String link = "https://discord.com/channels/" + ref.workspace() + "/" + ref.channel();
    GuildChannel channel = guild.getGuildChannelById(ref.channel());
    if (channel == null) {
      return link;
    }
    String named = "#" + channel.getName() + " " + link;
    return named.length() <= MAX_LOCATION ? named : link;
  }

  private static OffsetDateTime utc(Instant at) {
    return at.atOffset(ZoneOffset.UTC);
  }
}
