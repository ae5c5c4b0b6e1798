package org.trialkeeper.randomisation;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.sql.DataSource;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HexFormat;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The bound: the serialised work an allocation must do, with plain JDBC and nothing else, one
 * allocation a transaction. Lock the participant's row, check the idempotency key, lock the
 * trial's cursor row, read the last allocation, insert the allocation with an HMAC-SHA256 over
 * its fields, insert an audit record whose MAC chains it to the previous one, move the trial's
 * audit head, commit. The last allocation's MAC is checked, as the service checks it. Over tables of its own (bench_*), on the service's database.
 */
final class BareAllocationBound {

    private static final byte[] KEY = "bench-allocation-and-audit-key-32".getBytes(StandardCharsets.UTF_8);

    private final DataSource jdbc;
    private final Queue<Long>[] participants;

    @SuppressWarnings("unchecked")
    BareAllocationBound(DataSource jdbc, int trials) throws SQLException {
        this.jdbc = jdbc;
        participants = new Queue[trials];
        createTables();
        try (Connection db = jdbc.getConnection(); PreparedStatement cursor = db.prepareStatement(
                "INSERT INTO bench_cursor (trial_id, last_number) VALUES (?, 0)");
             PreparedStatement head = db.prepareStatement(
                     "INSERT INTO bench_audit_head (trial_id, last_sequence, last_mac) VALUES (?, 0, '')")) {
            for (int t = 0; t < trials; t++) {
                participants[t] = new ConcurrentLinkedQueue<>();
                cursor.setLong(1, t);
                cursor.executeUpdate();
                head.setLong(1, t);
                head.executeUpdate();
            }
        }
    }

    private void createTables() throws SQLException {
        try (Connection db = jdbc.getConnection(); Statement statement = db.createStatement()) {
            statement.execute("CREATE TABLE bench_participant (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " trial_id BIGINT NOT NULL, status VARCHAR(16) NOT NULL) ENGINE=InnoDB");
            statement.execute("CREATE TABLE bench_cursor (trial_id BIGINT PRIMARY KEY, last_number INT NOT NULL) ENGINE=InnoDB");
            statement.execute("CREATE TABLE bench_allocation (id BIGINT AUTO_INCREMENT PRIMARY KEY,"
                    + " trial_id BIGINT NOT NULL, participant_id BIGINT NOT NULL UNIQUE, number INT NOT NULL,"
                    + " arm VARCHAR(32) NOT NULL, idempotency_key VARCHAR(64) NOT NULL UNIQUE, mac CHAR(64) NOT NULL,"
                    + " UNIQUE (trial_id, number)) ENGINE=InnoDB");
            statement.execute("CREATE TABLE bench_audit (id BIGINT AUTO_INCREMENT PRIMARY KEY, trial_id BIGINT NOT NULL,"
                    + " sequence BIGINT NOT NULL, detail VARCHAR(255) NOT NULL, previous_mac VARCHAR(64) NOT NULL,"
                    + " mac CHAR(64) NOT NULL, UNIQUE (trial_id, sequence)) ENGINE=InnoDB");
            statement.execute("CREATE TABLE bench_audit_head (trial_id BIGINT PRIMARY KEY, last_sequence BIGINT NOT NULL,"
                    + " last_mac VARCHAR(64) NOT NULL) ENGINE=InnoDB");
        }
    }

    /** Enrolled participants for trial t, ahead of time. */
    void enrol(int trial, int count) throws SQLException {
        try (Connection db = jdbc.getConnection(); PreparedStatement insert = db.prepareStatement(
                "INSERT INTO bench_participant (trial_id, status) VALUES (?, 'ENROLLED')", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < count; i++) {
                insert.setLong(1, trial);
                insert.executeUpdate();
                try (ResultSet keys = insert.getGeneratedKeys()) {
                    keys.next();
                    participants[trial].add(keys.getLong(1));
                }
            }
        }
    }

    /** Allocates over trials first, first + 1, ..., first + count - 1. */
    ClientLoad.Allocation over(int first, int count) {
        return t -> {
            Long participant = participants[first + t].poll();
            if (participant == null) {
                throw new IllegalStateException("bench trial " + (first + t) + " has no participant left");
            }
            allocate(first + t, participant);
            return true;
        };
    }

