package org.trialkeeper.followup;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import jakarta.inject.Singleton;
import jakarta.transaction.Transactional;
import org.trialkeeper.database.StreamedRows;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Randomisations per day and site, from the allocations' dates: what a chart of recruitment
 * over time needs, one row a day and site however many people were randomised, and nothing about arms.
 */
@Singleton
public class RecruitmentCurve {

    /** Participants of one site randomised on one day (UTC). */
    public record Day(LocalDate date, String site, int randomised) {
    }

    private final JdbcOperations jdbc;

    RecruitmentCurve(JdbcOperations jdbc) {
        this.jdbc = jdbc;
    }

    /** The trial's randomisations by day and site, oldest first. */
    @Transactional
    public List<Day> days(long trialId) {
        List<Day> days = new ArrayList<>();
        StreamedRows.of(jdbc, "SELECT DATE(a.allocated_at), p.site, COUNT(*) FROM allocation a"
                + " JOIN participant p ON p.id = a.participant_id WHERE a.trial_id = ?"
                + " GROUP BY DATE(a.allocated_at), p.site ORDER BY 1, 2", trialId,
                row -> days.add(new Day(row.getObject(1, LocalDate.class), row.getString(2), row.getInt(3))));
        return days;
    }
}
