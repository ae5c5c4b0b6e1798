package org.trialkeeper.randomisation.receipt;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps and reads allocations' receipts. */
@Singleton
public class Receipts {

    private final AllocationReceiptRepository receipts;

    Receipts(AllocationReceiptRepository receipts) {
        this.receipts = receipts;
    }

    /** A receipt to keep for the allocation with this id. */
    public record Issue(long allocationId, Receipt receipt) {
    }

    /**
     * Keeps the receipts of allocations just made, in the transaction that made them and after
     * their audit records; answers them, in order, as the allocation answer shows them.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReceiptView> keep(List<Issue> issued) {
        List<AllocationReceipt> rows = new ArrayList<>(issued.size());
        List<ReceiptView> views = new ArrayList<>(issued.size());
        for (Issue issue : issued) {
            Receipt receipt = issue.receipt();
            String hash = receipt.hash();
            rows.add(new AllocationReceipt(issue.allocationId(), receipt.trialId(), receipt.number(), Receipt.VERSION,
                    receipt.chainSeq(), receipt.chainHash(), hash));
            views.add(ReceiptView.of(receipt, Receipt.VERSION, hash));
        }
        receipts.saveAll(rows);
        return views;
    }

    @Transactional
    public Optional<AllocationReceipt> of(long allocationId) {
        return receipts.findByAllocationId(allocationId);
    }

    @Transactional
    public Optional<AllocationReceipt> of(long trialId, int number) {
        return receipts.findByTrialIdAndNumber(trialId, number);
    }

    /** Every receipt a trial holds, in the order of allocation numbers. */
    @Transactional
    public List<AllocationReceipt> ofTrial(long trialId) {
        return receipts.findByTrialIdOrderByNumber(trialId);
    }
}
