-- An HMAC over what each allocation holds, under a key derived from the seed key and never
-- written here, so that an allocation changed in the database is found whenever it is read.
-- Allocations made before it existed get theirs once, when the service starts on this version,
-- after they are checked against the sequence regenerated from the trial's seed.
ALTER TABLE allocation ADD COLUMN mac CHAR(64) NULL;
