package org.trialkeeper.database;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/**
 * One instance at a time migrates the schema, on one server or across the nodes of a Galera
 * cluster. Flyway's own lock is a named lock ({@code GET_LOCK}), which a Galera node keeps to
 * itself, so two instances on two nodes would run the same migration at once. This lock is a
 * row instead: inserting it is a replicated write, so on a cluster of any size only one insert
 * commits (the others fail on the duplicate key or at certification) and the rest wait.
 * <p>
 * The holder counts heartbeats into the row while it works. A waiter that sees the count stand
 * still for {@link #STALE_AFTER} takes the holder for dead (killed mid-migration) and removes
 * its row; nobody compares clocks, so instances with skewed clocks cannot steal a live lock.
 */
final class StartLock {

    static final String TABLE = "service_start_lock";
    static final Duration STALE_AFTER = Duration.ofSeconds(30);
    private static final Duration BEAT_EVERY = Duration.ofSeconds(2);
    private static final Duration POLL_EVERY = Duration.ofMillis(200);
    private static final Duration GIVE_UP_AFTER = Duration.ofMinutes(30);
    private static final Logger LOG = LoggerFactory.getLogger(StartLock.class);

    private final DataSource dataSource;
    private final String holder = UUID.randomUUID().toString();

    StartLock(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Runs the work while holding the lock, waiting for another holder to finish or die first; returns what it made. */
    <T> T whileHolding(Supplier<T> work) {
        try {
            createTable();
            acquire();
        } catch (SQLException e) {
            throw new IllegalStateException("Could not take the schema migration lock", e);
        }
        ScheduledExecutorService beats = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "start-lock-heartbeat");
            thread.setDaemon(true);
            return thread;
        });
        try {
            beats.scheduleWithFixedDelay(this::beat, BEAT_EVERY.toMillis(), BEAT_EVERY.toMillis(), TimeUnit.MILLISECONDS);
            return work.get();
        } finally {
            beats.shutdownNow();
            release();
        }
    }

    private void createTable() throws SQLException {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE IF NOT EXISTS " + TABLE + " (id TINYINT NOT NULL PRIMARY KEY,"
                    + " holder VARCHAR(36) NOT NULL, beats BIGINT NOT NULL) ENGINE=InnoDB");
        }
    }

    private void acquire() throws SQLException {
        long started = System.nanoTime();
        Optional<Long> lastBeats = Optional.empty();
        long beatsSeenAt = started;
        boolean announced = false;
        while (!tryInsert()) {
            Optional<Long> beats = currentBeats();
            long now = System.nanoTime();
            if (!beats.equals(lastBeats)) {
                lastBeats = beats;
                beatsSeenAt = now;
            } else if (beats.isPresent() && now - beatsSeenAt > STALE_AFTER.toNanos()) {
                LOG.warn("The schema migration lock has not been renewed for {} s; its holder is taken for dead",
                        STALE_AFTER.toSeconds());
                removeStale(beats.get());
                lastBeats = Optional.empty();
            }
            if (!announced) {
                LOG.info("Another instance is migrating the schema; waiting for it");
                announced = true;
            }
            if (now - started > GIVE_UP_AFTER.toNanos()) {
                throw new IllegalStateException("The schema migration lock was held by another instance for more than "
                        + GIVE_UP_AFTER.toMinutes() + " minutes");
            }
            pause();
        }
    }

    private boolean tryInsert() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement insert = connection.prepareStatement(
                     "INSERT INTO " + TABLE + " (id, holder, beats) VALUES (1, ?, 0)")) {
            connection.setAutoCommit(true);
            insert.setString(1, holder);
            insert.executeUpdate();
            return true;
        } catch (SQLException e) {
            if (lostTheRace(e)) {
                return false;
            }
            throw e;
        }
    }

    /** A duplicate key (the row is there) or a deadlock (a Galera node certified another insert first). */
    private static boolean lostTheRace(SQLException e) {
        return e.getErrorCode() == 1062 || e.getErrorCode() == 1213 || "40001".equals(e.getSQLState());
    }

    private Optional<Long> currentBeats() throws SQLException {
        try (Connection connection = dataSource.getConnection();
             Statement statement = connection.createStatement();
             ResultSet row = statement.executeQuery("SELECT beats FROM " + TABLE + " WHERE id = 1")) {
            return row.next() ? Optional.of(row.getLong(1)) : Optional.empty();
        }
    }

    private void removeStale(long beats) throws SQLException {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = 1 AND beats = ?")) {
            delete.setLong(1, beats);
            delete.executeUpdate();
        } catch (SQLException e) {
            if (!lostTheRace(e)) {
                throw e;
            }
        }
    }

    private void beat() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement update = connection.prepareStatement(
                     "UPDATE " + TABLE + " SET beats = beats + 1 WHERE id = 1 AND holder = ?")) {
            update.setString(1, holder);
            update.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not renew the schema migration lock: {}", e.getMessage());
        }
    }

    private void release() {
        try (Connection connection = dataSource.getConnection();
             PreparedStatement delete = connection.prepareStatement("DELETE FROM " + TABLE + " WHERE id = 1 AND holder = ?")) {
            delete.setString(1, holder);
            delete.executeUpdate();
        } catch (SQLException e) {
            LOG.warn("Could not release the schema migration lock; another instance takes it over after {} s: {}",
                    STALE_AFTER.toSeconds(), e.getMessage());
        }
    }

    private static void pause() {
        try {
            Thread.sleep(POLL_EVERY.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for the schema migration lock", e);
        }
    }
}
