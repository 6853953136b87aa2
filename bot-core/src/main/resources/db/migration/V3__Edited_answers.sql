-- Edited answers: an edit made on the platform is stored as a new answer row (kind 'edit') that
-- points at the answer it revises, so every wording the user sent is kept.
ALTER TABLE answers ADD COLUMN revises VARCHAR(36);

CREATE INDEX answers_by_revised ON answers (revises);
