package org.trialkeeper.randomisation;

import io.micronaut.context.event.ApplicationEventListener;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.trialkeeper.access.Actor;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.audit.AuditTrail;
import org.trialkeeper.participant.ParticipantService;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Seals, once, what a trial that opened recruitment before allocations were sealed still holds
 * in clear: under its allocation lock, its allocations are checked against the sequence
 * regenerated from its seed (as verification after lock checks them), given their MACs, and
 * its stored lists are removed. A trial whose allocations do not follow its sequence is never
 * sealed over, which would vouch for what was changed: it stays as it is, is logged as an
 * error, and the integrity check names it. Runs when the service starts, before it answers.
 */
@Singleton
record AllocationSealing(RandomisationSetupRepository setups, AllocationRepository allocations,
                         AllocationSlotRepository slots, AllocationLockRepository locks, Sequences sequences,
                         AllocationMac mac, ParticipantService participants, AuditTrail audit, JdbcOperations jdbc,
                         TransactionOperations<Connection> transactions)
        implements ApplicationEventListener<StartupEvent> {

    private static final Logger LOG = LoggerFactory.getLogger(AllocationSealing.class);

    @Override
    public void onApplicationEvent(StartupEvent event) {
        List<Long> unsealed;
        try {
            unsealed = transactions.executeRead(status -> allocations.findTrialsHeldInClear());
        } catch (RuntimeException e) {
            LOG.error("The trials opened before allocations were sealed could not be looked for", e);
            return;
        }
        for (long trialId : unsealed) {
            try {
                transactions.executeWrite(status -> seal(trialId));
            } catch (RuntimeException e) {
                LOG.error("The allocations of trial {} could not be sealed", trialId, e);
            }
        }
    }

    /** What the trial holds in clear, and what stands in the way of sealing it. */
    record Pending(List<Allocation> allocations, List<AllocationSlot> storedSlots,
                   List<SequenceCheck.Difference> obstacles) {

        boolean any() {
            return !storedSlots.isEmpty() || allocations.stream().anyMatch(a -> a.mac() == null);
        }

        /** The allocations that do not follow the sequence, by number. */
        List<Integer> mismatched() {
            return obstacles.stream().map(SequenceCheck.Difference::allocation).filter(Objects::nonNull).distinct()
                    .sorted().toList();
        }

        /** Why the trial cannot be sealed, naming allocations by number only. */
        String reasons() {
            List<String> reasons = new ArrayList<>();
            if (!mismatched().isEmpty()) {
                reasons.add("its allocations " + mismatched()
                        + " do not follow its sequence regenerated from its seed");
            }
            obstacles.stream().filter(d -> d.allocation() == null).forEach(d -> reasons.add(d.text()));
            return String.join("; ", reasons);
        }
    }

    /**
     * The check sealing makes, without sealing: allocations that already carry a MAC must match
     * it, and the others must follow the sequence. A seed that cannot be opened is thrown.
     */
    Pending pending(RandomisationSetup setup) {
        long trialId = setup.trialId();
        List<Allocation> all = allocations.findByTrialIdOrderByNumber(trialId);
        List<AllocationSlot> stored = slots.storedLists(trialId);
        if (stored.isEmpty() && all.stream().allMatch(a -> a.mac() != null)) {
            return new Pending(all, stored, List.of());
        }
        SequenceCheck check = SequenceCheck.of(sequences.derive(setup), stored, all, participants.candidates(trialId),
                a -> a.mac() == null || mac.matches(a));
        return new Pending(all, stored, check.differences());
    }

    private boolean seal(long trialId) {
        locks.findByTrialIdForUpdate(trialId)
                .orElseThrow(() -> new IllegalStateException("Trial " + trialId + " has no allocation lock"));
        RandomisationSetup setup = setups.findById(trialId)
                .orElseThrow(() -> new IllegalStateException("Trial " + trialId + " has allocations but no sequence"));
        Pending pending = pending(setup);
        if (!pending.any()) {
            return true;
        }
        if (!pending.obstacles().isEmpty()) {
            LOG.error("Trial {} opened recruitment before allocations were sealed and is not sealed, since {}: its"
                    + " allocations are refused until this is resolved (GET /api/trials/{}/randomisation/integrity)",
                    trialId, pending.reasons(), trialId);
            return false;
        }
        List<Allocation> unsealed = pending.allocations().stream().filter(a -> a.mac() == null).toList();
        if (!unsealed.isEmpty()) {
            jdbc.prepareStatement("UPDATE allocation SET mac = ? WHERE id = ?", (PreparedStatement statement) -> {
                for (Allocation allocation : unsealed) {
                    statement.setString(1, mac.of(allocation));
                    statement.setLong(2, allocation.id());
                    statement.addBatch();
                }
                return statement.executeBatch();
            });
        }
        int removed = jdbc.prepareStatement("DELETE FROM allocation_slot WHERE trial_id = ?", statement -> {
            statement.setLong(1, trialId);
            return statement.executeUpdate();
        });
        audit.record(AuditEvent.of(Actor.SYSTEM, trialId, "randomisation.sealed", "randomisation", trialId)
                .after(AuditEvent.fields("allocations", unsealed.size(), "storedSlotsRemoved", removed,
                        "stream", setup.stream().code())));
        LOG.info("Trial {}: {} allocations given MACs and {} stored slots removed", trialId, unsealed.size(), removed);
        return true;
    }
}
