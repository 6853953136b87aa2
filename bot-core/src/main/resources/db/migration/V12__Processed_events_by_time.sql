-- Finds the users who were writing lately (by when their events were handled), so that after a
-- restart the Discord adapter can ask Discord for the messages it missed while no instance was
-- listening. handled_at only grows, so the index is appended to at its end.
CREATE INDEX processed_events_handled ON processed_events (handled_at);
