-- Group mock sessions: the sessions a study group schedules in a channel, who said Going, how
-- they were paired, the feedback interviewers gave, and the messages the lifecycle owes people
-- (written in the transaction that decided them, so a crash loses none and repeats none).

-- id is the short id shown as #ID; channel_key as in daily_schedules; starts_at and deadline_at
-- are UTC epoch millis, zone the IANA zone the organiser scheduled in; capacity NULL = no limit;
-- prompt_pool 'all' or a comma list of prompt ids; series_id links the weekly occurrences;
-- state: 'scheduled', 'running' (paired), 'ended', 'cancelled'; sequence is the iCalendar
-- SEQUENCE (bumped on every move and on cancel); message_ref the announcement's platform id;
-- event_ref the platform's calendar event (Discord scheduled event), if one was made.
CREATE TABLE mock_sessions (
    id            VARCHAR(12)  PRIMARY KEY,
    channel_key   VARCHAR(200) NOT NULL,
    organiser_id  VARCHAR(120) NOT NULL,
    starts_at     BIGINT       NOT NULL,
    zone          VARCHAR(64)  NOT NULL,
    minutes       INTEGER      NOT NULL,
    capacity      INTEGER,
    min_attendees INTEGER      NOT NULL,
    deadline_at   BIGINT       NOT NULL,
    weekly        INTEGER      NOT NULL DEFAULT 0,
    prompt_pool   TEXT         NOT NULL,
    series_id     VARCHAR(12)  NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    cancel_reason TEXT,
    sequence      INTEGER      NOT NULL DEFAULT 0,
    message_ref   VARCHAR(200),
    event_ref     VARCHAR(200),
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);

CREATE INDEX mock_sessions_by_channel ON mock_sessions (channel_key, starts_at);

-- One row per person who pressed a button. status: 'going', 'waitlist', 'not_going';
-- queued_at orders the waitlist (and the attendee list); late_drop marks a Not going after the
-- RSVP deadline.
CREATE TABLE mock_rsvps (
    session_id VARCHAR(12)  NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
    user_id    VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status     VARCHAR(16)  NOT NULL,
    queued_at  BIGINT       NOT NULL,
    late_drop  INTEGER      NOT NULL DEFAULT 0,
    updated_at BIGINT       NOT NULL,
    PRIMARY KEY (session_id, user_id)
);

-- The pairing made at start: each round of each group (group_no from 0), who interviews whom on
-- which prompt. A person told there was no partner has a row in mock_attendance only.
CREATE TABLE mock_rounds (
    session_id     VARCHAR(12)  NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
    group_no       INTEGER      NOT NULL,
    round_no       INTEGER      NOT NULL,
    rounds         INTEGER      NOT NULL,
    interviewer_id VARCHAR(120) NOT NULL,
    candidate_id   VARCHAR(120) NOT NULL,
    prompt_id      VARCHAR(64)  NOT NULL,
    PRIMARY KEY (session_id, group_no, round_no)
);

-- Everyone the session involved at its start. status: 'paired', 'alone' (no partner); confirmed
-- is set by the I'm here button, marked_absent by a partner's feedback form. Once the session has
-- ended, a paired person attended when they were not marked absent and confirmed, or gave or
-- received feedback; otherwise they were a no-show.
CREATE TABLE mock_attendance (
    session_id VARCHAR(12)  NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
    user_id    VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    status     VARCHAR(16)  NOT NULL,
    confirmed  INTEGER      NOT NULL DEFAULT 0,
    marked_absent INTEGER   NOT NULL DEFAULT 0,
    PRIMARY KEY (session_id, user_id)
);

-- An interviewer's feedback on one round: the concepts the candidate covered (comma list), a
-- note, or that the candidate did not show up. state: 'draft' (a form filled in part) or
-- 'submitted' (credited to the candidate with source 'peer').
CREATE TABLE mock_feedback (
    session_id     VARCHAR(12)  NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
    group_no       INTEGER      NOT NULL,
    round_no       INTEGER      NOT NULL,
    interviewer_id VARCHAR(120) NOT NULL,
    candidate_id   VARCHAR(120) NOT NULL,
    covered        TEXT         NOT NULL,
    note           TEXT,
    absent         INTEGER      NOT NULL DEFAULT 0,
    state          VARCHAR(16)  NOT NULL,
    updated_at     BIGINT       NOT NULL,
    PRIMARY KEY (session_id, group_no, round_no)
);

-- Lifecycle steps already taken: a row per session, step and start time, inserted by the
-- transaction that takes the step, so a timer firing twice (or after a restart) does nothing.
CREATE TABLE mock_steps (
    session_id VARCHAR(12) NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
    step       VARCHAR(32) NOT NULL,
    starts_at  BIGINT      NOT NULL,
    taken_at   BIGINT      NOT NULL,
    PRIMARY KEY (session_id, step, starts_at)
);

-- Messages owed to people or channels. dedupe_key is unique: the same reminder, pairing DM or
-- notice is owed once. kind names what to render; user_id is the recipient (NULL for the
-- channel); detail carries the kind's few parameters. state: 'pending', 'sent', 'failed'.
CREATE TABLE mock_outbox (
    id         VARCHAR(36)  PRIMARY KEY,
    dedupe_key VARCHAR(300) NOT NULL UNIQUE,
    session_id VARCHAR(12)  NOT NULL REFERENCES mock_sessions (id) ON DELETE CASCADE,
    kind       VARCHAR(32)  NOT NULL,
    user_id    VARCHAR(120),
    detail     TEXT,
    state      VARCHAR(16)  NOT NULL,
    attempts   INTEGER      NOT NULL DEFAULT 0,
    last_error TEXT,
    created_at BIGINT       NOT NULL,
    sent_at    BIGINT
);

CREATE INDEX mock_outbox_pending ON mock_outbox (state, created_at);

-- Per person: which reminders they want (both on unless switched off).
CREATE TABLE mock_reminder_prefs (
    user_id     VARCHAR(120) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    day_before  INTEGER      NOT NULL,
    hour_before INTEGER      NOT NULL,
    updated_at  BIGINT       NOT NULL
);

-- Private don't-pair lists: user_id is never grouped with avoided_id. Never shown to anyone.
CREATE TABLE mock_avoid (
    user_id    VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    avoided_id VARCHAR(120) NOT NULL,
    created_at BIGINT       NOT NULL,
    PRIMARY KEY (user_id, avoided_id)
);

-- Things said once per workspace (e.g. that the bot lacks Discord's Manage Events permission).
CREATE TABLE mock_notices (
    workspace_key VARCHAR(120) NOT NULL,
    notice        VARCHAR(64)  NOT NULL,
    created_at    BIGINT       NOT NULL,
    PRIMARY KEY (workspace_key, notice)
);
