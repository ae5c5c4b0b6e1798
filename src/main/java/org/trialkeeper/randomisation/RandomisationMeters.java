package org.trialkeeper.randomisation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Singleton;
import org.trialkeeper.problem.ProblemException;

import java.util.function.Supplier;

/**
 * How long randomisations take, by trial and outcome (never by arm), and how long a batch waits
 * for its trial's allocation lock.
 */
@Singleton
class RandomisationMeters {

    private final MeterRegistry registry;
    private final Timer lockWaits;

    RandomisationMeters(MeterRegistry registry) {
        this.registry = registry;
        this.lockWaits = Timer.builder("trialkeeper.allocation.lock.wait")
                .description("Time a batch of randomisations waits for its trial's allocation lock")
                .register(registry);
    }

    AllocationView randomisation(long trialId, Supplier<AllocationView> randomise) {
        Timer.Sample sample = Timer.start(registry);
        String outcome = "failed";
        try {
            AllocationView allocated = randomise.get();
            outcome = "allocated";
            return allocated;
        } catch (ProblemException refused) {
            outcome = refused.code().code();
            throw refused;
        } finally {
            sample.stop(Timer.builder("trialkeeper.randomisations")
                    .description("Randomisation requests, from the request to its answer")
                    .tag("trial", Long.toString(trialId)).tag("outcome", outcome)
                    .register(registry));
        }
    }

    <T> T lockWait(Supplier<T> lock) {
        return lockWaits.record(lock);
    }
}
