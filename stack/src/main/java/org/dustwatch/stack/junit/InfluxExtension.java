package org.dustwatch.stack.junit;

import java.nio.file.Path;
import org.dustwatch.stack.DustwatchHome;
import org.dustwatch.stack.InfluxServer;
import org.dustwatch.stack.Ports;
import org.dustwatch.stack.StackException;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts a real influxd for a test class, on free loopback ports with a temp dir, with its output
 * in the test log. If influxd is not installed the test class fails and says how to get it; it
 * never skips.
 */
public final class InfluxExtension implements BeforeAllCallback, AfterAllCallback {

    private Path dir;
    private InfluxServer server;

    @Override
    public void beforeAll(ExtensionContext context) {
        Path influxd =
                InfluxServer.locateInfluxd(DustwatchHome.resolve())
                        .orElseThrow(
                                () ->
                                        new StackException(
                                                "influxd not found, and these tests need a real"
                                                        + " InfluxDB: "
                                                        + InfluxServer.HOW_TO_INSTALL));
        dir = TempDirs.create("dustwatch-influxd-");
        server =
                InfluxServer.start(
                        influxd, new InfluxServer.Config(dir, Ports.free(), Ports.free()), null);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        try {
            if (server != null) {
                server.close();
            }
        } finally {
            TempDirs.delete(dir);
        }
    }

    public String url() {
        return server.url();
    }

    public InfluxServer server() {
        return server;
    }

    public InfluxServer.Client client() {
        return server.client();
    }
}
