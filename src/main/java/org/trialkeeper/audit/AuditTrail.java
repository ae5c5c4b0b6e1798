package org.trialkeeper.audit;

import io.micronaut.json.JsonMapper;
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
    private final Clock clock;
    private final JsonMapper json;

    AuditTrail(AuditRepository records, AuditHeadRepository heads, Clock clock, JsonMapper json) {
        this.records = records;
        this.heads = heads;
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
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Chain lock() {
        return new Chain(heads.findByIdForUpdate(AuditHead.ONLY)
                .orElseThrow(() -> new IllegalStateException("The audit trail has no head row")));
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
            List<AuditRecord> appended = new ArrayList<>(events.size());
            long seq = head.lastSeq();
            String last = head.lastHash();
            for (AuditEvent event : events) {
                Actor actor = event.actor();
                AuditEntry entry = new AuditEntry(++seq, clock.instant(),
                        actor.userId(), actor.username(), actor.role() == null ? null : actor.role().name(),
                        event.trialId(), event.action(), event.entity(), event.entityId(), json(event.before()),
                        json(event.after()), event.reason(), event.revealsAllocation());
                String hash = AuditChain.hash(entry, last);
                appended.add(AuditRecord.of(entry, last, hash));
                last = hash;
            }
            records.saveAll(appended);
            head = heads.update(new AuditHead(AuditHead.ONLY, seq, last));
        }
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

    /** Walks the whole chain in pages, oldest first. */
    @Transactional
    public AuditVerification verify() {
        AuditHead head = heads.findById(AuditHead.ONLY)
                .orElseThrow(() -> new IllegalStateException("The audit trail has no head row"));
        ChainCheck check = new ChainCheck();
        long after = 0;
        List<AuditRecord> page;
        do {
            page = records.findTop500BySeqGreaterThanOrderBySeq(after);
            for (AuditRecord record : page) {
                check.accept(record.entry(), record.previousHash(), record.hash());
                after = record.seq();
            }
        } while (!page.isEmpty());
        return check.result(head.lastSeq(), head.lastHash());
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
