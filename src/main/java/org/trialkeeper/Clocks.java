package org.trialkeeper;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;

/** All timestamps are UTC; tests replace this clock to control time. */
@Factory
class Clocks {

    @Singleton
    Clock clock() {
        return Clock.systemUTC();
    }
}