    private void allocate(long trial, long participant) throws SQLException {
        try (Connection db = jdbc.getConnection()) {
            db.setAutoCommit(false);
            db.setTransactionIsolation(Connection.TRANSACTION_READ_COMMITTED);
            try {
                String key = "bench-key-" + participant;
                lockEnrolled(db, participant);
                requireUnusedKey(db, key);
                int number = single(db, "SELECT last_number FROM bench_cursor WHERE trial_id = ? FOR UPDATE", trial) + 1;
                String lastArm = lastArm(db, trial);
                String arm = "BALINT".equals(lastArm) ? "WAITLIST" : "BALINT";
                String mac = mac(trial + "|" + participant + "|" + number + "|" + arm + "|" + key);
                update(db, "INSERT INTO bench_allocation (trial_id, participant_id, number, arm, idempotency_key, mac)"
                        + " VALUES (?, ?, ?, ?, ?, ?)", trial, participant, number, arm, key, mac);
                update(db, "UPDATE bench_cursor SET last_number = ? WHERE trial_id = ?", number, trial);
                audit(db, trial, "participant " + participant + " randomised as number " + number + " mac " + mac);
                db.commit();
            } catch (SQLException | RuntimeException failed) {
                db.rollback();
                throw failed;
            }
        }
    }

    private static void lockEnrolled(Connection db, long participant) throws SQLException {
        try (PreparedStatement lock = db.prepareStatement("SELECT status FROM bench_participant WHERE id = ? FOR UPDATE")) {
            lock.setLong(1, participant);
            try (ResultSet row = lock.executeQuery()) {
                if (!row.next() || !"ENROLLED".equals(row.getString(1))) {
                    throw new IllegalStateException("participant " + participant + " is not enrolled");
                }
            }
        }
    }

    private static void requireUnusedKey(Connection db, String key) throws SQLException {
        try (PreparedStatement find = db.prepareStatement("SELECT id FROM bench_allocation WHERE idempotency_key = ?")) {
            find.setString(1, key);
            try (ResultSet row = find.executeQuery()) {
                if (row.next()) {
                    throw new IllegalStateException("key " + key + " already used");
                }
            }
        }
    }

    private static String lastArm(Connection db, long trial) throws SQLException {
        try (PreparedStatement last = db.prepareStatement("SELECT participant_id, number, arm, idempotency_key, mac"
                + " FROM bench_allocation WHERE trial_id = ? ORDER BY number DESC LIMIT 1")) {
            last.setLong(1, trial);
            try (ResultSet row = last.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                String arm = row.getString(3);
                // the service checks the MAC of every allocation it reads, so the bound does too
                if (!mac(trial + "|" + row.getLong(1) + "|" + row.getInt(2) + "|" + arm + "|" + row.getString(4))
                        .equals(row.getString(5))) {
                    throw new IllegalStateException("allocation " + row.getInt(2) + " does not match its MAC");
                }
                return arm;
            }
        }
    }

    private static void audit(Connection db, long trial, String detail) throws SQLException {
        long sequence;
        String previous;
        try (PreparedStatement head = db.prepareStatement(
                "SELECT last_sequence, last_mac FROM bench_audit_head WHERE trial_id = ? FOR UPDATE")) {
            head.setLong(1, trial);
            try (ResultSet row = head.executeQuery()) {
                row.next();
                sequence = row.getLong(1) + 1;
                previous = row.getString(2);
            }
        }
        String mac = mac(previous + "|" + trial + "|" + sequence + "|" + detail);
        update(db, "INSERT INTO bench_audit (trial_id, sequence, detail, previous_mac, mac) VALUES (?, ?, ?, ?, ?)",
                trial, sequence, detail, previous, mac);
        update(db, "UPDATE bench_audit_head SET last_sequence = ?, last_mac = ? WHERE trial_id = ?", sequence, mac, trial);
    }

    private static int single(Connection db, String sql, long trial) throws SQLException {
        try (PreparedStatement query = db.prepareStatement(sql)) {
            query.setLong(1, trial);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                return row.getInt(1);
            }
        }
    }

    private static void update(Connection db, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = db.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        }
    }

    private static String mac(String fields) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(KEY, "HmacSHA256"));
            return HexFormat.of().formatHex(hmac.doFinal(fields.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
