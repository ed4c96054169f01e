package org.dustwatch.report;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * An HTTP stub of InfluxDB 1.x's {@code /query} for the report's query tests: it answers each
 * InfluxQL statement (the form's {@code q}) with the JSON that {@code answer} gives for it, and
 * keeps the statements asked.
 */
final class InfluxStub implements AutoCloseable {

    private final HttpServer server;
    private final List<String> queries = new CopyOnWriteArrayList<>();

    private InfluxStub(Function<String, String> answer) {
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext(
                "/query",
                x -> {
                    String form =
                            new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                    String q =
                            URLDecoder.decode(
                                    form.split("&")[0].substring(2), StandardCharsets.UTF_8);
                    queries.add(q);
                    byte[] b = answer.apply(q).getBytes(StandardCharsets.UTF_8);
                    x.getResponseHeaders().add("Content-Type", "application/json");
                    x.sendResponseHeaders(200, b.length);
                    try (OutputStream out = x.getResponseBody()) {
                        out.write(b);
                    }
                });
        server.start();
    }

    static InfluxStub answering(Function<String, String> answer) {
        return new InfluxStub(answer);
    }

    /** A client of the stub's database {@code db}. */
    InfluxQl client() {
        return new InfluxQl("http://127.0.0.1:" + server.getAddress().getPort(), "db");
    }

    /** The statements asked so far, in order. */
    List<String> queries() {
        return queries;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
