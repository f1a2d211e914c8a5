package io.denoiser.broker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * Picks currently free TCP ports on the loopback interface.
 *
 * <p>The ports are only known to be free when this method returns: another process may take one
 * before the broker binds it. {@link EmbeddedKafkaBroker} handles that race by retrying once with
 * new ports.
 */
final class FreePorts {

    private FreePorts() {}

    /** Returns {@code count} distinct ports: all sockets stay open until the last one is bound. */
    static List<Integer> pick(int count) {
        List<ServerSocket> sockets = new ArrayList<>(count);
        try {
            for (int i = 0; i < count; i++) {
                ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
                sockets.add(socket);
            }
            return sockets.stream().map(ServerSocket::getLocalPort).toList();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port on the loopback interface", e);
        } finally {
            sockets.forEach(FreePorts::closeQuietly);
        }
    }

    private static void closeQuietly(ServerSocket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // the port is released either way
        }
    }
}
