-- Coach schema, version 1. Written to run unchanged on SQLite and PostgreSQL:
-- ids are application-generated strings, instants are BIGINT epoch milliseconds (UTC),
-- and only portable types and syntax are used.

CREATE TABLE users (
    id           VARCHAR(120) PRIMARY KEY,          -- console:NAME, slack:TEAM:USER, discord:USER
    display_name VARCHAR(200) NOT NULL,
    time_zone    VARCHAR(64)  NOT NULL,             -- IANA zone id, e.g. Europe/Berlin
    created_at   BIGINT       NOT NULL,
    updated_at   BIGINT       NOT NULL
);

CREATE TABLE practice_sessions (
    id              VARCHAR(36)  PRIMARY KEY,
    user_id         VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    prompt_id       VARCHAR(64)  NOT NULL,
    current_section VARCHAR(64)  NOT NULL,
    state           VARCHAR(16)  NOT NULL,          -- active, paused, completed, stopped
    started_at      BIGINT       NOT NULL,
    updated_at      BIGINT       NOT NULL,
    ended_at        BIGINT                          -- null while the session is open
);

CREATE INDEX practice_sessions_by_user ON practice_sessions (user_id, started_at);
-- at most one open session per user
CREATE UNIQUE INDEX practice_sessions_one_open ON practice_sessions (user_id) WHERE ended_at IS NULL;

CREATE TABLE answers (
    id              VARCHAR(36)  PRIMARY KEY,
    session_id      VARCHAR(36)  NOT NULL REFERENCES practice_sessions (id) ON DELETE CASCADE,
    section         VARCHAR(64)  NOT NULL,
    text            TEXT         NOT NULL,
    received_at     BIGINT       NOT NULL,
    source_event_id VARCHAR(200)                    -- the platform's message id
);

CREATE INDEX answers_by_session ON answers (session_id, received_at);
CREATE UNIQUE INDEX answers_once_per_event ON answers (session_id, source_event_id);

CREATE TABLE answer_concepts (
    answer_id  VARCHAR(36) NOT NULL REFERENCES answers (id) ON DELETE CASCADE,
    concept_id VARCHAR(64) NOT NULL,
    PRIMARY KEY (answer_id, concept_id)
);

-- every time a user covered or missed a concept; progress is computed from these
CREATE TABLE coverage_events (
    id          VARCHAR(36)  PRIMARY KEY,
    user_id     VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    concept_id  VARCHAR(64)  NOT NULL,
    outcome     VARCHAR(16)  NOT NULL,              -- covered, missed
    session_id  VARCHAR(36)  REFERENCES practice_sessions (id) ON DELETE CASCADE,
    answer_id   VARCHAR(36)  REFERENCES answers (id) ON DELETE CASCADE,
    occurred_at BIGINT       NOT NULL
);

CREATE INDEX coverage_events_by_user ON coverage_events (user_id, concept_id, occurred_at);

-- platform events already handled, so a redelivered event changes nothing twice
CREATE TABLE processed_events (
    user_id    VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id   VARCHAR(200) NOT NULL,
    handled_at BIGINT       NOT NULL,
    PRIMARY KEY (user_id, event_id)
);
