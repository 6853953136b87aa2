-- The coaching loop: follow-up questions within a section, and what kind of message an answer was.

-- answer: a reply to the section question; followup: a reply to a follow-up question;
-- question: a clarifying question the candidate asked the interviewer
ALTER TABLE answers ADD COLUMN kind VARCHAR(16) NOT NULL DEFAULT 'answer';

-- the concept of the follow-up waiting for an answer, if any
ALTER TABLE practice_sessions ADD COLUMN followup_concept VARCHAR(64);

-- concepts already followed up in the current section, comma-separated
ALTER TABLE practice_sessions ADD COLUMN followed_up VARCHAR(2000) NOT NULL DEFAULT '';
