-- Whether the chain's records carry MACs under the audit key (kept outside the database)
-- rather than plain SHA-256 hashes. A chain written before the key existed is re-sealed under
-- it once, if it is intact, and says so in a record of its own.
ALTER TABLE audit_head ADD COLUMN keyed BOOLEAN NOT NULL DEFAULT FALSE;
