package org.trialkeeper.audit;

import io.micronaut.json.JsonMapper;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * Appends to the hash-chained audit trail. Recording joins the caller's transaction, so a
 * change and its record are committed together or not at all.
 */
@Singleton
public class AuditTrail {

    private final AuditRepository records;
    private final AuditHeadRepository heads;
    private final AuditKey key;
    private final AuditSealing sealing;
    private final AuditWitness witness;
    private final TransactionOperations<?> transactions;
    private final Clock clock;
    private final JsonMapper json;

    AuditTrail(AuditRepository records, AuditHeadRepository heads, AuditKey key, AuditSealing sealing,
               AuditWitness witness, TransactionOperations<?> transactions, Clock clock, JsonMapper json) {
        this.records = records;
        this.heads = heads;
        this.key = key;
        this.sealing = sealing;
        this.witness = witness;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        lock().record(event);
    }

    /**
     * Locks the chain's head until the transaction ends and answers a handle that appends to it.
     * Records are chained one at a time, across every instance. Take it last in a transaction,
     * after any lock of the caller's own, so that it is held only while records are appended.
     * A chain written before the audit key existed is sealed under it here, once.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Chain lock() {
        AuditHead head = heads.findByIdForUpdate(AuditHead.ONLY)
                .orElseThrow(() -> new IllegalStateException("The audit trail has no head row"));
        if (head.keyed()) {
            return new Chain(head);
        }
        String sealedHash = sealing.seal(head);
        if (sealedHash == null) {
            return new Chain(head);
        }
        Chain chain = new Chain(heads.update(new AuditHead(head.id(), head.lastSeq(), sealedHash, true)));
        if (head.lastSeq() > 0) {
            chain.record(AuditEvent.of(Actor.SYSTEM, null, "audit.chain-sealed", "audit", null)
                    .after(AuditEvent.fields("records", head.lastSeq())));
        }
        return chain;
    }

    /** The locked end of the chain, valid inside the transaction that locked it. */
    public final class Chain {

        private AuditHead head;

        private Chain(AuditHead head) {
            this.head = head;
        }

        public void record(AuditEvent event) {
            recordAll(List.of(event));
        }

        /** Appends the events in order, each chained to the one before, with one move of the head. */
        public void recordAll(List<AuditEvent> events) {
            if (events.isEmpty()) {
                return;
            }
            AuditChain chain = key.chainFor(head);
            List<AuditRecord> appended = new ArrayList<>(events.size());
            long seq = head.lastSeq();
            String last = head.lastHash();
            for (AuditEvent event : events) {
                AuditEntry entry = entry(++seq, event);
                String hash = chain.hash(entry, last);
                appended.add(AuditRecord.of(entry, last, hash));
                last = hash;
            }
            records.saveAll(appended);
            head = heads.update(head.movedTo(seq, last));
            AuditAnchor reached = new AuditAnchor(seq, last);
            transactions.findTransactionStatus().ifPresent(status -> status.registerSynchronization(
                    new TransactionSynchronization() {
                        @Override
                        public void afterCommit() {
                            witness.saw(reached);
                        }
                    }));
        }
    }

    private AuditEntry entry(long seq, AuditEvent event) {
        Actor actor = event.actor();
        return new AuditEntry(seq, clock.instant(), actor.userId(), actor.username(),
                actor.role() == null ? null : actor.role().name(), event.trialId(), event.action(), event.entity(),
                event.entityId(), json(event.before()), json(event.after()), event.reason(), event.revealsAllocation());
    }

    private String json(Object value) {
        if (value == null) {
            return null;
        }
        try {
            return json.writeValueAsString(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The chain's end now, to publish with a report or an export. */
    @Transactional
    public AuditAnchor anchor() {
        AuditHead head = head();
        return new AuditAnchor(head.lastSeq(), head.lastHash());
    }

    /**
     * Walks the whole chain in pages, oldest first; checks too that it still reaches the newest
     * record this instance saw committed, and, given an anchor published earlier, whether it
     * still passes through it.
     */
    @Transactional
    public AuditVerification verify(@Nullable AuditAnchor published) {
        AuditHead head = head();
        AuditAnchor seen = witness.latest();
        ChainCheck check = published == null ? new ChainCheck(key.chainFor(head), seen)
                : new ChainCheck(key.chainFor(head), seen, published);
        AuditSealing.walk(records, check::accept);
        AuditVerification result = check.result(head);
        if (result.intact() && !check.passed(0)) {
            result = result.broken(seen.seq(), "removed", "the chain no longer reaches record " + seen.seq()
                    + " as this service wrote it: records were removed or rewritten and the head moved back");
        }
        return published == null ? result : result.extending(check.passed(1));
    }

    public AuditVerification verify() {
        return verify(null);
    }

    private AuditHead head() {
        return heads.findById(AuditHead.ONLY)
                .orElseThrow(() -> new IllegalStateException("The audit trail has no head row"));
    }

    /** A page of the whole trail, for administrators. */
    @Transactional
    public List<AuditView> records(long afterSeq) {
        return records.findTop500BySeqGreaterThanOrderBySeq(afterSeq).stream()
                .map(record -> AuditView.of(record.entry(), true)).toList();
    }

    /** A page of the whole trail, newest first: the 100 records before beforeSeq. */
    @Transactional
    public List<AuditView> newest(long beforeSeq) {
        return records.findTop100BySeqLessThanOrderBySeqDesc(beforeSeq).stream()
                .map(record -> AuditView.of(record.entry(), true)).toList();
    }

    /**
     * A page of a trial's records, oldest first: the 500 after afterSeq. When the reader may not
     * see allocations, values of records that reveal one are replaced, never left out, so the
     * sequence stays whole.
     */
    @Transactional
    public List<AuditView> trialRecords(long trialId, long afterSeq, boolean readerMaySeeAllocations) {
        List<AuditView> views = new ArrayList<>();
        for (AuditRecord record : records.findTop500ByTrialIdAndSeqGreaterThanOrderBySeq(trialId, afterSeq)) {
            views.add(AuditView.of(record.entry(), readerMaySeeAllocations || !record.revealsAllocation()));
        }
        return views;
    }
}
