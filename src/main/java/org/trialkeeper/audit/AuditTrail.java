package org.trialkeeper.audit;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionDefinition;
import io.micronaut.transaction.TransactionOperations;
import io.micronaut.transaction.support.TransactionSynchronization;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.access.Actor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Appends to the audit trail: one hash chain per trial and one for what belongs to no trial,
 * each with its own head row, so that audited writes of different trials never wait for each
 * other. Recording joins the caller's transaction, so a change and its record are committed
 * together or not at all. The records written while the trail was one chain stay that chain,
 * {@code legacy}, as they were, and are verified as they were.
 */
@Singleton
public class AuditTrail {

    private static final int PAGE = 500;

    private final AuditRepository records;
    private final AuditHeadRepository heads;
    private final ChainRows chainRows;
    private final AuditKey key;
    private final AuditSealing sealing;
    private final AuditWitness witness;
    private final TrailCheck check;
    private final TransactionOperations<?> transactions;
    private final Clock clock;
    private final JsonMapper json;

    AuditTrail(AuditRepository records, AuditHeadRepository heads, ChainRows chainRows, AuditKey key,
               AuditSealing sealing, AuditWitness witness, TrailCheck check, TransactionOperations<?> transactions,
               Clock clock, JsonMapper json) {
        this.records = records;
        this.heads = heads;
        this.chainRows = chainRows;
        this.key = key;
        this.sealing = sealing;
        this.witness = witness;
        this.check = check;
        this.transactions = transactions;
        this.clock = clock;
        this.json = json;
    }

    /** Appends the event to its trial's chain (the service's when it has no trial). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void record(AuditEvent event) {
        lock(event.trialId()).record(event);
    }

    /**
     * Locks the head of a trial's chain (of the service's when trialId is null) until the
     * transaction ends and answers a handle that appends to it. Records of one chain are chained
     * one at a time, across every instance; other chains are not held up. Take it last in a
     * transaction, after any lock of the caller's own, so that it is held only while records are
     * appended.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public Chain lock(@Nullable Long trialId) {
        return new Chain(chainRows.lock(ChainNames.of(trialId)), trialId);
    }

    /**
     * Seals the legacy chain under the audit key if it was written before the key and is intact,
     * with a record {@code audit.chain-sealed} at its end; once, at start-up, in the caller's
     * transaction. Nothing else is appended to that chain, so its end as found here is what this
     * instance witnesses of it.
     */
    void sealLegacyChain() {
        AuditHead legacy = heads.findByIdForUpdate(ChainNames.LEGACY).orElse(null);
        if (legacy == null) {
            return;
        }
        String sealedHash = legacy.keyed() ? null : sealing.seal(legacy);
        if (sealedHash == null) {
            witnessOnCommit(legacy.anchor());
            return;
        }
        Chain chain = new Chain(heads.update(new AuditHead(legacy.chain(), legacy.lastSeq(), sealedHash, true)), null);
        if (legacy.lastSeq() > 0) {
            chain.append(List.of(AuditEvent.of(Actor.SYSTEM, null, "audit.chain-sealed", "audit", null)
                    .after(AuditEvent.fields("records", legacy.lastSeq()))));
        }
    }

    private void witnessOnCommit(AuditAnchor reached) {
        transactions.findTransactionStatus().ifPresent(status -> status.registerSynchronization(
                new TransactionSynchronization() {
                    @Override
                    public void afterCommit() {
                        witness.saw(reached);
                    }
                }));
    }

    /** The locked end of one chain, valid inside the transaction that locked it. */
    public final class Chain {

        private final Long trialId;
        private AuditHead head;

        private Chain(AuditHead head, Long trialId) {
            this.head = head;
            this.trialId = trialId;
        }

        public void record(AuditEvent event) {
            recordAll(List.of(event));
        }

        /**
         * Appends the events, all of this chain's trial, in order, each chained to the one before,
         * with one move of the head; answers the point of the chain each record made, in order.
         */
        public List<AuditAnchor> recordAll(List<AuditEvent> events) {
            for (AuditEvent event : events) {
                if (!ChainNames.of(event.trialId()).equals(ChainNames.of(trialId))) {
                    throw new IllegalArgumentException("An event of trial " + event.trialId()
                            + " belongs to its own chain, not to " + head.chain());
                }
            }
            return append(events);
        }

