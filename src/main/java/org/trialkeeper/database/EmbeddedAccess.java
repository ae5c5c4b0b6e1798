package org.trialkeeper.database;

/**
 * Who may use the embedded server: the application's user, from the loopback address, with
 * its generated password, on the application's databases and nothing else (no FILE privilege,
 * so no {@code SELECT ... INTO OUTFILE}). The server applies this itself at every start, from
 * an init file run before it accepts a connection, so a data directory made before there were
 * accounts is brought up to them in place.
 */
final class EmbeddedAccess {

    static final String USER = "trialkeeper";
    static final String HOST = "127.0.0.1";
    /** The application's databases: the service's own, and those tests make beside it. */
    static final String DATABASES = "trialkeeper%";

    private EmbeddedAccess() {
    }

    /** The init file: no anonymous accounts and no test databases open to all, as mariadb-secure-installation leaves a server; then the application's user. */
    static String initSql(String password) {
        if (!password.matches("[A-Za-z0-9_-]+")) {
            // it is written into SQL and an options file as it is
            throw new IllegalStateException("The database password may hold letters, digits, - and _ only");
        }
        String account = "'" + USER + "'@'" + HOST + "'";
        return String.join("\n",
                "DELETE FROM mysql.global_priv WHERE User = '';",
                "DELETE FROM mysql.db WHERE Db = 'test' OR Db = 'test\\\\_%';",
                "FLUSH PRIVILEGES;",
                "CREATE USER IF NOT EXISTS " + account + " IDENTIFIED BY '" + password + "';",
                "ALTER USER " + account + " IDENTIFIED BY '" + password + "';",
                "GRANT ALL PRIVILEGES ON `" + DATABASES + "`.* TO " + account + ";",
                "");
    }

    /** Options for the server's own clients: {@code mariadb-dump --defaults-extra-file=client.cnf trialkeeper}. */
    static String clientOptions(int port, String password) {
        return String.join("\n",
                "[client]",
                "protocol=tcp",
                "host=" + HOST,
                "port=" + port,
                "user=" + USER,
                "password=" + password,
                "");
    }
}
