package org.trialkeeper.database;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * Brings the schema up to date when the default datasource is made, before anything uses it:
 * Flyway's migrations from {@code db/migration}, under the {@link StartLock} so that instances
 * starting together, on one server or on the nodes of a cluster, migrate one after another and
 * each migration runs once.
 * <p>
 * The lock's table is the one thing in the schema that Flyway does not make, so on an empty
 * schema the history starts with a baseline at version 0, below every migration.
 */
@Singleton
final class Migrations implements BeanCreatedEventListener<DataSource> {

    static final String LOCATION = "classpath:db/migration";
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);

    @Override
    public DataSource onCreated(BeanCreatedEvent<DataSource> event) {
        if ("default".equals(event.getBeanIdentifier().getName())) {
            DataSource target = DelegatingDataSource.unwrapDataSource(event.getBean());
            long started = System.nanoTime();
            MigrateResult result = new StartLock(target).whileHolding(() -> flyway(target).migrate());
            LOG.info("Schema at version {} after {} migrations, in {} ms",
                    result.targetSchemaVersion != null ? result.targetSchemaVersion : result.initialSchemaVersion,
                    result.migrationsExecuted, (System.nanoTime() - started) / 1_000_000);
        }
        return event.getBean();
    }

    static Flyway flyway(DataSource dataSource) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(LOCATION)
                .baselineOnMigrate(true)
                .baselineVersion("0")
                .baselineDescription("empty schema")
                .callbacks(new EditedMigrations())
                .load();
    }
}
