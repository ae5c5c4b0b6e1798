-- A receipt for each allocation made from this version on: the SHA-256 of a fixed text that binds
-- the trial, the allocation's number, participant code and time, the published commitment, the
-- audit record written for the allocation (its number in the trial's chain and its MAC) and the
-- allocation's own MAC (src/verifier/SPECIFICATION.md, section 12). The arm is not in the text.
-- Written in the allocation's transaction, after that audit record, and never changed; what it
-- was computed from is read back from the allocation and the audit trail, so only the audit
-- record's number and MAC and the hash itself are kept here. Allocations made before have none.
CREATE TABLE allocation_receipt (
    allocation_id BIGINT      NOT NULL PRIMARY KEY,
    trial_id      BIGINT      NOT NULL,
    number        INT         NOT NULL,
    version       VARCHAR(32) NOT NULL,
    chain_seq     BIGINT      NOT NULL,
    chain_hash    CHAR(64)    NOT NULL,
    hash          CHAR(64)    NOT NULL,
    CONSTRAINT uq_receipt_trial_number UNIQUE (trial_id, number),
    CONSTRAINT fk_receipt_allocation FOREIGN KEY (allocation_id) REFERENCES allocation (id),
    CONSTRAINT fk_receipt_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
