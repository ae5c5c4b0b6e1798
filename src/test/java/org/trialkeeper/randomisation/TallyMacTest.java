package org.trialkeeper.randomisation;

import org.junit.jupiter.api.Test;
import org.trialkeeper.randomisation.scheme.FactorLevels;
import org.trialkeeper.randomisation.scheme.MarginalCounts;
import org.trialkeeper.randomisation.scheme.MinimisationReplay;

import java.util.List;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TallyMacTest {

    private static final byte[] SEED_KEY = "test-seed-key-that-is-32-bytes-!".getBytes();
    private static final TallyMac MAC = new TallyMac(new SeedVault(SEED_KEY).derivedKey(TallyMac.LABEL));
    private static final MarginalCounts.Cell FEMALE_BALINT = new MarginalCounts.Cell("sex", "female", "BALINT");

    @Test
    void changingOrAddingAnyCountOrChangingTheNumberCountedBreaksTheMac() {
        String mac = MAC.of(3L, 3, counts(c -> { }));
        assertTrue(MAC.matches(3L, 3, counts(c -> { }), mac));
        List<Consumer<MarginalCounts>> changes = List.of(
                c -> c.put(FEMALE_BALINT, 1),
                c -> c.put(new MarginalCounts.Cell("sex", "male", "BALINT"), 1),
                c -> c.put(new MarginalCounts.Cell("site", "RAZI", "WAITLIST"), 2));
        for (Consumer<MarginalCounts> change : changes) {
            assertFalse(MAC.matches(3L, 3, counts(change), mac));
        }
        assertFalse(MAC.matches(3L, 4, counts(c -> { }), mac), "another number of allocations");
        assertFalse(MAC.matches(4L, 3, counts(c -> { }), mac), "another trial");
        assertFalse(MAC.matches(3L, 3, counts(c -> { }), null));
    }

    @Test
    void theKeyIsDerivedFromTheSeedKeyAndIsNeitherTheSeedKeyNorTheAllocationKey() {
        MarginalCounts counts = counts(c -> { });
        assertNotEquals(MAC.of(3L, 3, counts), new TallyMac(SEED_KEY).of(3L, 3, counts));
        assertNotEquals(MAC.of(3L, 3, counts),
                new TallyMac(new SeedVault(SEED_KEY).derivedKey(AllocationMac.LABEL)).of(3L, 3, counts));
    }

    /** Two women at RAZI in BALINT and one in WAITLIST, with a change applied. */
    private static MarginalCounts counts(Consumer<MarginalCounts> change) {
        FactorLevels levels = FactorLevels.parse("site=RAZI;sex=female");
        MarginalCounts counts = new MarginalCounts();
        for (String arm : List.of("BALINT", "BALINT", "WAITLIST")) {
            counts.add(new MinimisationReplay.Decision(levels, arm));
        }
        change.accept(counts);
        return counts;
    }
}
