-- The interviewer's pacing and push-back, and the corrections users make to their credits.

-- when the interviewer last moved to the current section by itself (epoch ms), else null
ALTER TABLE practice_sessions ADD COLUMN auto_moved_at BIGINT;

-- 1 once the current section's depth question has been asked
ALTER TABLE practice_sessions ADD COLUMN depth_asked INTEGER NOT NULL DEFAULT 0;

-- the concept the user dismissed and the interviewer pushed back on, waiting for a reply
ALTER TABLE practice_sessions ADD COLUMN pushback_concept VARCHAR(64);

-- 1 when the user claimed the concept themselves ("I covered that"), 0 when detected
ALTER TABLE coverage_events ADD COLUMN self_reported INTEGER NOT NULL DEFAULT 0;

-- A user's verdict on a credit: 'claimed' (I did say that) or 'contested' (not what I meant).
-- answer_id is the answer the verdict is about; corrections export pairs its text with the labels.
CREATE TABLE corrections (
    id         VARCHAR(36)  PRIMARY KEY,
    user_id    VARCHAR(120) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    session_id VARCHAR(36)  NOT NULL REFERENCES practice_sessions (id) ON DELETE CASCADE,
    answer_id  VARCHAR(36)  REFERENCES answers (id) ON DELETE CASCADE,
    concept_id VARCHAR(64)  NOT NULL,
    verdict    VARCHAR(16)  NOT NULL,
    created_at BIGINT       NOT NULL
);

CREATE INDEX corrections_by_session ON corrections (session_id, concept_id);
CREATE INDEX corrections_by_user ON corrections (user_id, created_at);