        private List<AuditAnchor> append(List<AuditEvent> events) {
            if (events.isEmpty()) {
                return List.of();
            }
            AuditChain chain = key.chainFor(head);
            List<AuditRecord> appended = new ArrayList<>(events.size());
            long seq = head.lastSeq();
            String last = head.lastHash();
            for (AuditEvent event : events) {
                AuditEntry entry = entry(head.chain(), ++seq, event);
                String hash = chain.hash(entry, last);
                appended.add(AuditRecord.of(entry, last, hash));
                last = hash;
            }
            chainRows.insert(appended);
            head = head.movedTo(seq, last);
            chainRows.move(head);
            witnessOnCommit(head.anchor());
            return appended.stream().map(r -> new AuditAnchor(r.chain(), r.seq(), r.hash())).toList();
        }
    }

    private AuditEntry entry(String chain, long seq, AuditEvent event) {
        Actor actor = event.actor();
        return new AuditEntry(chain, seq, clock.instant(), actor.userId(), actor.username(),
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

    /** The end of a trial's chain now (the service's when trialId is null), to publish with a report or an export. */
    @Transactional
    public AuditAnchor anchor(@Nullable Long trialId) {
        String chain = ChainNames.of(trialId);
        return heads.findById(chain).orElse(AuditHead.empty(chain)).anchor();
    }

    /** A record of a trial's chain as something that names it finds it: its number there, MAC, action and entity. */
    public record Written(long seq, String hash, String action, String entityId) {
    }

    /** The records of a trial's chain with these numbers, by number; a number the chain lacks is left out. */
    @Transactional
    public Map<Long, Written> recordsAt(long trialId, Collection<Long> seqs) {
        Map<Long, Written> found = new HashMap<>();
        List<Long> wanted = List.copyOf(seqs);
        for (int from = 0; from < wanted.size(); from += PAGE) {
            records.findByChainAndSeqIn(ChainNames.of(trialId), wanted.subList(from, Math.min(wanted.size(), from + PAGE)))
                    .forEach(r -> found.put(r.seq(), new Written(r.seq(), r.hash(), r.action(), r.entityId())));
        }
        return found;
    }

    /**
     * Walks every chain in pages, each in its own order, from one snapshot of the database;
     * checks too that each still reaches the newest record of it this instance saw committed,
     * and, given an anchor published earlier, whether its chain still passes through it.
     */
    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public AuditVerification verify(@Nullable AuditAnchor published) {
        return check.verify(witness.latest(), published);
    }

    @io.micronaut.transaction.annotation.Transactional(readOnly = true,
            isolation = TransactionDefinition.Isolation.REPEATABLE_READ)
    public AuditVerification verify() {
        return check.verify(witness.latest(), null);
    }

    /** A page of the whole trail, for administrators: the 500 records after number afterSeq. */
    @Transactional
    public List<AuditView> records(long afterSeq) {
        return records.findTop500ByIdGreaterThanOrderById(afterSeq).stream()
                .map(record -> AuditView.of(record, true)).toList();
    }

    /** A page of the whole trail, newest first: the 100 records numbered before beforeSeq. */
    @Transactional
    public List<AuditView> newest(long beforeSeq) {
        return records.findTop100ByIdLessThanOrderByIdDesc(beforeSeq).stream()
                .map(record -> AuditView.of(record, true)).toList();
    }

    /** A page of the records the filter lets through, newest first: the 100 numbered before beforeSeq. */
    @Transactional
    public List<AuditView> newest(AuditFilter filter, long beforeSeq) {
        if (filter.any()) {
            return newest(beforeSeq);
        }
        return records.findAll(FilteredRecords.before(filter, beforeSeq), FilteredRecords.NEWEST_100).getContent()
                .stream().map(record -> AuditView.of(record, true)).toList();
    }

    /**
     * A page of a trial's records, its legacy ones included, oldest first: the 500 numbered after
     * afterSeq. When the reader may not see allocations, values of records that reveal one are
     * replaced, never left out, so the sequence stays whole.
     */
    @Transactional
    public List<AuditView> trialRecords(long trialId, long afterSeq, boolean readerMaySeeAllocations) {
        List<AuditView> views = new ArrayList<>();
        for (AuditRecord record : records.findTop500ByTrialIdAndIdGreaterThanOrderById(trialId, afterSeq)) {
            views.add(AuditView.of(record, readerMaySeeAllocations || !record.revealsAllocation()));
        }
        return views;
    }
}
