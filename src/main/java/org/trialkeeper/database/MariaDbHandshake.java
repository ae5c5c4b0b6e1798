package org.trialkeeper.database;

import com.mysql.cj.conf.PropertySet;
import com.mysql.cj.protocol.StandardSocketFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Connector/J's own socket factory, but for the server version it is told. MariaDB 10 greets a
 * client as {@code 5.5.5-10.11.x-MariaDB}, and Connector/J, reading MySQL 5.5, a server without
 * fractional seconds, drops the microseconds of every timestamp it sends from then on. Here
 * that greeting reaches the driver as {@code 5.7.9-10.11.x-MariaDB}: a version with fractional
 * seconds, and still short of MySQL 8.0, whose session variables MariaDB 10 lacks. MySQL and
 * MariaDB 11, which greet with their own versions, pass untouched, and so does every byte after
 * the greeting. Configured as Connector/J's {@code socketFactory}.
 */
public class MariaDbHandshake extends StandardSocketFactory {

    static final String MARIADB_10_PREFIX = "5.5.5-";
    static final String ANNOUNCED_PREFIX = "5.7.9-";

    @Override
    protected Socket createSocket(PropertySet properties) {
        return new Socket() {
            private InputStream input;

            @Override
            public synchronized InputStream getInputStream() throws IOException {
                if (input == null) {
                    input = new Greeting(super.getInputStream());
                }
                return input;
            }
        };
    }

    /** The server's first packet, read whole and its version mended, then the rest of the stream as it comes. */
    static final class Greeting extends InputStream {

        private static final int HEADER = 4;
        private static final byte HANDSHAKE_V10 = 10;

        private final InputStream server;
        private byte[] first;
        private int served;

        Greeting(InputStream server) {
            this.server = server;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            if (length == 0) {
                return 0;
            }
            if (first == null) {
                first = mended(readFirstPacket());
            }
            if (served < first.length) {
                int count = Math.min(length, first.length - served);
                System.arraycopy(first, served, buffer, offset, count);
                served += count;
                return count;
            }
            return server.read(buffer, offset, length);
        }

        @Override
        public int available() throws IOException {
            return first == null ? 0 : first.length - served + server.available();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }

        private byte[] readFirstPacket() throws IOException {
            byte[] header = server.readNBytes(HEADER);
            if (header.length < HEADER) {
                return header;
            }
            int length = (header[0] & 0xff) | (header[1] & 0xff) << 8 | (header[2] & 0xff) << 16;
            byte[] payload = server.readNBytes(length);
            byte[] packet = new byte[HEADER + payload.length];
            System.arraycopy(header, 0, packet, 0, HEADER);
            System.arraycopy(payload, 0, packet, HEADER, payload.length);
            return packet;
        }

        /** The packet, with a MariaDB 10 server version's prefix replaced by one of the same length. */
        static byte[] mended(byte[] packet) {
            int start = HEADER + 1;
            if (packet.length <= start || packet[HEADER] != HANDSHAKE_V10) {
                return packet;
            }
            int end = start;
            while (end < packet.length && packet[end] != 0) {
                end++;
            }
            String version = new String(packet, start, end - start, StandardCharsets.US_ASCII);
            if (version.startsWith(MARIADB_10_PREFIX) && version.contains("MariaDB")) {
                byte[] announced = ANNOUNCED_PREFIX.getBytes(StandardCharsets.US_ASCII);
                System.arraycopy(announced, 0, packet, start, announced.length);
            }
            return packet;
        }
    }
}
