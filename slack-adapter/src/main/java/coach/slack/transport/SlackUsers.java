package coach.slack.transport;

import coach.core.chat.Sender;
import coach.core.chat.UserId;
import com.slack.api.model.User;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Who sent an event: display name and time zone from {@code users.info}, cached per user, so that a
 * busy user costs one look-up every few hours rather than one per message. Thread-safe.
 */
public final class SlackUsers {

  private static final int MAX_CACHED_USERS = 10_000;

  /** How long a user's profile is trusted before {@code users.info} is asked again. */
  private static final Duration PROFILE_TTL = Duration.ofHours(12);

  /** How soon {@code users.info} is asked again after it failed. */
  private static final Duration PROFILE_RETRY = Duration.ofMinutes(5);

  private final SlackPoster poster;
  private final Map<String, CachedSender> senders = new ConcurrentHashMap<>();

  /** A user's name and zone from {@code users.info}, and when they were fetched. */
  private record CachedSender(Sender sender, long fetchedNanos) {}

  public SlackUsers(SlackPoster poster) {
    this.poster = poster;
  }

  /** The sender with display name and time zone from {@code users.info}, cached per user. */
  public Sender sender(String team, String user) {
    UserId id = UserId.slack(team, user);
    long now = System.nanoTime();
    CachedSender known = senders.get(id.value());
    if (known != null && now - known.fetchedNanos() < PROFILE_TTL.toNanos()) {
      return known.sender();
    }
    Optional<User> info = poster.userInfo(user);
    if (info.isPresent()) {
      return remember(id, info.get(), now);
    }
    // Slack would not say: keep what we knew, and ask again in a few minutes, not every event.
    Sender sender = known != null ? known.sender() : new Sender(id, user);
    put(id, new CachedSender(sender, now - PROFILE_TTL.minus(PROFILE_RETRY).toNanos()));
    return sender;
  }

  /**
   * The user's profile as Slack says it now (admin and owner flags included), never from the cache;
   * refreshes the cached sender on the way. Empty when Slack would not say.
   */
  public Optional<User> fresh(String team, String user) {
    Optional<User> info = poster.userInfo(user);
    info.ifPresent(u -> remember(UserId.slack(team, user), u, System.nanoTime()));
    return info;
  }

  private Sender remember(UserId id, User user, long now) {
    Sender sender =
        new Sender(
            id,
            displayName(user, id.value().substring(id.value().lastIndexOf(':') + 1)),
            zone(user.getTz()));
    put(id, new CachedSender(sender, now));
    return sender;
  }

  private void put(UserId id, CachedSender cached) {
    if (senders.size() > MAX_CACHED_USERS) {
      senders.clear();
    }
    senders.put(id.value(), cached);
  }

  private static String displayName(User user, String fallback) {
    if (user.getProfile() != null) {
      if (!SlackText.isBlank(user.getProfile().getDisplayName())) {
        return user.getProfile().getDisplayName();
      }
      if (!SlackText.isBlank(user.getProfile().getRealName())) {
        return user.getProfile().getRealName();
      }
    }
    return SlackText.isBlank(user.getRealName())
        ? SlackText.first(user.getName(), fallback)
        : user.getRealName();
  }

  private static Optional<ZoneId> zone(String tz) {
    if (SlackText.isBlank(tz)) {
      return Optional.empty();
    }
    try {
      return Optional.of(ZoneId.of(tz));
    } catch (DateTimeException e) {
      return Optional.empty();
    }
  }
}
