package org.trialkeeper.randomisation;

import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import org.trialkeeper.database.WriteConflicts;
import org.trialkeeper.problem.ProblemCode;
import org.trialkeeper.problem.ProblemException;
import org.trialkeeper.randomisation.scheme.MarginalCounts;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A minimisation trial's running counts as the database keeps them, read and written only by
 * the holder of the trial's allocation lock, in the transaction that makes the allocations they
 * count. Reading them costs the same at any allocation: a trial has a count row for each level
 * and arm its protocol allows at most, however many participants it has, and the number of
 * allocations is one probe of an index. All of them are read, not only the new participant's,
 * because only the whole tally can be checked against its MAC (see {@link TallyMac}). A tally
 * that does not match its MAC, or counts another number of allocations than the trial has, is
 * refused; a trial without one (allocations made before counts were kept, or its tally removed)
 * has it recounted once from its allocations, each checked against its own MAC.
 */
@Singleton
class MinimisationCounts {

    /** What the database holds of a trial's tally, and whether it matches its MAC. */
    record Stored(int allocations, MarginalCounts counts, boolean intact) {
    }

    /** A trial's counts as the holder of its allocation lock decides from them and adds to them. */
    static final class Running {

        private final long trialId;
        private final MarginalCounts counts;
        // what the database holds, or null when the counts were recounted and are written afresh
        private final MarginalCounts stored;
        private int allocations;

        private Running(long trialId, MarginalCounts counts, MarginalCounts stored, int allocations) {
            this.trialId = trialId;
            this.counts = counts;
            this.stored = stored;
            this.allocations = allocations;
        }

        MarginalCounts counts() {
            return counts;
        }

        /** The number the next allocation takes: numbers run without gaps. */
        int nextNumber() {
            return allocations + 1;
        }

        /** Counts an allocation of this batch, so that the next decision of the batch weighs it. */
        void count(Allocation allocation) {
            counts.add(allocation.decision());
            allocations++;
        }
    }

    private final AllocationRepository allocations;
    private final AllocationMac allocationMac;
    private final TallyMac mac;
    private final JdbcOperations jdbc;

    MinimisationCounts(AllocationRepository allocations, AllocationMac allocationMac, TallyMac mac,
                       JdbcOperations jdbc) {
        this.allocations = allocations;
        this.allocationMac = allocationMac;
        this.mac = mac;
        this.jdbc = jdbc;
    }

    /** The trial's counts so far; the caller holds its allocation lock, and read the last number under it. */
    Running underLock(long trialId, int lastNumber) {
        Optional<Stored> stored = stored(trialId);
        if (stored.isEmpty()) {
            return recounted(trialId);
        }
        Stored tally = stored.get();
        if (!tally.intact() || tally.allocations() != lastNumber) {
            throw altered(trialId);
        }
        return new Running(trialId, tally.counts().copy(), tally.counts(), tally.allocations());
    }

    /** Writes what the batch added, in its transaction. */
    void save(Running running) {
        long trialId = running.trialId;
        String tallyMac = mac.of(trialId, running.allocations, running.counts);
        try {
            if (running.stored == null) {
                update("DELETE FROM minimisation_count WHERE trial_id = ?", List.of(List.of(trialId)));
                writeCells(trialId, running.counts, new MarginalCounts());
                update("INSERT INTO minimisation_tally (allocations, mac, trial_id) VALUES (?, ?, ?)",
                        List.of(List.of(running.allocations, tallyMac, trialId)));
            } else {
                writeCells(trialId, running.counts, running.stored);
                update("UPDATE minimisation_tally SET allocations = ?, mac = ? WHERE trial_id = ?",
                        List.of(List.of(running.allocations, tallyMac, trialId)));
            }
        } catch (DataAccessException e) {
            // On a cluster the allocation lock is each node's own: another node may have written
            // the same new count, or recounted the same trial, first. The batch is run again.
            if (duplicate(e)) {
                throw new WriteConflicts.Lost("Minimisation counts were written elsewhere at the same moment", e);
            }
            throw e;
        }
    }

    /** The trial's tally as the database holds it, if it has one. */
    Optional<Stored> stored(long trialId) {
        return jdbc.prepareStatement("SELECT t.allocations, t.mac, c.factor, c.factor_level, c.arm, c.allocations"
                + " FROM minimisation_tally t LEFT JOIN minimisation_count c ON c.trial_id = t.trial_id"
                + " WHERE t.trial_id = ?", statement -> {
                    statement.setLong(1, trialId);
                    try (ResultSet rows = statement.executeQuery()) {
                        if (!rows.next()) {
                            return Optional.empty();
                        }
                        int counted = rows.getInt(1);
                        String stored = rows.getString(2);
                        MarginalCounts counts = new MarginalCounts();
                        do {
                            if (rows.getString(3) != null) {
                                counts.put(new MarginalCounts.Cell(rows.getString(3), rows.getString(4),
                                        rows.getString(5)), rows.getInt(6));
                            }
                        } while (rows.next());
                        return Optional.of(new Stored(counted, counts, mac.matches(trialId, counted, counts, stored)));
                    }
                });
    }

    static ProblemException altered(long trialId) {
        return new ProblemException(ProblemCode.MINIMISATION_COUNTS_ALTERED, "The running minimisation counts of"
                + " trial " + trialId + " do not match their MAC, or do not count every allocation of the trial: they"
                + " were changed in the database, or allocations were. No decision is made from them; GET /api/trials/"
                + trialId + "/randomisation/integrity names the counts that differ from the allocations");
    }

    private Running recounted(long trialId) {
        MarginalCounts counts = new MarginalCounts();
        List<Allocation> all = allocationMac.checked(allocations.findByTrialIdOrderByNumber(trialId));
        all.forEach(allocation -> counts.add(allocation.decision()));
        return new Running(trialId, counts, null, all.size());
    }

    private void writeCells(long trialId, MarginalCounts counts, MarginalCounts stored) {
        List<List<Object>> inserts = new ArrayList<>();
        List<List<Object>> updates = new ArrayList<>();
        for (Map.Entry<MarginalCounts.Cell, Integer> entry : counts.cells().entrySet()) {
            MarginalCounts.Cell cell = entry.getKey();
            int before = stored.count(cell);
            if (before != entry.getValue()) {
                (before == 0 ? inserts : updates).add(List.of(entry.getValue(), trialId, cell.factor(), cell.level(),
                        cell.arm()));
            }
        }
        update("INSERT INTO minimisation_count (allocations, trial_id, factor, factor_level, arm)"
                + " VALUES (?, ?, ?, ?, ?)", inserts);
        update("UPDATE minimisation_count SET allocations = ?"
                + " WHERE trial_id = ? AND factor = ? AND factor_level = ? AND arm = ?", updates);
    }

    /** Runs the statement once for each row of parameters, in one batch; none when there are none. */
    private void update(String sql, List<List<Object>> rows) {
        if (rows.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, (PreparedStatement statement) -> {
            for (List<Object> row : rows) {
                for (int i = 0; i < row.size(); i++) {
                    statement.setObject(i + 1, row.get(i));
                }
                statement.addBatch();
            }
            return statement.executeBatch();
        });
    }

    private static boolean duplicate(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getSQLState() != null && sql.getSQLState().startsWith("23")) {
                return true;
            }
        }
        return false;
    }
}
