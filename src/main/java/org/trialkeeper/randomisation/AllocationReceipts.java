package org.trialkeeper.randomisation;

import jakarta.inject.Singleton;
import org.trialkeeper.audit.AuditAnchor;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.Candidate;
import org.trialkeeper.randomisation.receipt.AllocationReceipt;
import org.trialkeeper.randomisation.receipt.Receipt;
import org.trialkeeper.randomisation.receipt.ReceiptView;
import org.trialkeeper.randomisation.receipt.Receipts;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Receipts of allocations: given in the allocation's transaction, once its audit record is
 * written, shown again with the allocation, and recomputed by verification after lock from the
 * allocation, the published commitment and the audit trail as they are then.
 */
@Singleton
class AllocationReceipts {

    /** The action of the audit record written for each allocation, which its receipt names. */
    static final String RANDOMISED = "participant.randomised";

    private final Receipts receipts;
    private final RandomisationSetupRepository setups;
    private final AuditTrail audit;

    AllocationReceipts(Receipts receipts, RandomisationSetupRepository setups, AuditTrail audit) {
        this.receipts = receipts;
        this.setups = setups;
        this.audit = audit;
    }

    /** What verification finds: how many receipts it recomputed, and each difference. */
    record Findings(int checked, List<String> differences) {
    }

    /** What a receipt of this allocation binds, naming the audit record at {@code chainSeq}. */
    static Receipt receipt(Allocation allocation, String participantCode, String commitment, long chainSeq,
                           String chainHash) {
        return new Receipt(allocation.trialId(), allocation.number(), participantCode, allocation.allocatedAt(),
                commitment, chainSeq, chainHash, allocation.mac());
    }

    /** Keeps the receipts of allocations just saved, each naming the audit record written for it; answers them in order. */
    List<ReceiptView> give(List<Allocation> saved, List<Candidate> participants, String commitment,
                           List<AuditAnchor> records) {
        List<Receipts.Issue> issued = new ArrayList<>(saved.size());
        for (int k = 0; k < saved.size(); k++) {
            Allocation allocation = saved.get(k);
            issued.add(new Receipts.Issue(allocation.id(), receipt(allocation, participants.get(k).code(), commitment,
                    records.get(k).seq(), records.get(k).hash())));
        }
        return receipts.keep(issued);
    }

    /** The trial's receipts as held, by allocation id. */
    Map<Long, AllocationReceipt> byAllocation(long trialId) {
        Map<Long, AllocationReceipt> byAllocation = new HashMap<>();
        receipts.ofTrial(trialId).forEach(r -> byAllocation.put(r.allocationId(), r));
        return byAllocation;
    }

    Optional<AllocationReceipt> row(Allocation allocation) {
        return receipts.of(allocation.id());
    }

    /**
     * What is wrong with the audit record a receipt names: none when the trial's chain holds it,
     * with the MAC named, and it is the record of the receipt's allocation.
     */
    static Optional<String> recordProblem(AllocationReceipt held, AuditTrail.Written record) {
        if (record == null || !record.hash().equals(held.chainHash())) {
            return Optional.of("names record " + held.chainSeq() + " of the trial's audit chain with MAC "
                    + held.chainHash() + ", which the chain does not hold");
        }
        if (!RANDOMISED.equals(record.action()) || !String.valueOf(held.number()).equals(record.entityId())) {
            return Optional.of("names record " + held.chainSeq() + " of the trial's audit chain, which is not the"
                    + " record of allocation " + held.number() + " but " + record.action() + " " + record.entityId());
        }
        return Optional.empty();
    }

    /** What is wrong with the audit record a receipt names, looked up in the trial's chain. */
    Optional<String> recordProblem(long trialId, AllocationReceipt held) {
        return recordProblem(held, audit.recordsAt(trialId, List.of(held.chainSeq())).get(held.chainSeq()));
    }

    /** The allocation's receipt as held, or null when it was made before receipts were given. */
    ReceiptView held(Allocation allocation, String participantCode) {
        return row(allocation).map(held -> ReceiptView.of(receipt(allocation, participantCode,
                        commitment(allocation.trialId()), held.chainSeq(), held.chainHash()), held.version(), held.hash()))
                .orElse(null);
    }

    String commitment(long trialId) {
        return setups.findById(trialId).map(RandomisationSetup::commitment).orElseThrow(() -> new IllegalStateException(
                "Trial " + trialId + " has allocations but no commitment"));
    }

    /**
     * Recomputes every receipt from its allocation and the commitment, and finds the audit record
     * each names with the MAC it names. Receipts began with a version of the service, so only an
     * allocation made after one that has a receipt must have one too.
     */
    Findings verify(long trialId, String commitment, List<Allocation> used, Map<Long, Candidate> byId) {
        Map<Long, AllocationReceipt> byAllocation = byAllocation(trialId);
        Map<Long, AuditTrail.Written> chain = audit.recordsAt(trialId,
                byAllocation.values().stream().map(AllocationReceipt::chainSeq).toList());
        List<String> differences = new ArrayList<>();
        Integer firstReceipted = null;
        int checked = 0;
        for (Allocation allocation : used) {
            AllocationReceipt held = byAllocation.remove(allocation.id());
            String whose = "the receipt of allocation " + allocation.number();
            if (held == null) {
                if (firstReceipted != null) {
                    differences.add("allocation " + allocation.number() + " has no receipt, though allocation "
                            + firstReceipted + " before it has one");
                }
                continue;
            }
            firstReceipted = firstReceipted == null ? allocation.number() : firstReceipted;
            checked++;
            if (held.number() != allocation.number()) {
                differences.add(whose + " names number " + held.number());
            }
            String recomputed = receipt(allocation, byId.get(allocation.participantId()).code(), commitment,
                    held.chainSeq(), held.chainHash()).hash();
            if (!Receipt.VERSION.equals(held.version()) || !recomputed.equals(held.hash())) {
                differences.add(whose + " is held as " + held.hash() + ", but the allocation, the commitment and the"
                        + " audit record it names give " + recomputed);
            }
            recordProblem(held, chain.get(held.chainSeq())).ifPresent(problem -> differences.add(whose + " " + problem));
        }
        byAllocation.values().forEach(r -> differences.add("a receipt names allocation " + r.number()
                + " of this trial, but is held for an allocation that is not one of its own"));
        return new Findings(checked, differences);
    }
}
