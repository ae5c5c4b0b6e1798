package org.trialkeeper.database;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class MariaDbHandshakeTest {

    private static final byte[] AFTER = {1, 2, 3, 0, 42};

    @Test
    void mariaDb10sGreetingReachesTheDriverAsAVersionWithFractionalSeconds() throws Exception {
        assertEquals("5.7.9-10.11.19-MariaDB-0+deb12u1", versionSeenThrough(greeting("5.5.5-10.11.19-MariaDB-0+deb12u1")));
    }

    @Test
    void mySqlsAndMariaDb11sGreetingsPassUntouched() throws Exception {
        for (String version : new String[] {"8.4.6", "5.5.5-m3", "11.4.2-MariaDB"}) {
            assertEquals(version, versionSeenThrough(greeting(version)));
        }
    }

    @Test
    void aFirstPacketThatIsNoGreetingPassesUntouched() throws Exception {
        byte[] refusal = packet((byte) 0xff, "5.5.5-10.11.19-MariaDB too many connections");
        assertArrayEquals(withAfter(refusal), readThrough(withAfter(refusal)));
    }

    private static String versionSeenThrough(byte[] greeting) throws Exception {
        byte[] seen = readThrough(withAfter(greeting));
        assertEquals(greeting.length + AFTER.length, seen.length);
        for (int i = 0; i < AFTER.length; i++) {
            assertEquals(AFTER[i], seen[greeting.length + i], "the bytes after the greeting pass untouched");
        }
        int end = 5;
        while (seen[end] != 0) {
            end++;
        }
        return new String(seen, 5, end - 5, StandardCharsets.US_ASCII);
    }

    /** Reads as the driver does, a few bytes at a time. */
    private static byte[] readThrough(byte[] stream) throws Exception {
        ByteArrayOutputStream seen = new ByteArrayOutputStream();
        try (InputStream greeting = new MariaDbHandshake.Greeting(new ByteArrayInputStream(stream))) {
            byte[] chunk = new byte[3];
            for (int count = greeting.read(chunk, 0, chunk.length); count >= 0; count = greeting.read(chunk, 0, chunk.length)) {
                seen.write(chunk, 0, count);
            }
        }
        return seen.toByteArray();
    }

    /** A protocol 10 handshake: its version, then the rest of a greeting's fields (here zeros). */
    private static byte[] greeting(String version) {
        return packet((byte) 10, version + "\0" + "\0".repeat(20));
    }

    private static byte[] packet(byte first, String rest) {
        byte[] body = rest.getBytes(StandardCharsets.US_ASCII);
        byte[] packet = new byte[4 + 1 + body.length];
        int length = 1 + body.length;
        packet[0] = (byte) length;
        packet[1] = (byte) (length >> 8);
        packet[2] = (byte) (length >> 16);
        packet[4] = first;
        System.arraycopy(body, 0, packet, 5, body.length);
        return packet;
    }

    private static byte[] withAfter(byte[] packet) {
        byte[] stream = new byte[packet.length + AFTER.length];
        System.arraycopy(packet, 0, stream, 0, packet.length);
        System.arraycopy(AFTER, 0, stream, packet.length, AFTER.length);
        return stream;
    }
}
