package io.leaderlens.stack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;

/**
 * Loopback ports of the stack's services.
 *
 * @param trino Trino's client port: HTTPS, password sign-in
 * @param trinoInternal Trino's plain HTTP port for its own discovery and internal calls (signed with a shared secret;
 *                      clients cannot sign in over it)
 */
public record StackPorts(int kafka, int kafkaController, int catalog, int trino, int trinoInternal) {

    /** The ports {@code ./leaderlens up} uses unless configured otherwise. */
    public static StackPorts defaults() {
        return new StackPorts(19092, 19093, 18181, 18080, 18082);
    }

    /** Ports free right now, for tests that must not collide with a developer's running stack. */
    public static StackPorts free() {
        return new StackPorts(freePort(), freePort(), freePort(), freePort(), freePort());
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean isFree(int port) {
        try (ServerSocket socket = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
