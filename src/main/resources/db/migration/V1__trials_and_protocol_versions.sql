CREATE TABLE trial (
    id               BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    short_name       VARCHAR(64)  NOT NULL,
    title            VARCHAR(4000) NOT NULL,
    registry_id      VARCHAR(200) NULL,
    status           VARCHAR(16)  NOT NULL,
    protocol_version INT          NOT NULL,
    created_at       DATETIME(6)  NOT NULL,
    updated_at       DATETIME(6)  NOT NULL,
    CONSTRAINT uq_trial_short_name UNIQUE (short_name)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- every version of every protocol is kept; a version is never updated once written
CREATE TABLE protocol_version (
    id             BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id       BIGINT       NOT NULL,
    version        INT          NOT NULL,
    source         MEDIUMTEXT   NOT NULL,
    source_type    VARCHAR(64)  NOT NULL,
    canonical_json MEDIUMTEXT   NOT NULL,
    sha256         CHAR(64)     NOT NULL,
    reason         VARCHAR(2000) NULL,
    created_at     DATETIME(6)  NOT NULL,
    CONSTRAINT uq_protocol_version UNIQUE (trial_id, version),
    CONSTRAINT fk_protocol_version_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
