package org.trialkeeper.randomisation.scheme;

import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.protocol.ProtocolFiles;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ConvergenceGuessTest {

    private static final Protocol EQUAL = ProtocolFiles.seedVariant(tree -> { });

    @Test
    void aBlockOfFourEarnsItsKnownCredits() {
        ConvergenceGuess guesser = ConvergenceGuess.of(EQUAL);
        // B W W B: a tie (1/2), B is ahead so W is guessed (right), a tie again (1/2), W is ahead so B (right)
        assertEquals(List.of(0.5, 1.0, 0.5, 1.0), credits(guesser, "all", "BALINT", "WAITLIST", "WAITLIST", "BALINT"));
        // B B W W: a tie, W guessed (wrong), W certain, W certain
        assertEquals(List.of(0.5, 0.0, 1.0, 1.0), credits(guesser, "all", "BALINT", "BALINT", "WAITLIST", "WAITLIST"));
    }

    @Test
    void eachStratumIsGuessedFromItsOwnAllocations() {
        ConvergenceGuess guesser = ConvergenceGuess.of(EQUAL);
        assertEquals(List.of(0.5), credits(guesser, "site=A", "BALINT"));
        assertEquals(List.of(0.5, 0.0), credits(guesser, "site=B", "BALINT", "BALINT"));
        assertEquals(List.of(0.0, 1.0), guesser.chances("site=A"));
        assertEquals(List.of(1.0), credits(guesser, "site=A", "WAITLIST"));
    }

    @Test
    void anUnequalRatioComparesCountsPerShare() {
        @SuppressWarnings("unchecked")
        Protocol twoToOne = ProtocolFiles.seedVariant(tree -> ((Map<String, Object>) ((List<?>) tree.get("arms")).get(0))
                .put("ratio", 2));
        ConvergenceGuess guesser = ConvergenceGuess.of(twoToOne);
        // after one BALINT, BALINT has 1/2 and WAITLIST 0/1: WAITLIST is behind; after one each, BALINT (1/2 < 1/1)
        assertEquals(List.of(0.5, 1.0, 1.0), credits(guesser, "all", "BALINT", "WAITLIST", "BALINT"));
        assertEquals(List.of(0.5, 0.5), guesser.chances("all"), "2/2 and 1/1 tie");
    }

    private static List<Double> credits(ConvergenceGuess guesser, String stratum, String... arms) {
        return java.util.Arrays.stream(arms).map(arm -> guesser.next(stratum, arm).credit()).toList();
    }
}
