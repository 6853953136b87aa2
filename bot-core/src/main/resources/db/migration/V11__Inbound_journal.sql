-- Direct messages and their edits as they arrive, written before the platform is acknowledged (or,
-- on Discord, before the event waits for its turn), so a message that a crash caught between
-- arrival and handling is handled after the restart instead of lost. An entry is handled once
-- processed_events holds its (user_id, event_id); handled entries are deleted by the journal's
-- sweep. Times are epoch milliseconds (UTC). kind: 'message' or 'edit' (then edited_event_id names
-- the message edited). attempts counts replays; an entry replayed that many times and still not
-- handled is left for the operator and deleted after a day.
CREATE TABLE inbound_journal (
    user_id         VARCHAR(120) NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    kind            VARCHAR(16)  NOT NULL,
    edited_event_id VARCHAR(200),
    text            TEXT         NOT NULL,
    display_name    VARCHAR(200) NOT NULL,
    time_zone       VARCHAR(64),
    received_at     BIGINT       NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    PRIMARY KEY (user_id, event_id)
);

CREATE INDEX inbound_journal_received ON inbound_journal (received_at);
