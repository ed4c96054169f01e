package org.dustwatch.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.dustwatch.cli.Cli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bad input gets one line and exit status 2; an InfluxDB that does not answer, one line and 1 (as
 * {@code bin/dustwatch report}). An HTTP stub plays an InfluxDB whose database is empty.
 */
class CampaignReportCliTest {

    HttpServer empty;
    final ByteArrayOutputStream out = new ByteArrayOutputStream();
    final ByteArrayOutputStream err = new ByteArrayOutputStream();
    @TempDir Path dir;

    @BeforeEach
    void start() throws Exception {
        empty = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        empty.createContext(
                "/",
                x -> {
                    byte[] b =
                            x.getRequestURI().getPath().equals("/ping")
                                    ? new byte[0]
                                    : "{\"results\":[{\"statement_id\":0}]}"
                                            .getBytes(StandardCharsets.UTF_8);
                    x.sendResponseHeaders(b.length == 0 ? 204 : 200, b.length == 0 ? -1 : b.length);
                    try (OutputStream o = x.getResponseBody()) {
                        o.write(b);
                    }
                });
        empty.start();
    }

    @AfterEach
    void stop() {
        empty.stop(0);
    }

    String url() {
        return "http://127.0.0.1:" + empty.getAddress().getPort();
    }

    int run(String... args) {
        return Cli.run(
                new CampaignReportCli(),
                args,
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    String err() {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void anEmptyPeriodIsBadInput() {
        assertThat(run("--from", "2026-11-05", "--to", "2026-11-04", "--influx-url", url()))
                .isEqualTo(2);
        assertThat(err())
                .isEqualTo(
                        "dustwatch campaign-report: the period is empty: --to 2026-11-04 is before"
                                + " --from 2026-11-05\n");
    }

    @Test
    void aPeriodWithoutDataIsBadInput() {
        assertThat(run("--month", "2026-11", "--influx-url", url(), "--out", dir.toString()))
                .isEqualTo(2);
        assertThat(err())
                .startsWith("dustwatch campaign-report: no data for 2026-11-01 to 2026-11-30")
                .endsWith("no inspection and no daily AQI report in the period\n")
                .doesNotContain("\n\n");
    }

    @Test
    void anUnknownTownshipOrRoadIsBadInput() {
        assertThat(run("--month", "2026-11", "--township", "Atlantis", "--influx-url", url()))
                .isEqualTo(2);
        assertThat(err()).startsWith("dustwatch campaign-report: unknown township 'Atlantis'");
        err.reset();
        assertThat(run("--month", "2026-11", "--road", "Route 66", "--influx-url", url()))
                .isEqualTo(2);
        assertThat(err()).startsWith("dustwatch campaign-report: unknown road 'Route 66'");
    }

    @Test
    void aBadMonthOrNoPeriodIsBadInput() {
        assertThat(run("--month", "2026-13")).isEqualTo(2);
        assertThat(err()).contains("--month '2026-13' is not a month like 2026-11");
        err.reset();
        assertThat(run("--from", "2026-11-01")).isEqualTo(2);
        assertThat(err()).contains("give --month YYYY-MM, or --from DATE and --to DATE");
    }

    @Test
    void aMissingReferenceFileIsBadInputInOneLine() {
        Path none = dir.resolve("no-such-checkpoints.csv");
        assertThat(
                        run(
                                "--month",
                                "2026-11",
                                "--checkpoints",
                                none.toString(),
                                "--stations",
                                none.toString(),
                                "--influx-url",
                                url()))
                .isEqualTo(2);
        assertThat(err())
                .startsWith(
                        "dustwatch campaign-report: cannot read the reference data (no such file: ")
                .contains("no-such-checkpoints.csv")
                .endsWith(")\n")
                .doesNotContain("\tat ");
    }

    @Test
    void aUrlThatIsNotInfluxDbIsOneLineWithExitOne() throws Exception {
        HttpServer html = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        html.createContext(
                "/",
                x -> {
                    byte[] b =
                            x.getRequestURI().getPath().equals("/ping")
                                    ? new byte[0]
                                    : "<html>a web server</html>".getBytes(StandardCharsets.UTF_8);
                    x.sendResponseHeaders(b.length == 0 ? 204 : 200, b.length == 0 ? -1 : b.length);
                    try (OutputStream o = x.getResponseBody()) {
                        o.write(b);
                    }
                });
        html.start();
        try {
            String at = "http://127.0.0.1:" + html.getAddress().getPort();
            assertThat(run("--month", "2026-11", "--influx-url", at, "--out", dir.toString()))
                    .isEqualTo(1);
            assertThat(err())
                    .startsWith(
                            "dustwatch campaign-report: the answer of "
                                    + at
                                    + " is not InfluxDB's (")
                    .doesNotContain("\tat ")
                    .hasLineCount(1);
        } finally {
            html.stop(0);
        }
    }

    @Test
    void anInfluxDbThatDoesNotAnswerIsOneLineWithExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        String closed = "http://127.0.0.1:" + port;
        assertThat(run("--month", "2026-11", "--influx-url", closed)).isEqualTo(1);
        assertThat(err())
                .isEqualTo(
                        "dustwatch campaign-report: no InfluxDB answers at "
                                + closed
                                + " (from --influx-url)\n");
    }

    @Test
    void helpExitsZero() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8))
                .startsWith("Usage: dustwatch campaign-report")
                .contains("--month")
                .contains("--since");
    }
}
