package org.trialkeeper.randomisation.timestamp;

import java.time.Instant;

/**
 * What a time-stamp token says, read from its DER bytes.
 *
 * @param authority the TSA's name in the token, or the subject of its signing certificate when it names none
 */
record TokenFacts(Instant genTime, String authority, String serialNumber, String policy) {
}
