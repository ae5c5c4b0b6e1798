package org.trialkeeper.randomisation;

import io.micronaut.serde.annotation.Serdeable;

import org.trialkeeper.randomisation.timestamp.TimestampView;

import java.time.Instant;

/**
 * What is published before the first allocation: the scheme, the stream and a hash, never a slot,
 * and the RFC 3161 time-stamp of the hash when an authority is configured.
 */
@Serdeable
record CommitmentView(String scheme, String stream, String commitment, String algorithm, int strata,
                      Instant committedAt, TimestampView timestamp) {

    static final String ALGORITHM = "SHA-256 of the stream (named in the hashed text from aes-256-ctr on), the scheme"
            + " and its settings, the arms and ratios, the SHA-256 of the seed, and every stratum's list"
            + " (position:arm:block:block size), as GET .../randomisation/verify recomputes it after lock";
}
