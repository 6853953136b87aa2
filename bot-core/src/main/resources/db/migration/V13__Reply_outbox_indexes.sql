-- Partial indexes on the reply outbox, which at hundreds of events a second holds hundreds of
-- thousands of sent rows (they are kept an hour). Each index holds only the rows its queries
-- look for; a query uses one when its own WHERE clause names the same state. Both databases
-- support them.
-- * A user's pending replies, in order: whether a new reply must wait behind an older one, and
--   the delivery worker's "nothing older is pending" check, no longer read every reply the user
--   was ever sent.
-- * Pending replies by when they are due, in place of the index on (state, next_attempt_at),
--   which also held every sent row (and which SQLite chose to scan to find old sent rows).
-- * Sent replies by when they went: deleting those older than an hour finds them directly
--   instead of scanning every sent row each second.
DROP INDEX reply_outbox_pending;
CREATE INDEX reply_outbox_user_pending ON reply_outbox (user_id, seq) WHERE state = 'pending';
CREATE INDEX reply_outbox_due ON reply_outbox (next_attempt_at) WHERE state = 'pending';
CREATE INDEX reply_outbox_sent_at ON reply_outbox (sent_at) WHERE state = 'sent';
