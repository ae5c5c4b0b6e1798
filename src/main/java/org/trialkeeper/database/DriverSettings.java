package org.trialkeeper.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;

import java.util.Map;

/**
 * Connector/J settings that spare a round trip or a parse on every request: statements are
 * parsed once per connection and kept, the driver remembers the session's autocommit and
 * isolation instead of asking or setting them again, and a read-only transaction is read-only
 * in the service, not announced to the server with two more statements. A batch of inserts goes
 * as one statement. A setting given in {@code datasources.default.data-source-properties} or in
 * the URL's query wins over these.
 */
@Singleton
final class DriverSettings implements BeanInitializedEventListener<DatasourceConfiguration> {

    private static final Map<String, String> SETTINGS = Map.of(
            "cachePrepStmts", "true",
            "prepStmtCacheSize", "250",
            "prepStmtCacheSqlLimit", "4096",
            "useLocalSessionState", "true",
            "readOnlyPropagatesToServer", "false",
            "cacheServerConfiguration", "true",
            "maintainTimeStats", "false",
            "rewriteBatchedStatements", "true",
            "openTelemetry", "DISABLED");

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        String url = datasource.getJdbcUrl() == null ? "" : datasource.getJdbcUrl();
        SETTINGS.forEach((name, value) -> {
            if (!datasource.getDataSourceProperties().containsKey(name) && !url.contains(name + "=")) {
                datasource.addDataSourceProperty(name, value);
            }
        });
        return datasource;
    }
}
