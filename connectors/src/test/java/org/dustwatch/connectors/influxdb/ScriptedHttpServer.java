package org.dustwatch.connectors.influxdb;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.SSLContext;

/**
 * A loopback HTTP server that answers from a script (status, headers, body, delay) and records
 * every request with the status it was answered, gzip bodies decompressed. Once the script is used
 * up it answers 204, or, while {@link #failing} is set, that reply.
 */
final class ScriptedHttpServer implements AutoCloseable {

    record Reply(int status, Map<String, String> headers, String body, long delayMs) {
        static Reply of(int status) {
            return new Reply(status, Map.of(), "", 0);
        }

        static Reply of(int status, String body) {
            return new Reply(status, Map.of("Content-Type", "application/json"), body, 0);
        }

        Reply withHeader(String name, String value) {
            Map<String, String> h = new TreeMap<>(headers);
            h.put(name, value);
            return new Reply(status, h, body, delayMs);
        }

        Reply delayed(long ms) {
            return new Reply(status, headers, body, ms);
        }
    }

    /**
     * @param status the status the server answered (or was about to answer, if the client gave up
     *     first); a request answered 2xx is one InfluxDB would have stored, at its arrival
     */
    record Request(
            String method,
            String path,
            String query,
            Map<String, String> headers,
            String body,
            int status) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean stored() {
            return status >= 200 && status < 300;
        }
    }

    private final HttpServer server;
    private final Deque<Reply> script = new ArrayDeque<>();
    private final List<Request> requests = new ArrayList<>();
    private Reply failing;

    ScriptedHttpServer() throws IOException {
        this(null);
    }

    /** Over TLS with this context's certificate, or plain HTTP if it is null. */
    ScriptedHttpServer(SSLContext tls) throws IOException {
        InetSocketAddress loopback = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
        if (tls == null) {
            server = HttpServer.create(loopback, 16);
        } else {
            HttpsServer https = HttpsServer.create(loopback, 16);
            https.setHttpsConfigurator(new HttpsConfigurator(tls));
            server = https;
        }
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return (server instanceof HttpsServer ? "https" : "http")
                + "://127.0.0.1:"
                + server.getAddress().getPort();
    }

    synchronized ScriptedHttpServer then(Reply reply) {
        script.addLast(reply);
        return this;
    }

    /** While set, every request that the script does not answer gets this reply. */
    synchronized ScriptedHttpServer failing(Reply reply) {
        this.failing = reply;
        return this;
    }

    synchronized List<Request> requests() {
        return List.copyOf(requests);
    }

    /** Waits until at least {@code n} requests have arrived, for at most a minute. */
    List<Request> awaitRequests(int n) throws InterruptedException {
        long deadline = System.nanoTime() + 60_000_000_000L;
        while (requests().size() < n && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        return requests();
    }

    private void handle(HttpExchange ex) throws IOException {
        byte[] raw = ex.getRequestBody().readAllBytes();
        Map<String, String> headers = new TreeMap<>();
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.get(0)));
        InputStream in = new ByteArrayInputStream(raw);
        if ("gzip".equals(headers.get("content-encoding"))) {
            in = new GZIPInputStream(in);
        }
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        Reply reply;
        synchronized (this) {
            reply =
                    !script.isEmpty()
                            ? script.removeFirst()
                            : failing != null ? failing : Reply.of(204);
            requests.add(
                    new Request(
                            ex.getRequestMethod(),
                            ex.getRequestURI().getPath(),
                            ex.getRequestURI().getRawQuery(),
                            headers,
                            body,
                            reply.status()));
        }
        if (reply.delayMs() > 0) {
            try {
                Thread.sleep(reply.delayMs());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        reply.headers().forEach((k, v) -> ex.getResponseHeaders().add(k, v));
        byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(reply.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
            ex.getResponseBody().write(out);
        }
        ex.close();
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
