package org.trialkeeper.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;

/**
 * The pool of connections to the database. When one connection is found lost, the others were
 * opened to the same server and are most likely lost with it: the pool checks a connection only
 * if it has been idle for a while, so after a restart of the database each of them would fail
 * one more request. They are all dropped at once instead (those in use as they come back), and
 * the next requests open fresh connections.
 */
@Singleton
public class ConnectionPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final DataSource dataSource;

    public ConnectionPool(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    public void dropAll() {
        DataSource target = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
        if (target instanceof HikariDataSource hikari) {
            HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
            if (pool != null) {
                LOG.warn("a connection to the database was lost: dropping the pool's {} connections", pool.getTotalConnections());
                pool.softEvictConnections();
            }
        }
    }
}
