package org.trialkeeper.randomisation.receipt;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.database.RowInserts;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Keeps and reads allocations' receipts. */
@Singleton
public class Receipts {

    private final AllocationReceiptRepository receipts;
    private final JdbcOperations jdbc;

    Receipts(AllocationReceiptRepository receipts, JdbcOperations jdbc) {
        this.receipts = receipts;
        this.jdbc = jdbc;
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
        insert(rows);
        return views;
    }

    /** One statement on the transaction's connection: every allocation waits for it, and a repository's mapping costs more. */
    private void insert(List<AllocationReceipt> rows) {
        jdbc.prepareStatement("INSERT INTO allocation_receipt (allocation_id, trial_id, number, version, chain_seq,"
                + " chain_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?)", statement -> {
                    RowInserts.send(statement, rows, (insert, row) -> {
                        insert.setLong(1, row.allocationId());
                        insert.setLong(2, row.trialId());
                        insert.setInt(3, row.number());
                        insert.setString(4, row.version());
                        insert.setLong(5, row.chainSeq());
                        insert.setString(6, row.chainHash());
                        insert.setString(7, row.hash());
                    });
                    return null;
                });
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
