-- One audit chain per trial, and one ('service') for what belongs to no trial, each with its
-- own head row, so that audited writes of different trials lock different rows. The records
-- written before this change stay one chain as they are, 'legacy': their numbers, links and
-- MACs are unchanged, so they go on verifying, and nothing but its sealing record (for a chain
-- older than the audit key) is appended to it again.

-- A record's place in its chain is (chain, seq); id numbers every record of the trail for
-- ordering and paging. Old records keep their number as both.
ALTER TABLE audit_record
    ADD COLUMN id BIGINT NULL FIRST,
    ADD COLUMN chain VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'legacy' AFTER id;

UPDATE audit_record SET id = seq;

ALTER TABLE audit_record
    DROP PRIMARY KEY,
    MODIFY COLUMN id BIGINT NOT NULL AUTO_INCREMENT,
    ADD PRIMARY KEY (id),
    ALTER COLUMN chain DROP DEFAULT,
    ADD CONSTRAINT uq_audit_record_chain UNIQUE (chain, seq),
    DROP INDEX ix_audit_record_trial,
    ADD INDEX ix_audit_record_trial (trial_id, id);

-- The one head row becomes the legacy chain's; every chain has its own from now on.
ALTER TABLE audit_head
    ADD COLUMN chain VARCHAR(32) CHARACTER SET ascii COLLATE ascii_bin NOT NULL DEFAULT 'legacy' FIRST;

ALTER TABLE audit_head
    DROP PRIMARY KEY,
    DROP COLUMN id,
    ADD PRIMARY KEY (chain),
    ALTER COLUMN chain DROP DEFAULT;

INSERT INTO audit_head (chain, last_seq, last_hash, keyed)
VALUES ('service', 0, '0000000000000000000000000000000000000000000000000000000000000000', TRUE);

-- Heads of the trials there are; a trial registered later gets its head with its first record.
INSERT INTO audit_head (chain, last_seq, last_hash, keyed)
SELECT CONCAT('trial-', id), 0, '0000000000000000000000000000000000000000000000000000000000000000', TRUE
FROM trial;
