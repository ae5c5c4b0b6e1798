-- the per-protocol decision: set by the attendance rule, or by a coordinator with a reason
ALTER TABLE participant
    ADD COLUMN per_protocol_excluded   BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN per_protocol_reason     VARCHAR(2000) NULL,
    ADD COLUMN per_protocol_overridden BOOLEAN       NOT NULL DEFAULT FALSE,
    ADD COLUMN keep_data               BOOLEAN       NOT NULL DEFAULT TRUE;

-- one instrument at one timepoint for one participant; corrections keep the earlier values in the audit trail
CREATE TABLE assessment (
    id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id       BIGINT      NOT NULL,
    participant_id BIGINT      NOT NULL,
    instrument     VARCHAR(32) NOT NULL,
    timepoint      VARCHAR(32) NOT NULL,
    responses_json TEXT        NOT NULL,
    total          DOUBLE      NULL,
    scores_json    TEXT        NOT NULL,
    guess          VARCHAR(16) NULL,
    entered_by     BIGINT      NULL,
    entered_at     DATETIME(6) NOT NULL,
    corrected_at   DATETIME(6) NULL,
    version        INT         NOT NULL,
    CONSTRAINT uq_assessment UNIQUE (participant_id, instrument, timepoint),
    CONSTRAINT fk_assessment_trial FOREIGN KEY (trial_id) REFERENCES trial (id),
    CONSTRAINT fk_assessment_participant FOREIGN KEY (participant_id) REFERENCES participant (id),
    INDEX ix_assessment_trial (trial_id, participant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE attendance (
    id             BIGINT      NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id       BIGINT      NOT NULL,
    participant_id BIGINT      NOT NULL,
    session        INT         NOT NULL,
    present        BOOLEAN     NOT NULL,
    recorded_by    BIGINT      NULL,
    recorded_at    DATETIME(6) NOT NULL,
    CONSTRAINT uq_attendance UNIQUE (participant_id, session),
    CONSTRAINT fk_attendance_trial FOREIGN KEY (trial_id) REFERENCES trial (id),
    CONSTRAINT fk_attendance_participant FOREIGN KEY (participant_id) REFERENCES participant (id),
    INDEX ix_attendance_trial (trial_id)
) ENGINE = InnoDB;

-- what happened to a participant after randomisation, with a date, a reason and the timepoint it affects
CREATE TABLE follow_up_event (
    id             BIGINT        NOT NULL AUTO_INCREMENT PRIMARY KEY,
    trial_id       BIGINT        NOT NULL,
    participant_id BIGINT        NOT NULL,
    kind           VARCHAR(40)   NOT NULL,
    occurred_on    DATE          NOT NULL,
    reason         VARCHAR(2000) NOT NULL,
    timepoint      VARCHAR(32)   NULL,
    keep_data      BOOLEAN       NULL,
    recorded_by    BIGINT        NULL,
    recorded_at    DATETIME(6)   NOT NULL,
    CONSTRAINT fk_follow_up_event_trial FOREIGN KEY (trial_id) REFERENCES trial (id),
    CONSTRAINT fk_follow_up_event_participant FOREIGN KEY (participant_id) REFERENCES participant (id),
    INDEX ix_follow_up_event_trial (trial_id, participant_id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;
