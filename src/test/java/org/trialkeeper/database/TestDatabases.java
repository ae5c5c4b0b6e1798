package org.trialkeeper.database;

/** Databases of their own on the test JVM's embedded server, for tests that prepare one before a service starts on it. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** The JDBC URL of a database on the shared embedded server; it is created on first connection. */
    public static String url(String database) {
        return EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary()).jdbcUrl(database);
    }
}
