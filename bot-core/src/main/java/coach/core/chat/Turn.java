package coach.core.chat;

import coach.core.user.User;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * One inbound event being handled: the open transaction, the user, the platform's event id and the
 * instant it is handled at. Handlers do all their reads and writes through {@code handle}.
 */
public record Turn(Handle handle, User user, String eventId, Instant now) {}
