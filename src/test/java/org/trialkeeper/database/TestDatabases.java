package org.trialkeeper.database;

/** Databases of their own on the test JVM's embedded server, for tests that prepare one before a service starts on it. */
public final class TestDatabases {

    private TestDatabases() {
    }

    /** The JDBC URL of a database on the shared embedded server; it is created on first connection. */
    public static String url(String database) {
        return server().jdbcUrl(database);
    }

    /** The embedded server's one account, which may use any database whose name begins with trialkeeper. */
    public static String user() {
        return server().user();
    }

    public static String password() {
        return server().password();
    }

    private static EmbeddedMariaDb server() {
        return EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());
    }
}
