package org.trialkeeper.randomisation;

import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;

import java.util.List;
import java.util.stream.Collectors;

/**
 * An HMAC-SHA256 over what an allocation holds: trial, participant, number, stratum, position,
 * factor levels, arm and idempotency key. Its key is derived from the seed key with a label of
 * its own and never written to the database, so someone who can write the database but not
 * read the key cannot change an allocation unseen: every read of an arm checks it, and a read
 * that meets a changed allocation passes nothing of it on.
 */
@Singleton
class AllocationMac {

    static final String LABEL = "trialkeeper-allocation-mac-1";

    private final Hmac hmac;

    @Inject
    AllocationMac(SeedVault vault) {
        this(vault.derivedKey(LABEL));
    }

    AllocationMac(byte[] key) {
        this.hmac = new Hmac(key);
    }

    /** The allocation with its MAC. */
    Allocation sealed(Allocation allocation) {
        return allocation.withMac(of(allocation));
    }

    boolean matches(Allocation allocation) {
        return Hmac.same(of(allocation), allocation.mac());
    }

    /** The allocation, if it matches its MAC; otherwise the problem that refuses to show it. */
    Allocation checked(Allocation allocation) {
        return checked(List.of(allocation)).get(0);
    }

    List<Allocation> checked(List<Allocation> allocations) {
        List<Integer> altered = allocations.stream().filter(a -> !matches(a)).map(Allocation::number).toList();
        if (!altered.isEmpty()) {
            throw altered(allocations.get(0).trialId(), altered);
        }
        return allocations;
    }

    static ProblemException altered(long trialId, List<Integer> numbers) {
        return new ProblemException(ProblemCode.ALLOCATION_ALTERED, "Allocation number "
                + numbers.stream().map(String::valueOf).collect(Collectors.joining(", "))
                + " of trial " + trialId + " does not match its MAC: it was changed in the database, or made before"
                + " allocations were sealed and not sealed since. Nothing of it is shown; GET /api/trials/" + trialId
                + "/randomisation/integrity names every such allocation");
    }

    String of(Allocation allocation) {
        return hmac.of(fields -> {
            Hmac.text(fields, LABEL);
            fields.writeLong(allocation.trialId());
            fields.writeLong(allocation.participantId());
            fields.writeInt(allocation.number());
            Hmac.text(fields, allocation.stratum());
            fields.writeInt(allocation.position());
            Hmac.text(fields, allocation.factorLevels());
            Hmac.text(fields, allocation.arm());
            Hmac.text(fields, allocation.idempotencyKey());
        });
    }
}
