-- Daily prompts in team channels: each channel's schedule, the dates it skips, every post
-- (claimed under a unique key before the platform call, so a crash never posts twice), and the
-- answers members wrote in a post's thread.

-- where a coverage event came from: 'practice' (a DM session), 'daily' (a daily-post thread) or
-- 'peer' (an interviewer's feedback in a mock session)
ALTER TABLE coverage_events ADD COLUMN source VARCHAR(16) NOT NULL DEFAULT 'practice';

-- channel_key is PLATFORM:WORKSPACE:CHANNEL (slack:T1:C1, discord:GUILD:CHANNEL);
-- post_time is local HH:MM in zone (an IANA id); days is a comma list of mon..sun;
-- prompt_pool is 'all' or a comma list of prompt ids; state is 'active' or 'paused';
-- pool_notice_cycle is the rotation round whose coming end the organiser was told about.
CREATE TABLE daily_schedules (
    channel_key   VARCHAR(200) PRIMARY KEY,
    post_time     VARCHAR(5)   NOT NULL,
    zone          VARCHAR(64)  NOT NULL,
    days          VARCHAR(40)  NOT NULL,
    prompt_pool   TEXT         NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    paused_reason TEXT,
    organiser_id  VARCHAR(120) NOT NULL,
    pool_notice_cycle INTEGER  NOT NULL DEFAULT -1,
    created_at    BIGINT       NOT NULL,
    updated_at    BIGINT       NOT NULL
);

-- local dates (YYYY-MM-DD, in the schedule's zone) with no post
CREATE TABLE daily_skips (
    channel_key VARCHAR(200) NOT NULL REFERENCES daily_schedules (channel_key) ON DELETE CASCADE,
    local_date  VARCHAR(10)  NOT NULL,
    PRIMARY KEY (channel_key, local_date)
);

-- One row per channel and local date, inserted in the transaction that decides to post.
-- state: 'claimed' (decided, platform call not yet confirmed), 'posted', 'failed' (gave up).
-- message_ref / thread_ref are the platform's ids of the post and its discussion thread.
CREATE TABLE daily_posts (
    id            VARCHAR(36)  PRIMARY KEY,
    channel_key   VARCHAR(200) NOT NULL,
    local_date    VARCHAR(10)  NOT NULL,
    sequence      INTEGER      NOT NULL,
    prompt_id     VARCHAR(64)  NOT NULL,
    section_id    VARCHAR(64)  NOT NULL,
    scheduled_for BIGINT       NOT NULL,
    late          INTEGER      NOT NULL DEFAULT 0,
    state         VARCHAR(16)  NOT NULL,
    attempts      INTEGER      NOT NULL DEFAULT 0,
    last_error    TEXT,
    message_ref   VARCHAR(200),
    thread_ref    VARCHAR(200),
    posted_at     BIGINT,
    UNIQUE (channel_key, local_date)
);

CREATE INDEX daily_posts_by_thread ON daily_posts (channel_key, thread_ref);
CREATE INDEX daily_posts_by_sequence ON daily_posts (channel_key, sequence);

-- An answer a member wrote in a post's thread (or through Discord's Answer modal), kept whole,
-- with the concepts it was credited. event_id is the platform's message or interaction id.
CREATE TABLE daily_answers (
    id         VARCHAR(36)  PRIMARY KEY,
    post_id    VARCHAR(36)  NOT NULL REFERENCES daily_posts (id) ON DELETE CASCADE,
    user_id    VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    event_id   VARCHAR(200) NOT NULL,
    text       TEXT         NOT NULL,
    covered    TEXT         NOT NULL,
    created_at BIGINT       NOT NULL,
    UNIQUE (post_id, event_id)
);

CREATE INDEX daily_answers_by_user ON daily_answers (user_id, created_at);

-- Scenarios a team wrote for its channels (id custom-XXXXXXXX), scoped to one workspace or server
-- (workspace_key slack:TEAM or discord:SERVER). state: 'suggested' by a member, 'approved' (in the
-- pools of that workspace's channels that use all prompts) or 'rejected'. facts holds
-- "topic: fact" lines for the interviewer; key_concepts a comma list of concept ids.
CREATE TABLE custom_prompts (
    id            VARCHAR(40)  PRIMARY KEY,
    workspace_key VARCHAR(120) NOT NULL,
    title         VARCHAR(80)  NOT NULL,
    scenario      TEXT         NOT NULL,
    facts         TEXT         NOT NULL,
    key_concepts  TEXT         NOT NULL,
    state         VARCHAR(16)  NOT NULL,
    author_id     VARCHAR(120) NOT NULL,
    decided_by    VARCHAR(120),
    created_at    BIGINT       NOT NULL,
    decided_at    BIGINT
);

CREATE INDEX custom_prompts_by_workspace ON custom_prompts (workspace_key, state);
