-- The replies Coach owes people for their direct-message events, written in the transaction that
-- handled the event, so a crash between that commit and the platform call loses nothing. The
-- instance that handled the event sends the reply at once and marks it sent; a reply left
-- pending (the send failed, the instance died) is sent by a delivery worker on any instance,
-- oldest first for each user, after its lease runs out. Times are epoch milliseconds (UTC).
-- state: 'pending', 'sent', 'failed' (the platform refused it for good; kept for the operator).
-- reply is the reply as JSON; event_id is the platform event that caused it; seq orders one user's
-- replies (written under the user's lock, so it never goes back).
CREATE TABLE reply_outbox (
    id              VARCHAR(36)  PRIMARY KEY,
    user_id         VARCHAR(120) NOT NULL,
    event_id        VARCHAR(200) NOT NULL,
    seq             BIGINT       NOT NULL,
    reply           TEXT         NOT NULL,
    state           VARCHAR(16)  NOT NULL,
    attempts        INTEGER      NOT NULL DEFAULT 0,
    next_attempt_at BIGINT       NOT NULL,
    lease_until     BIGINT       NOT NULL,
    last_error      TEXT,
    created_at      BIGINT       NOT NULL,
    sent_at         BIGINT,
    UNIQUE (user_id, event_id),
    UNIQUE (user_id, seq)
);

CREATE INDEX reply_outbox_pending ON reply_outbox (state, next_attempt_at);
