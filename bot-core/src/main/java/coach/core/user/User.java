package coach.core.user;

import coach.core.chat.UserId;
import java.time.Instant;
import java.time.ZoneId;

/** A person using the coach, with the IANA time zone their days are counted in. */
public record User(UserId id, String displayName, ZoneId zone, Instant createdAt) {}
