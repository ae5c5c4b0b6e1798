package org.trialkeeper;

import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

import java.time.Clock;
import java.time.Duration;

/**
 * All timestamps are UTC, in whole microseconds: what a DATETIME(6) column keeps, so a time
 * the service answers equals the time it stored. Tests replace this clock to control time.
 */
@Factory
class Clocks {

    @Singleton
    Clock clock() {
        return Clock.tick(Clock.systemUTC(), Duration.ofNanos(1_000));
    }
}
