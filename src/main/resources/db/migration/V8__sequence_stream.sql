-- The generator a trial's lists and minimisation decisions are drawn from. Trials that opened
-- recruitment before it was recorded keep the one they used, since their commitments were
-- published over what it drew; the service gives new trials a cipher's keystream.
ALTER TABLE randomisation_setup ADD COLUMN stream VARCHAR(32) NOT NULL DEFAULT 'XOROSHIRO_128_PP';
