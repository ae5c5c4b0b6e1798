-- reports read every score, participant and attendance of a trial at once: covering indexes
-- let the database answer from the index alone instead of one row lookup each
CREATE INDEX ix_assessment_report ON assessment (trial_id, participant_id, timepoint, instrument, total, guess);
CREATE INDEX ix_attendance_report ON attendance (trial_id, participant_id, present);
DROP INDEX ix_attendance_trial ON attendance;
