-- Participants are listed a page at a time in the order screened, after the last id of the page
-- before: this index reads each page from where the last one ended, however large the trial.
CREATE INDEX ix_participant_trial_page ON participant (trial_id, id);
