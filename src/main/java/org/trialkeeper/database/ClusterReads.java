package org.trialkeeper.database;

import io.micronaut.configuration.jdbc.hikari.DatasourceConfiguration;
import io.micronaut.context.event.BeanInitializedEventListener;
import io.micronaut.context.event.BeanInitializingEvent;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * On a Galera cluster a node applies what other nodes committed a moment after they report it,
 * so a read could miss a write that another instance has already answered for: a retried
 * randomisation's lookup of its key, the next free slot of a list. Every connection to a cluster
 * node therefore sets {@code wsrep_sync_wait = 1}: each read first waits until the node has
 * applied every write committed anywhere in the cluster before the read began. On a single
 * MySQL or MariaDB server the variable does not exist and nothing is set.
 * <p>
 * It asks the configured server before the pool opens its first connection, since a pool's
 * settings are fixed once it starts.
 */
@Singleton
final class ClusterReads implements BeanInitializedEventListener<DatasourceConfiguration> {

    static final String SYNC_WAIT = "SET SESSION wsrep_sync_wait = 1";
    private static final Logger LOG = LoggerFactory.getLogger(ClusterReads.class);

    @Override
    public DatasourceConfiguration onInitialized(BeanInitializingEvent<DatasourceConfiguration> event) {
        DatasourceConfiguration datasource = event.getBean();
        if ("default".equals(datasource.getName()) && datasource.getJdbcUrl() != null && clustered(datasource)) {
            datasource.setConnectionInitSql(SYNC_WAIT);
            LOG.info("The database is a Galera cluster node: every read waits for the cluster's earlier commits");
        }
        return datasource;
    }

    private static boolean clustered(DatasourceConfiguration datasource) {
        Properties login = new Properties();
        login.putAll(datasource.getDataSourceProperties());
        if (datasource.getUsername() != null) {
            login.setProperty("user", datasource.getUsername());
        }
        if (datasource.getPassword() != null) {
            login.setProperty("password", datasource.getPassword());
        }
        try (Connection connection = DriverManager.getConnection(datasource.getJdbcUrl(), login);
             Statement statement = connection.createStatement();
             ResultSet on = statement.executeQuery("SHOW VARIABLES LIKE 'wsrep_on'")) {
            return on.next() && "ON".equalsIgnoreCase(on.getString(2));
        } catch (SQLException e) {
            // the pool's own connection reports an unreachable server, and the start-up checks refuse to go on
            LOG.debug("Could not ask the database whether it is a cluster node: {}", e.getMessage());
            return false;
        }
    }
}
