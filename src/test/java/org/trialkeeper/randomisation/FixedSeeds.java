package org.trialkeeper.randomisation;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import org.trialkeeper.randomisation.scheme.Seeds;

import java.util.Random;

/**
 * Seeds from a number given as {@code trialkeeper.demo.seed}, one after another: the
 * demonstration sets it so that the same run gives the same allocations and the same report.
 */
@Singleton
@Replaces(SeedSource.class)
@Requires(property = "trialkeeper.demo.seed")
class FixedSeeds extends SeedSource {

    private final Random random;

    FixedSeeds(@Value("${trialkeeper.demo.seed}") long seed) {
        this.random = new Random(seed);
    }

    @Override
    synchronized byte[] fresh() {
        byte[] seed = new byte[Seeds.BYTES];
        random.nextBytes(seed);
        return seed;
    }
}
