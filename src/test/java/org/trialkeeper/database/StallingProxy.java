package org.trialkeeper.database;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A TCP relay between the service and its database that can be made to stall: while stalled it
 * accepts connections and reads what either side sends, but passes nothing on, as a database
 * that has stopped answering (overloaded, or behind a broken network) would look. It can stall
 * at once, or when a statement containing a given text is sent, so that the silence begins in
 * the middle of a transaction. Released, it passes on what it holds, and connections their
 * owners gave up meanwhile are closed.
 */
final class StallingProxy implements AutoCloseable {

    private final ServerSocket listening;
    private final int target;
    private final List<Socket> sockets = new CopyOnWriteArrayList<>();
    private final Object gate = new Object();
    private boolean stalled;
    private String stallAt;

    StallingProxy(int target) throws IOException {
        this.target = target;
        this.listening = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread acceptor = new Thread(this::accept, "stalling-proxy");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    int port() {
        return listening.getLocalPort();
    }

    void stall() {
        synchronized (gate) {
            stalled = true;
        }
    }

    /** Stalls when a statement containing this text is sent; the statement is held too. */
    void stallAt(String text) {
        synchronized (gate) {
            stallAt = text;
        }
    }

    void release() {
        synchronized (gate) {
            stalled = false;
            stallAt = null;
            gate.notifyAll();
        }
    }

    private void accept() {
        while (!listening.isClosed()) {
            try {
                Socket client = listening.accept();
                Socket server = new Socket(InetAddress.getLoopbackAddress(), target);
                sockets.add(client);
                sockets.add(server);
                relay(client, server, true);
                relay(server, client, false);
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void relay(Socket from, Socket to, boolean toDatabase) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int read; (read = in.read(buffer)) >= 0; ) {
                    synchronized (gate) {
                        if (toDatabase && stallAt != null
                                && new String(buffer, 0, read, StandardCharsets.ISO_8859_1).contains(stallAt)) {
                            stalled = true;
                        }
                        while (stalled) {
                            gate.wait();
                        }
                    }
                    out.write(buffer, 0, read);
                    out.flush();
                }
            } catch (IOException | InterruptedException gone) {
                // one side closed or the proxy is closing: the other side is closed below
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "stalling-proxy-relay");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        release();
        listening.close();
        sockets.forEach(StallingProxy::closeQuietly);
    }
}
