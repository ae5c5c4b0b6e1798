package org.trialkeeper.database;

import io.micronaut.context.ApplicationContext;
import io.micronaut.http.client.HttpClient;
import io.micronaut.runtime.server.EmbeddedServer;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.trialkeeper.protocol.ProtocolFiles;
import org.trialkeeper.support.Api;
import org.trialkeeper.support.RecruitingTrial;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A database migrated with the first text of V3 starts under the present code and opens recruitment. */
class EditedMigrationTest {

    @Test
    void aDatabaseMigratedBeforeV3WasEditedStartsAndRandomises() throws Exception {
        Path first = Files.createTempDirectory("first-migrations");
        for (String name : new String[] {"V1__trials_and_protocol_versions.sql", "V2__users_memberships_audit.sql"}) {
            Files.copy(MigrationChecksumsTest.MIGRATIONS.resolve(name), first.resolve(name));
        }
        MigrationChecksumsTest.writeFirstV3(first);

        EmbeddedMariaDb server = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());
        String url = server.jdbcUrl("trialkeeper_first_v3");
        Flyway.configure().dataSource(url, server.user(), server.password()).locations("filesystem:" + first).load().migrate();
        try (Connection db = DriverManager.getConnection(url, server.user(), server.password())) {
            assertTrue(hasAllocationsColumn(db), "the first text of V3 made the column");
        }

        try (EmbeddedServer service = ApplicationContext.run(EmbeddedServer.class,
                server.datasource("trialkeeper_first_v3"), "test");
             HttpClient http = HttpClient.create(service.getURL())) {
            RecruitingTrial trial = new RecruitingTrial(http, ProtocolFiles.renamed(ProtocolFiles.SEED_TRIAL,
                    Api.unique("first-v3")));
            assertEquals(1, trial.randomise(trial.enrol("F-1", "female"), "key-first-v3-1").get("number"));
        }
        try (Connection db = DriverManager.getConnection(url, server.user(), server.password())) {
            assertFalse(hasAllocationsColumn(db));
            assertEquals(EditedMigrations.PRESENT_CHECKSUM, checksumOfV3(db));
        }
    }

    private static boolean hasAllocationsColumn(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                        + " AND table_name = 'randomisation_setup' AND column_name = 'allocations'")) {
            rows.next();
            return rows.getLong(1) > 0;
        }
    }

    private static int checksumOfV3(Connection db) throws SQLException {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery(
                "SELECT checksum FROM flyway_schema_history WHERE version = '3'")) {
            rows.next();
            return rows.getInt(1);
        }
    }
}
