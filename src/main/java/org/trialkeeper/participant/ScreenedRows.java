package org.trialkeeper.participant;

import io.micronaut.core.type.Argument;
import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import org.trialkeeper.database.StreamedRows;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Everyone screened for a trial, passed on one at a time as the rows arrive: a report of a
 * million participants must hold each person once, compactly, not also a list of rows or the
 * driver's copy of the whole result. So the driver streams the result, and a site's text is
 * kept once per read.
 */
@Singleton
class ScreenedRows {

    private static final Argument<Map<String, Object>> VALUES = Argument.mapOf(String.class, Object.class);

    private final JdbcOperations jdbc;
    private final JsonMapper json;

    ScreenedRows(JdbcOperations jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Every participant with their follow-up facts, in the order of their ids, without their baseline. */
    List<Followed> followed(long trialId) {
        return jdbc.prepareStatement("SELECT id, code, site, status, per_protocol_excluded, keep_data FROM participant"
                + " WHERE trial_id = ? ORDER BY id", statement -> {
                    statement.setLong(1, trialId);
                    List<Followed> followed = new ArrayList<>();
                    try (ResultSet rows = statement.executeQuery()) {
                        while (rows.next()) {
                            followed.add(new Followed(new Candidate(rows.getLong(1), rows.getString(2), rows.getString(3),
                                    ParticipantStatus.valueOf(rows.getString(4)), Map.of()), rows.getBoolean(5),
                                    rows.getBoolean(6)));
                        }
                    }
                    return followed;
                });
    }

    /** Each person screened, in the order of their ids; {@code each} must not use the database. */
    void read(long trialId, Consumer<ParticipantService.Screened> each) {
        Map<String, String> sites = new HashMap<>();
        StreamedRows.of(jdbc, "SELECT id, code, site, status, failed_criteria, baseline_json, keep_data,"
                + " per_protocol_excluded FROM participant WHERE trial_id = ? ORDER BY id", trialId, row ->
                each.accept(new ParticipantService.Screened(row.getLong(1), row.getString(2),
                        sites.computeIfAbsent(row.getString(3), site -> site), ParticipantStatus.valueOf(row.getString(4)),
                        Participant.criteria(row.getString(5)), baseline(row.getString(6)), row.getBoolean(7),
                        row.getBoolean(8))));
    }

    /** The baseline answers as entered; the caller keeps what it needs of them, not the map. */
    private Map<String, Object> baseline(String text) {
        try {
            return json.readValue(text, VALUES);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
