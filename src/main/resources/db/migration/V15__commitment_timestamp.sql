-- The RFC 3161 time-stamp of a trial's commitment, asked of the time-stamping authority the
-- operator configures. The row is written PENDING in the transaction that opens recruitment
-- (only when an authority is configured); the request is made after that transaction commits,
-- so opening recruitment and allocating never wait for the authority. A granted token is kept
-- as the authority's DER bytes and never changed; everything shown of it (time, authority,
-- serial number, policy) is read from those bytes, so there is nothing beside them to disagree.
CREATE TABLE commitment_timestamp (
    trial_id        BIGINT        NOT NULL PRIMARY KEY,
    commitment      CHAR(64)      NOT NULL,
    state           VARCHAR(16)   NOT NULL,
    attempts        INT           NOT NULL,
    next_attempt_at DATETIME(6)   NULL,
    last_error      VARCHAR(500)  NULL,
    authority       VARCHAR(2000) NULL,
    token           MEDIUMBLOB    NULL,
    requested_at    DATETIME(6)   NOT NULL,
    settled_at      DATETIME(6)   NULL,
    CONSTRAINT fk_commitment_timestamp_trial FOREIGN KEY (trial_id) REFERENCES trial (id),
    INDEX ix_commitment_timestamp_due (state, next_attempt_at)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
