package coach.core.user;

import coach.core.chat.Sender;
import coach.core.chat.UserId;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Users, stored in {@code users}. Methods run on the caller's handle (and transaction). */
public final class UserStore {

  /**
   * Returns the user, creating them on first contact with the platform's zone or {@code
   * defaultZone}. Keeps the display name current.
   */
  public User ensure(Handle handle, Sender sender, ZoneId defaultZone, Instant now) {
    ZoneId zone = sender.zone().orElse(defaultZone);
    long millis = now.toEpochMilli();
    Optional<User> known = find(handle, sender.id());
    if (known.isEmpty()) {
      // another instance may insert the same user meanwhile: then theirs stays
      handle
          .createUpdate(
              "INSERT INTO users (id, display_name, time_zone, created_at, updated_at)"
                  + " VALUES (:id, :name, :zone, :now, :now) ON CONFLICT (id) DO NOTHING")
          .bind("id", sender.id().value())
          .bind("name", sender.displayName())
          .bind("zone", zone.getId())
          .bind("now", millis)
          .execute();
    }
    User user = known.isPresent() ? known.get() : find(handle, sender.id()).orElseThrow();
    if (!user.displayName().equals(sender.displayName())) {
      handle
          .createUpdate("UPDATE users SET display_name = :name, updated_at = :now WHERE id = :id")
          .bind("id", sender.id().value())
          .bind("name", sender.displayName())
          .bind("now", millis)
          .execute();
      user = new User(user.id(), sender.displayName(), user.zone(), user.createdAt());
    }
    return user;
  }

  public Optional<User> find(Handle handle, UserId id) {
    return handle
        .createQuery("SELECT id, display_name, time_zone, created_at FROM users WHERE id = :id")
        .bind("id", id.value())
        .map(
            (rs, ctx) ->
                new User(
                    new UserId(rs.getString("id")),
                    rs.getString("display_name"),
                    zoneOrUtc(rs.getString("time_zone")),
                    Instant.ofEpochMilli(rs.getLong("created_at"))))
        .findOne();
  }

  /** Sets a user's time zone. */
  public void setZone(Handle handle, UserId id, ZoneId zone, Instant now) {
    handle
        .createUpdate("UPDATE users SET time_zone = :zone, updated_at = :now WHERE id = :id")
        .bind("id", id.value())
        .bind("zone", zone.getId())
        .bind("now", now.toEpochMilli())
        .execute();
  }

  private static ZoneId zoneOrUtc(String zone) {
    try {
      return ZoneId.of(zone);
    } catch (DateTimeException e) {
      return ZoneId.of("UTC");
    }
  }
}
