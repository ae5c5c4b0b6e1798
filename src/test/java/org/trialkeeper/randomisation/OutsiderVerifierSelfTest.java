package org.trialkeeper.randomisation;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The verifier's own unit tests: AES against the known answers of FIPS-197, and how the stream's
 * words are read and drawn from.
 */
class OutsiderVerifierSelfTest {

    @Test
    void theVerifiersUnitTestsPassAesAgainstFips197AmongThem() throws Exception {
        OutsiderVerifier.Run run = OutsiderVerifier.module("unittest", "discover", "-s", "tests", "-t", ".", "-v");
        assertEquals(0, run.exitCode(), run.output());
        assertTrue(run.output().contains("test_c3_aes_256"), run.output());
        assertTrue(run.output().contains("test_a3_a256_bit_key"), run.output());
    }
}
