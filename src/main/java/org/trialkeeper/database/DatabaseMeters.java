package org.trialkeeper.database;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;

/** Whether the database is unreachable just now: 1 while every request is refused at once, else 0. */
@Context
class DatabaseMeters {

    DatabaseMeters(MeterRegistry registry, ConnectionPool pool) {
        Gauge.builder("trialkeeper.database.unreachable", pool, unreachable -> unreachable.unreachable() ? 1 : 0)
                .description("1 while the database cannot be reached and requests are refused at once")
                .register(registry);
    }
}
