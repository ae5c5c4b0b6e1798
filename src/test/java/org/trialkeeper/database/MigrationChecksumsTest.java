package org.trialkeeper.database;

import org.flywaydb.core.internal.resolver.ChecksumCalculator;
import org.flywaydb.core.internal.resource.filesystem.FileSystemResource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A landed migration is never edited: a database migrated before the edit would fail Flyway's
 * validation at the next start. Every migration's checksum is pinned here when it lands; a new
 * migration adds its line, and no line ever changes.
 */
class MigrationChecksumsTest {

    static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    static final String EDITED = "V3__participants_and_randomisation.sql";

    private static final Map<String, Integer> LANDED = Map.ofEntries(
            Map.entry("V1__trials_and_protocol_versions.sql", 877028753),
            Map.entry("V2__users_memberships_audit.sql", -1248370751),
            Map.entry("V3__participants_and_randomisation.sql", 2010831843),
            Map.entry("V4__assessments_attendance_follow_up.sql", -1948304145),
            Map.entry("V5__report_indexes.sql", 1328016166),
            Map.entry("V6__allocation_lock.sql", 2072799210),
            Map.entry("V7__keyed_audit_chain.sql", 2043255023),
            Map.entry("V8__sequence_stream.sql", 1957869962),
            Map.entry("V9__allocation_macs.sql", 346767837),
            Map.entry("V10__session_version.sql", -1567046552),
            Map.entry("V11__audit_chain_per_trial.sql", 161402840),
            Map.entry("V12__paged_participants.sql", -1122692545),
            Map.entry("V13__minimisation_counts.sql", 1288132944),
            Map.entry("V14__adverse_events.sql", -332307755),
            Map.entry("V15__commitment_timestamp.sql", 701424534),
            Map.entry("V16__allocation_receipts.sql", 1613407309));

    @Test
    void everyLandedMigrationKeepsItsChecksum() throws IOException {
        assertEquals(new TreeMap<>(LANDED), checksums(MIGRATIONS));
    }

    @Test
    void theRepairOfTheOneEditedMigrationKnowsBothOfItsTexts() throws IOException {
        assertEquals(LANDED.get(EDITED), EditedMigrations.PRESENT_CHECKSUM);
        Path folder = Files.createTempDirectory("first-v3");
        writeFirstV3(folder);
        assertEquals(EditedMigrations.FIRST_CHECKSUM, checksums(folder).get(EDITED));
    }

    /** The first text of V3: the present one with the column that was taken out of it after it landed. */
    static void writeFirstV3(Path folder) throws IOException {
        String present = Files.readString(MIGRATIONS.resolve(EDITED));
        String commitment = "    commitment      CHAR(64)     NOT NULL,\n";
        if (!present.contains(commitment)) {
            throw new IllegalStateException("V3 no longer has the line the column followed");
        }
        Files.writeString(folder.resolve(EDITED), present.replace(commitment,
                commitment + "    allocations     INT          NOT NULL,\n"));
    }

    static Map<String, Integer> checksums(Path folder) throws IOException {
        Map<String, Integer> checksums = new TreeMap<>();
        try (Stream<Path> files = Files.list(folder)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".sql")).toList()) {
                checksums.put(file.getFileName().toString(), ChecksumCalculator.calculate(
                        new FileSystemResource(null, file.toString(), StandardCharsets.UTF_8, false)));
            }
        }
        return checksums;
    }
}
