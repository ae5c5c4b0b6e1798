-- Running counts of a minimisation trial's allocations by factor, level and arm, so that a
-- decision reads the counts instead of re-counting every earlier allocation. They are derived
-- data, written in each allocation's transaction under the trial's allocation lock. The tally
-- row's MAC (under a key derived from the seed key, never written here) covers every count of
-- the trial and the number of allocations counted, so a count changed, removed, added or put
-- back to an earlier value is refused. Trials that made allocations before this version get
-- their counts at their next decision, recounted from allocations checked against their MACs:
-- the key is not in the database, so SQL here could not vouch for them.
CREATE TABLE minimisation_count (
    trial_id     BIGINT       NOT NULL,
    factor       VARCHAR(200) NOT NULL,
    factor_level VARCHAR(200) NOT NULL,
    arm          VARCHAR(32)  NOT NULL,
    allocations  INT          NOT NULL,
    PRIMARY KEY (trial_id, factor, factor_level, arm),
    CONSTRAINT fk_minimisation_count_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB DEFAULT CHARSET = utf8mb4 COLLATE = utf8mb4_bin;

CREATE TABLE minimisation_tally (
    trial_id    BIGINT   NOT NULL PRIMARY KEY,
    allocations INT      NOT NULL,
    mac         CHAR(64) NOT NULL,
    CONSTRAINT fk_minimisation_tally_trial FOREIGN KEY (trial_id) REFERENCES trial (id)
) ENGINE = InnoDB;
