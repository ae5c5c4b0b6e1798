package org.trialkeeper.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three instances start at the same moment on an empty schema of a three-node Galera cluster,
 * each on a node of its own, ten times over: every one starts, and the schema history holds
 * each migration once, applied without failure; every connection's reads wait for the
 * cluster's earlier commits.
 */
class ClusterStartTest {

    private static final int ROUNDS = 10;

    private static GaleraCluster cluster;

    @BeforeAll
    static void startCluster() throws Exception {
        cluster = GaleraCluster.start(3);
    }

    @AfterAll
    static void stopCluster() throws Exception {
        if (cluster != null) {
            cluster.close();
        }
    }

    @Test
    void instancesStartingTogetherOnAnEmptyClusterMigrateOnce() throws Exception {
        long migrations = migrationFiles();
        ExecutorService starting = Executors.newFixedThreadPool(cluster.size());
        try {
            for (int round = 0; round < ROUNDS; round++) {
                String database = "start_" + round;
                List<Future<EmbeddedServer>> instances = new ArrayList<>();
                for (int node = 0; node < cluster.size(); node++) {
                    Map<String, Object> properties = Map.of("datasources.default.url", cluster.url(node, database),
                            "datasources.default.username", "root", "datasources.default.password", "");
                    instances.add(starting.submit(() -> ApplicationContext.run(EmbeddedServer.class, properties, "test")));
                }
                List<EmbeddedServer> running = new ArrayList<>();
                List<String> failures = new ArrayList<>();
                for (Future<EmbeddedServer> instance : instances) {
                    try {
                        running.add(instance.get(180, TimeUnit.SECONDS));
                    } catch (ExecutionException e) {
                        failures.add(describe(e.getCause()));
                    }
                }
                try {
                    for (EmbeddedServer server : running) {
                        assertEquals(1, syncWait(server), "reads wait for the cluster's earlier commits");
                    }
                } finally {
                    for (EmbeddedServer server : running) {
                        server.close();
                    }
                }
                assertEquals(List.of(), failures, "round " + round);
                assertEquals(cluster.size(), running.size(), "round " + round);
                assertMigratedOnce(database, migrations, round);
            }
        } finally {
            starting.shutdownNow();
        }
    }

    private static void assertMigratedOnce(String database, long migrations, int round) throws Exception {
        try (Connection db = DriverManager.getConnection(cluster.url(round % cluster.size(), database), "root", "");
             Statement statement = db.createStatement()) {
            try (ResultSet history = statement.executeQuery("SELECT COUNT(*), COUNT(DISTINCT version), SUM(success = 0)"
                    + " FROM flyway_schema_history WHERE type = 'SQL'")) {
                history.next();
                assertEquals(migrations, history.getLong(1), "round " + round + ": migrations recorded");
                assertEquals(migrations, history.getLong(2), "round " + round + ": each version once");
                assertEquals(0, history.getLong(3), "round " + round + ": failed migrations");
            }
            try (ResultSet lock = statement.executeQuery("SELECT COUNT(*) FROM " + StartLock.TABLE)) {
                lock.next();
                assertEquals(0, lock.getLong(1), "round " + round + ": the start lock is released");
            }
        }
    }

    private static long syncWait(EmbeddedServer server) throws Exception {
        DataSource pool = DelegatingDataSource.unwrapDataSource(server.getApplicationContext().getBean(DataSource.class));
        try (Connection connection = pool.getConnection(); Statement statement = connection.createStatement();
             ResultSet value = statement.executeQuery("SELECT @@SESSION.wsrep_sync_wait")) {
            value.next();
            return value.getLong(1);
        }
    }

    /** The failure, its causes, and where in the service it arose. */
    private static String describe(Throwable failure) {
        StringBuilder description = new StringBuilder();
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            description.append(cause).append(" <- ");
            for (StackTraceElement frame : cause.getStackTrace()) {
                if (frame.getClassName().startsWith("org.trialkeeper.")) {
                    description.append(" at ").append(frame).append(";");
                    break;
                }
            }
        }
        return description.toString();
    }

    private static long migrationFiles() throws Exception {
        try (var files = java.nio.file.Files.list(java.nio.file.Path.of("src/main/resources/db/migration"))) {
            long count = files.filter(f -> f.getFileName().toString().matches("V\\d+__.*\\.sql")).count();
            assertTrue(count > 0);
            return count;
        }
    }
}
