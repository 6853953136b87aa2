-- The concepts an interviewer's feedback has credited to the candidate so far (comma-separated
-- concept ids), kept apart from the ticks, which the interviewer may change after submitting: a
-- resubmission credits only what was not credited before. NULL on rows written before this
-- column, whose ticks were all credited if they were submitted.
ALTER TABLE mock_feedback ADD COLUMN credited TEXT;
