package org.trialkeeper.audit;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-seals the legacy chain when it was written before the audit key existed: if its SHA-256
 * chain is intact, every record gets a MAC under the key, in order, and the head is marked
 * keyed. A broken chain is never re-sealed, which would launder the break: it stays as it is,
 * and verification goes on naming its first bad record. Only the legacy chain can predate the
 * key; every other chain is keyed from its first record.
 */
@Singleton
record AuditSealing(AuditRepository records, AuditKey key, JdbcOperations jdbc) {

    private static final Logger LOG = LoggerFactory.getLogger(AuditSealing.class);
    private static final int BATCH = 500;

    /**
     * Seals the chain of the locked, unkeyed legacy head: answers the newest record's MAC, for
     * the head to move to, or null when the chain is broken and stays as it is.
     */
    String seal(AuditHead head) {
        ChainCheck unkeyed = new ChainCheck(head.chain(), AuditChain.unkeyed());
        walk(records, head.chain(), unkeyed::accept);
        AuditVerification before = unkeyed.result(head);
        if (!before.intact()) {
            LOG.error("The audit chain is broken ({}), so it is not sealed under the audit key: {}",
                    before.problem(), before.detail());
            return null;
        }
        String[] last = {AuditChain.GENESIS};
        List<String[]> pending = new ArrayList<>();
        walk(records, head.chain(), (entry, previous, hash) -> {
            String mac = key.keyed().hash(entry, last[0]);
            pending.add(new String[] {last[0], mac, Long.toString(entry.seq())});
            last[0] = mac;
            if (pending.size() == BATCH) {
                reseal(head.chain(), pending);
            }
        });
        reseal(head.chain(), pending);
        if (head.lastSeq() > 0) {
            LOG.info("The audit chain's {} records are sealed under the audit key", head.lastSeq());
        }
        return last[0];
    }

    /** Writes the pending MACs in one batch: previous hash, hash, seq. */
    private void reseal(String chain, List<String[]> pending) {
        if (pending.isEmpty()) {
            return;
        }
        jdbc.prepareStatement("UPDATE audit_record SET previous_hash = ?, hash = ? WHERE chain = ? AND seq = ?",
                (PreparedStatement statement) -> {
                    for (String[] row : pending) {
                        statement.setString(1, row[0]);
                        statement.setString(2, row[1]);
                        statement.setString(3, chain);
                        statement.setLong(4, Long.parseLong(row[2]));
                        statement.addBatch();
                    }
                    return statement.executeBatch();
                });
        pending.clear();
    }

    /** What a walk of the chain sees of each record: its content, and the hashes stored with it. */
    interface Visit {
        void accept(AuditEntry entry, String storedPreviousHash, String storedHash);
    }

    /** Every record of one chain, in the chain's order, a page at a time. */
    static void walk(AuditRepository records, String chain, Visit visit) {
        long after = 0;
        List<AuditRecord> page;
        do {
            page = records.findTop500ByChainAndSeqGreaterThanOrderBySeq(chain, after);
            for (AuditRecord record : page) {
                visit.accept(record.entry(), record.previousHash(), record.hash());
                after = record.seq();
            }
        } while (!page.isEmpty());
    }
}
