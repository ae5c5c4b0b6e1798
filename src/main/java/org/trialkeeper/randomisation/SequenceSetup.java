package org.trialkeeper.randomisation;

import io.micronaut.context.event.ApplicationEventListener;
import jakarta.inject.Singleton;
import org.trialkeeper.audit.AuditEvent;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.randomisation.scheme.Commitment;
import org.trialkeeper.randomisation.scheme.SequencePlan;
import org.trialkeeper.randomisation.scheme.SequenceStream;
import org.trialkeeper.randomisation.scheme.Slot;
import org.trialkeeper.randomisation.timestamp.CommitmentTimestamps;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialStatus;
import org.trialkeeper.trial.TrialStatusChanged;

import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * When recruitment opens: draws the trial's seed from SecureRandom, stores it sealed, generates
 * every allocation list and commits to them by hash, all in the transaction that opens
 * recruitment, so no participant can be randomised against a sequence that is not yet
 * committed. The lists themselves are not stored: allocation derives them from the seed.
 * Generating them holds only the trial's own row; the commitment's audit record is handed to
 * the status change, which appends it after locking the audit chain. With a time-stamping
 * authority configured, the commitment's stamp is noted here as pending and asked for once this
 * transaction has committed, so that opening never waits for the authority.
 */
@Singleton
record SequenceSetup(TrialService trials, RandomisationSetupRepository setups, AllocationLockRepository locks,
                     SeedVault vault, SeedSource seeds, CommitmentTimestamps timestamps, Clock clock) implements ApplicationEventListener<TrialStatusChanged> {

    @Override
    public void onApplicationEvent(TrialStatusChanged event) {
        if (event.to() != TrialStatus.RECRUITING) {
            return;
        }
        Protocol protocol = trials.protocol(event.trialId());
        byte[] seed = seeds.fresh();
        SequenceStream stream = SequenceStream.CURRENT;
        Map<String, List<Slot>> lists = SequencePlan.generate(protocol, seed, stream);
        String commitment = Commitment.of(protocol, lists, seed, stream);
        setups.save(new RandomisationSetup(event.trialId(), protocol.randomisation().scheme(),
                trials.find(event.trialId()).protocolVersion(), vault.seal(seed, event.trialId()), commitment, clock.instant(),
                stream));
        locks.save(new AllocationLock(event.trialId()));
        boolean stamped = timestamps.requestAtOpening(event.trialId(), commitment);
        event.alsoRecord(AuditEvent.of(event.actor(), event.trialId(), "randomisation.committed", "randomisation",
                event.trialId()).after(AuditEvent.fields("scheme", protocol.randomisation().scheme().code(),
                "stream", stream.code(), "commitment", commitment, "strata", lists.size(),
                "timestamp", stamped ? "requested" : "none")));
    }
}
