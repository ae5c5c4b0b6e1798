-- everyone screened is kept, eligible or not, because the CONSORT diagram counts them
CREATE TABLE participant (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id         BIGINT        NOT NULL,
    code             VARCHAR(32)   NOT NULL,
    site             VARCHAR(32)   NOT NULL,
    baseline_json    TEXT          NOT NULL,
    eligibility_json TEXT          NOT NULL,
    failed_criteria  VARCHAR(2000) NOT NULL,
    consent          VARCHAR(16)   NOT NULL,
    status           VARCHAR(32)   NOT NULL,
    screened_by      BIGINT        NULL,
    screened_at      DATETIME(6)   NOT NULL,
    updated_at       DATETIME(6)   NOT NULL,
    CONSTRAINT uq_participant_code UNIQUE (trial_id, code),
    CONSTRAINT fk_participant_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- written once, when recruitment opens; the seed only ever encrypted
CREATE TABLE randomisation_setup (
    trial_id        BIGINT       NOT NULL PRIMARY KEY,
    scheme          VARCHAR(32)  NOT NULL,
    protocol_version INT         NOT NULL,
    encrypted_seed  VARCHAR(200) NOT NULL,
    commitment      CHAR(64)     NOT NULL,
    committed_at    DATETIME(6)  NOT NULL,
    CONSTRAINT fk_randomisation_setup_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB;

CREATE TABLE allocation_slot (
    id         BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id   BIGINT       NOT NULL,
    stratum    VARCHAR(255) NOT NULL,
    position   INT          NOT NULL,
    arm        VARCHAR(32)  NOT NULL,
    block      INT          NOT NULL,
    block_size INT          NOT NULL,
    CONSTRAINT uq_allocation_slot_position UNIQUE (trial_id, stratum, position)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- one per participant, never deleted or changed but for the randomised-in-error flag
CREATE TABLE allocation (
    id               BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id         BIGINT        NOT NULL,
    participant_id   BIGINT        NOT NULL,
    number           INT           NOT NULL,
    stratum          VARCHAR(255)  NOT NULL,
    position         INT           NOT NULL,
    factor_levels    VARCHAR(1000) NOT NULL,
    arm              VARCHAR(32)   NOT NULL,
    idempotency_key  VARCHAR(64)   NOT NULL,
    allocated_by     BIGINT        NULL,
    allocated_at     DATETIME(6)   NOT NULL,
    in_error_reason  VARCHAR(2000) NULL,
    in_error_at      DATETIME(6)   NULL,
    CONSTRAINT uq_allocation_participant UNIQUE (participant_id),
    CONSTRAINT uq_allocation_slot UNIQUE (trial_id, stratum, position),
    CONSTRAINT uq_allocation_number UNIQUE (trial_id, number),
    CONSTRAINT uq_allocation_idempotency UNIQUE (trial_id, idempotency_key),
    CONSTRAINT fk_allocation_participant FOREIGN KEY (participant_id) REFERENCES participant (id),
    CONSTRAINT fk_allocation_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE unblinding (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id       BIGINT        NOT NULL,
    participant_id BIGINT        NOT NULL,
    user_id        BIGINT        NOT NULL,
    role           VARCHAR(16)   NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    unblinded_at   DATETIME(6)   NOT NULL,
    CONSTRAINT fk_unblinding_participant FOREIGN KEY (participant_id) REFERENCES participant (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
