package org.trialkeeper.randomisation;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.trialkeeper.randomisation.scheme.MarginalCounts;

import java.util.Map;

/**
 * An HMAC-SHA256 over all of a minimisation trial's running counts and the number of
 * allocations they count. The counts steer decisions, so a count a database writer could
 * change unseen would be a way to choose arms; one MAC over the whole tally, not one a row,
 * also finds a row removed, added or put back to an earlier value it once held with its MAC,
 * and the number counted ties the tally to the allocations, which carry MACs of their own. Its
 * key is derived from the seed key with a label of its own and never written to the database.
 */
@Singleton
class TallyMac {

    static final String LABEL = "trialkeeper-minimisation-tally-1";

    private final Hmac hmac;

    @Inject
    TallyMac(SeedVault vault) {
        this(vault.derivedKey(LABEL));
    }

    TallyMac(byte[] key) {
        this.hmac = new Hmac(key);
    }

    String of(long trialId, int allocations, MarginalCounts counts) {
        return hmac.of(fields -> {
            Hmac.text(fields, LABEL);
            fields.writeLong(trialId);
            fields.writeInt(allocations);
            fields.writeInt(counts.cells().size());
            for (Map.Entry<MarginalCounts.Cell, Integer> cell : counts.cells().entrySet()) {
                Hmac.text(fields, cell.getKey().factor());
                Hmac.text(fields, cell.getKey().level());
                Hmac.text(fields, cell.getKey().arm());
                fields.writeInt(cell.getValue());
            }
        });
    }

    boolean matches(long trialId, int allocations, MarginalCounts counts, String mac) {
        return Hmac.same(of(trialId, allocations, counts), mac);
    }
}
