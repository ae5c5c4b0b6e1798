package org.trialkeeper.randomisation;

import io.micronaut.serde.annotation.Serdeable;

import java.time.Instant;

/** What is published before the first allocation: the scheme and a hash, never a slot. */
@Serdeable
record CommitmentView(String scheme, String commitment, String algorithm, int strata, Instant committedAt) {

    static final String ALGORITHM = "SHA-256 of the scheme and its settings, the arms and ratios, the SHA-256 of "
            + "the seed, and every stratum's list (position:arm:block:block size), as GET .../randomisation/verify "
            + "recomputes it after lock";
}
