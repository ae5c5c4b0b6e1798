package org.trialkeeper.database;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The pool of connections to the database, and whether the database can be reached.
 * <p>
 * When one connection is found lost, the others were opened to the same server and are most
 * likely lost with it: the pool checks a connection only if it has been idle for a while, so
 * after a restart of the database each of them would fail one more request. They are all
 * dropped at once instead (those in use as they come back).
 * <p>
 * When a connection is lost or none can be had, a connection of its own is tried outside the
 * pool. If nothing answers it either, the database is unreachable: requests are refused at
 * once (503) rather than each waiting for a connection, and the connection is tried again twice
 * a second until something answers. A database that is merely busy, or out of connections,
 * answers the try, so it never counts as unreachable.
 */
@Singleton
public class ConnectionPool {

    private static final Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);
    private static final long PROBE_EVERY_MS = 500;

    private final DataSource dataSource;
    private final AtomicBoolean probing = new AtomicBoolean();
    private volatile boolean unreachable;
    private final ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor(task -> {
        Thread thread = new Thread(task, "database-probe");
        thread.setDaemon(true);
        return thread;
    });

    public ConnectionPool(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Whether the database was found unreachable and has not answered since. */
    public boolean unreachable() {
        return unreachable;
    }

    /** A connection was lost: the pool's others are dropped, and whether the database can be reached is tried. */
    public void lost() {
        HikariDataSource hikari = hikari();
        if (hikari == null) {
            return;
        }
        HikariPoolMXBean pool = hikari.getHikariPoolMXBean();
        if (pool != null) {
            LOG.warn("a connection to the database was lost: dropping the pool's {} connections", pool.getTotalConnections());
            pool.softEvictConnections();
        }
        noConnection();
    }

    /** No connection could be had, or one was lost: whether the database can be reached is tried. */
    public void noConnection() {
        HikariDataSource hikari = hikari();
        if (hikari != null && probing.compareAndSet(false, true)) {
            prober.execute(() -> probe(hikari));
        }
    }

    private void probe(HikariDataSource hikari) {
        if (reachable(hikari)) {
            if (unreachable) {
                LOG.info("the database can be reached again");
            }
            unreachable = false;
            probing.set(false);
            return;
        }
        if (!unreachable) {
            LOG.warn("the database cannot be reached: requests are refused at once until it can");
        }
        unreachable = true;
        prober.schedule(() -> probe(hikari), PROBE_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    static boolean reachable(HikariDataSource hikari) {
        Properties properties = new Properties();
        hikari.getDataSourceProperties().forEach((key, value) -> properties.setProperty(key.toString(), value.toString()));
        if (hikari.getUsername() != null) {
            properties.setProperty("user", hikari.getUsername());
        }
        if (hikari.getPassword() != null) {
            properties.setProperty("password", hikari.getPassword());
        }
        try (Connection connection = DriverManager.getConnection(hikari.getJdbcUrl(), properties)) {
            return connection.isValid(2);
        } catch (SQLRecoverableException noAnswer) {
            // refused, timed out or cut off: nothing on the other end answers
            return false;
        } catch (SQLException answered) {
            // the server answered, if only to refuse (too many connections, a wrong password):
            // it can be reached, and requests are left to use the connections the pool has
            return true;
        }
    }

    private HikariDataSource hikari() {
        DataSource target = dataSource instanceof DelegatingDataSource delegating ? delegating.getTargetDataSource() : dataSource;
        return target instanceof HikariDataSource hikari ? hikari : null;
    }

    @PreDestroy
    void stop() {
        prober.shutdownNow();
    }
}
