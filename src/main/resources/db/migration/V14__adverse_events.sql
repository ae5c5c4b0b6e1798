-- adverse events of randomised participants, recorded by coordinators; a correction moves the
-- revision on, and the audit trail keeps the values it replaced
CREATE TABLE adverse_event (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id       BIGINT        NOT NULL,
    participant_id BIGINT        NOT NULL,
    onset          DATE          NOT NULL,
    description    VARCHAR(2000) NOT NULL,
    serious        BOOLEAN       NOT NULL,
    criteria       VARCHAR(200)  NOT NULL,
    severity       VARCHAR(16)   NOT NULL,
    relatedness    VARCHAR(16)   NOT NULL,
    outcome        VARCHAR(32)   NOT NULL,
    recorded_by    BIGINT        NULL,
    recorded_at    DATETIME(6)   NOT NULL,
    corrected_at   DATETIME(6)   NULL,
    revision       INT           NOT NULL,
    CONSTRAINT fk_adverse_event_trial FOREIGN KEY (trial_id) REFERENCES trial (id),
    CONSTRAINT fk_adverse_event_participant FOREIGN KEY (participant_id) REFERENCES participant (id),
    INDEX ix_adverse_event_trial (trial_id, participant_id),
    INDEX ix_adverse_event_serious (trial_id, serious)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

-- a notified member's acknowledgement of one revision of a serious adverse event
CREATE TABLE adverse_event_acknowledgement (
    id               BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    adverse_event_id BIGINT      NOT NULL,
    revision         INT         NOT NULL,
    user_id          BIGINT      NOT NULL,
    role             VARCHAR(16) NOT NULL,
    acknowledged_at  DATETIME(6) NOT NULL,
    CONSTRAINT uq_adverse_event_acknowledgement UNIQUE (adverse_event_id, revision, user_id),
    CONSTRAINT fk_acknowledgement_adverse_event FOREIGN KEY (adverse_event_id) REFERENCES adverse_event (id),
    CONSTRAINT fk_acknowledgement_user FOREIGN KEY (user_id) REFERENCES app_user (id)
) ENGINE = InnoDB;
