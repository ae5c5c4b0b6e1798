package org.trialkeeper.database;

import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded server is closed to everyone but the service: nothing listens beyond the
 * loopback address, its one account is for 127.0.0.1 and its generated password, and that
 * account cannot make the server read or write files.
 */
class EmbeddedDatabaseAccessTest {

    private static final int ACCESS_DENIED = 1045;
    /** The same refusal for a user name that no account has, tried without a password. */
    private static final int ACCESS_DENIED_NO_PASSWORD = 1698;
    private static final int HOST_NOT_PRIVILEGED = 1130;

    private final EmbeddedMariaDb server = EmbeddedMariaDb.start(EmbeddedDatabaseLocation.temporary());

    @Test
    void nothingListensOnTheMachinesOtherAddresses() throws Exception {
        InetAddress outside = nonLoopbackAddress();
        try (Socket loopback = new Socket(InetAddress.getLoopbackAddress(), server.port())) {
            assertTrue(loopback.isConnected());
        }
        assertThrows(ConnectException.class, () -> new Socket(outside, server.port()).close(),
                "the server's port on " + outside.getHostAddress());
    }

    @Test
    void aConnectionFromAnotherAddressOfThisMachineIsRefusedEvenWithThePassword() throws Exception {
        String fromOutside = server.jdbcUrl("trialkeeper_test") + "&localSocketAddress=" + nonLoopbackAddress().getHostAddress();
        SQLException refused = assertThrows(SQLException.class,
                () -> DriverManager.getConnection(fromOutside, server.user(), server.password()).close());
        assertEquals(HOST_NOT_PRIVILEGED, refused.getErrorCode(), refused.getMessage());
    }

    @Test
    void aWrongPasswordAnotherUserAndRootWithoutAPasswordAreRefused() throws Exception {
        String url = server.jdbcUrl("trialkeeper_test");
        for (String[] credentials : new String[][] {{server.user(), "not-the-password"}, {server.user(), ""},
                {"root", ""}, {"anybody", ""}}) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> DriverManager.getConnection(url, credentials[0], credentials[1]).close());
            assertTrue(Set.of(ACCESS_DENIED, ACCESS_DENIED_NO_PASSWORD).contains(refused.getErrorCode()),
                    credentials[0] + ": " + refused.getErrorCode() + " " + refused.getMessage());
        }
        try (Connection connection = DriverManager.getConnection(url, server.user(), server.password())) {
            assertTrue(connection.isValid(2));
        }
    }

    @Test
    void theServiceCannotMakeTheServerWriteOrReadFiles() throws Exception {
        Path outfile = server.clientOptions().resolveSibling("mariadb-files").resolve("allocations.txt");
        try (Connection connection = DriverManager.getConnection(server.jdbcUrl("trialkeeper_test"), server.user(),
                server.password()); Statement statement = connection.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> statement.execute("SELECT 1 INTO OUTFILE '" + outfile + "'"));
            // MariaDB answers a missing FILE privilege as access denied
            assertEquals(ACCESS_DENIED, refused.getErrorCode(), refused.getMessage());
            try (ResultSet row = statement.executeQuery("SELECT LOAD_FILE('" + server.clientOptions() + "')")) {
                row.next();
                assertNull(row.getString(1), "LOAD_FILE reads nothing");
            }
        }
        assertFalse(Files.exists(outfile));
    }

    @Test
    void thePasswordAndTheClientOptionsAreReadableByTheirOwnerOnly() throws Exception {
        Path password = server.clientOptions().resolveSibling("database-password");
        assertEquals(server.password(), Files.readString(password));
        for (Path secret : new Path[] {password, server.clientOptions()}) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(secret)), secret.toString());
        }
        assertTrue(Files.readAllLines(server.clientOptions()).contains("password=" + server.password()));
    }

    /** An IPv4 address of this machine's own that is not loopback. */
    static InetAddress nonLoopbackAddress() throws Exception {
        for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            if (!network.isUp() || network.isLoopback()) {
                continue;
            }
            for (InetAddress address : Collections.list(network.getInetAddresses())) {
                if (address instanceof Inet4Address && !address.isLoopbackAddress() && !address.isLinkLocalAddress()) {
                    return address;
                }
            }
        }
        throw new IllegalStateException("This machine has no IPv4 address but loopback to connect from");
    }
}
