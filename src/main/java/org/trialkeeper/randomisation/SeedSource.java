package org.trialkeeper.randomisation;

import jakarta.inject.Singleton;
import org.trialkeeper.randomisation.scheme.Seeds;

/**
 * Where a trial's secret seed comes from when recruitment opens: SecureRandom. A bean of its
 * own so that the demonstration on the test class path can replace it with a fixed seed and
 * regenerate the same example report; nothing in the service does.
 */
@Singleton
class SeedSource {

    byte[] fresh() {
        return Seeds.fresh();
    }
}
