package org.trialkeeper.randomisation;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AllocationMacTest {

    private static final byte[] SEED_KEY = "test-seed-key-that-is-32-bytes-!".getBytes();
    private static final AllocationMac MAC = new AllocationMac(new SeedVault(SEED_KEY).derivedKey(AllocationMac.LABEL));
    private static final Allocation MADE = MAC.sealed(new Allocation(7L, 3L, 41L, 5, "site=RAZI;sex=female", 2,
            "site=RAZI;sex=female", "BALINT", "key-0005", 9L, Instant.parse("2026-11-30T10:00:00Z"), null, null, null));

    @Test
    void changingAnythingThatWasAllocatedBreaksTheMac() {
        assertTrue(MAC.matches(MADE));
        List<UnaryOperator<Allocation>> changes = List.of(
                a -> with(a, 4L, a.participantId(), a.number(), a.stratum(), a.position(), a.factorLevels(), a.arm(), a.idempotencyKey()),
                a -> with(a, a.trialId(), 42L, a.number(), a.stratum(), a.position(), a.factorLevels(), a.arm(), a.idempotencyKey()),
                a -> with(a, a.trialId(), a.participantId(), 6, a.stratum(), a.position(), a.factorLevels(), a.arm(), a.idempotencyKey()),
                a -> with(a, a.trialId(), a.participantId(), a.number(), "site=RAZI;sex=male", a.position(), a.factorLevels(), a.arm(), a.idempotencyKey()),
                a -> with(a, a.trialId(), a.participantId(), a.number(), a.stratum(), 3, a.factorLevels(), a.arm(), a.idempotencyKey()),
                a -> with(a, a.trialId(), a.participantId(), a.number(), a.stratum(), a.position(), "site=RAZI", a.arm(), a.idempotencyKey()),
                a -> with(a, a.trialId(), a.participantId(), a.number(), a.stratum(), a.position(), a.factorLevels(), "WAITLIST", a.idempotencyKey()),
                a -> with(a, a.trialId(), a.participantId(), a.number(), a.stratum(), a.position(), a.factorLevels(), a.arm(), "key-0006"),
                a -> a.withMac(null));
        for (UnaryOperator<Allocation> change : changes) {
            assertFalse(MAC.matches(change.apply(MADE)), change.apply(MADE).toString());
        }
    }

    @Test
    void theRandomisedInErrorFlagIsOutsideTheMac() {
        assertTrue(MAC.matches(MADE.flaggedInError("randomised before consent", Instant.parse("2026-12-01T09:00:00Z"))));
    }

    @Test
    void theKeyIsDerivedFromTheSeedKeyAndIsNotTheSeedKey() {
        AllocationMac underTheSeedKeyItself = new AllocationMac(SEED_KEY);
        assertNotEquals(MAC.of(MADE), underTheSeedKeyItself.of(MADE));
        assertFalse(new AllocationMac(new SeedVault("another-seed-key-of-32-bytes-!!!".getBytes())
                .derivedKey(AllocationMac.LABEL)).matches(MADE));
    }

    @Test
    void aRefusalNamesTheNumbersAndNeverTheArm() {
        Allocation forged = with(MADE, 3L, 41L, 5, MADE.stratum(), 2, MADE.factorLevels(), "WAITLIST", "key-0005");
        var refusal = assertThrows(org.trialkeeper.problem.ProblemException.class, () -> MAC.checked(List.of(MADE, forged)));
        assertEquals("allocation-altered", refusal.code().code());
        assertTrue(refusal.getMessage().startsWith("Allocation number 5 of trial 3 "), refusal.getMessage());
        assertFalse(refusal.getMessage().contains("WAITLIST") || refusal.getMessage().contains("BALINT"));
    }

    private static Allocation with(Allocation a, Long trialId, Long participantId, int number, String stratum, int position,
                                   String factorLevels, String arm, String key) {
        return new Allocation(a.id(), trialId, participantId, number, stratum, position, factorLevels, arm, key,
                a.allocatedBy(), a.allocatedAt(), a.inErrorReason(), a.inErrorAt(), a.mac());
    }
}
