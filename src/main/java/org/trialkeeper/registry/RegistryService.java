package org.trialkeeper.registry;

import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.protocol.Protocol;
import org.trialkeeper.trial.TrialService;
import org.trialkeeper.trial.TrialView;

/**
 * A trial's registry record, at any point of its life: registration comes before recruitment.
 * Only the protocol and the trial's status go into it, never anything about a participant.
 */
@Singleton
class RegistryService {

    private final TrialService trials;

    RegistryService(TrialService trials) {
        this.trials = trials;
    }

    /** The trial and its protocol read together, so that the record is of one protocol version. */
    @Transactional
    RegistryRecord record(long trialId) {
        TrialView trial = trials.find(trialId);
        Protocol protocol = trials.protocol(trialId);
        return RegistryRecord.of(trialId, trial.shortName(), trial.protocolVersion(),
                RegistryDataSet.items(protocol, trial.status()));
    }
}
