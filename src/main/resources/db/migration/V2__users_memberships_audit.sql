CREATE TABLE app_user (
    id                   BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    username             VARCHAR(64)  NOT NULL,
    password_hash        VARCHAR(100) NOT NULL,
    admin                BOOLEAN      NOT NULL,
    active               BOOLEAN      NOT NULL,
    must_change_password BOOLEAN      NOT NULL,
    failed_logins        INT          NOT NULL,
    last_failed_login_at DATETIME(6)  NULL,
    created_at           DATETIME(6)  NOT NULL,
    updated_at           DATETIME(6)  NOT NULL,
    CONSTRAINT uq_app_user_username UNIQUE (username)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- one row per user, trial and role
CREATE TABLE membership (
    id         BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    user_id    BIGINT      NOT NULL,
    trial_id   BIGINT      NOT NULL,
    role       VARCHAR(16) NOT NULL,
    created_at DATETIME(6) NOT NULL,
    CONSTRAINT uq_membership UNIQUE (user_id, trial_id, role),
    CONSTRAINT fk_membership_user FOREIGN KEY (user_id) REFERENCES app_user (id),
    CONSTRAINT fk_membership_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- append-only and hash-chained: seq has no gaps, and each record's hash covers its content
-- and the previous record's hash
CREATE TABLE audit_record (
    seq                BIGINT        NOT NULL PRIMARY KEY,
    recorded_at        DATETIME(6)   NOT NULL,
    user_id            BIGINT        NULL,
    username           VARCHAR(64)   NULL,
    role               VARCHAR(16)   NULL,
    trial_id           BIGINT        NULL,
    action             VARCHAR(64)   NOT NULL,
    entity             VARCHAR(64)   NOT NULL,
    entity_id          VARCHAR(64)   NULL,
    before_value       MEDIUMTEXT    NULL,
    after_value        MEDIUMTEXT    NULL,
    reason             VARCHAR(2000) NULL,
    reveals_allocation BOOLEAN       NOT NULL,
    previous_hash      CHAR(64)      NOT NULL,
    hash               CHAR(64)      NOT NULL,
    INDEX ix_audit_record_trial (trial_id, seq)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- the chain's end; appenders lock this row, so records are chained one at a time even
-- across several service instances, and removing the newest records shows
CREATE TABLE audit_head (
    id        INT      NOT NULL PRIMARY KEY,
    last_seq  BIGINT   NOT NULL,
    last_hash CHAR(64) NOT NULL
) ENGINE = InnoDB;

INSERT INTO audit_head (id, last_seq, last_hash)
VALUES (1, 0, '0000000000000000000000000000000000000000000000000000000000000000');
