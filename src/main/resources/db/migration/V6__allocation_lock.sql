-- One row per trial whose recruitment has opened. A trial's allocations are decided one batch
-- at a time, on every instance, under this row's lock; the audit trail keeps its own lock.
CREATE TABLE allocation_lock (
    trial_id BIGINT NOT NULL PRIMARY KEY,
    CONSTRAINT fk_allocation_lock_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB;

INSERT INTO allocation_lock (trial_id) SELECT trial_id FROM randomisation_setup;
