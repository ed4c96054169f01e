package org.dustwatch.stack;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback port helpers. Everything the stack starts listens on 127.0.0.1 only. */
public final class Ports {
    public static final String LOOPBACK = "127.0.0.1";

    private Ports() {}

    /** A port that was free on 127.0.0.1 a moment ago. */
    public static int free() {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(LOOPBACK))) {
            s.setReuseAddress(true);
            return s.getLocalPort();
        } catch (IOException e) {
            throw new StackException("cannot find a free loopback port: " + e.getMessage(), e);
        }
    }

    /** Whether something already listens on 127.0.0.1:{@code port}. */
    public static boolean inUse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(InetAddress.getByName(LOOPBACK), port), 1);
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** Fails with a clear message if the port is taken. */
    public static void requireFree(int port, String what, String flag) {
        if (inUse(port)) {
            throw new StackException(
                    "port "
                            + port
                            + " on "
                            + LOOPBACK
                            + " is already in use, so "
                            + what
                            + " cannot start there: stop whatever holds it (see `bin/dustwatch stack"
                            + " status`) or choose another port with "
                            + flag);
        }
    }
}
