package org.dustwatch.connectors.influxdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers line protocol and sends it in batches: when {@code batchSize} points are pending, when
 * the flush interval passes (a processing-time timer, since Sink V2 calls {@link #flush} only at
 * checkpoints and end of input), and at every {@link #flush}, which blocks until InfluxDB has
 * acknowledged every buffered point. All of it runs in the task's mailbox thread, so a slow
 * InfluxDB back-pressures the job instead of growing a buffer.
 */
@Internal
final class InfluxDbWriter<T> implements SinkWriter<T> {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbWriter.class);
    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");
    private static final String UNPARSEABLE = "unable to parse";

    /** Sleeps between retries; a seam so that tests need not wait. */
    interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    private final InfluxDbSinkConfig config;
    private final PointConverter<T> converter;
    private final InfluxTransport transport;
    private final ProcessingTimeService timers;
    private final Clock clock;
    private final DoubleSupplier random;
    private final Sleeper sleeper;

    private final StringBuilder buffer = new StringBuilder(64 * 1024);
    private int pending;

    /** Self-report: after each batch of data, a point of {@code sink} (see {@link #report}). */
    private String reportSink;

    private String reportSubtask;
    private int reportsPending;
    private long retriesThisBatch;

    private final SinkMetrics metrics;

    InfluxDbWriter(
            InfluxDbSinkConfig config,
            PointConverter<T> converter,
            InfluxTransport transport,
            ProcessingTimeService timers,
            SinkMetrics metrics) {
        this(
                config,
                converter,
                transport,
                timers,
                metrics,
                Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(),
                d -> Thread.sleep(d.toMillis()));
    }

    InfluxDbWriter(
            InfluxDbSinkConfig config,
            PointConverter<T> converter,
            InfluxTransport transport,
            ProcessingTimeService timers,
            SinkMetrics metrics,
            Clock clock,
            DoubleSupplier random,
            Sleeper sleeper) {
        this.config = config;
        this.converter = converter;
        this.transport = transport;
        this.timers = timers;
        this.clock = clock;
        this.random = random;
        this.sleeper = sleeper;
        this.metrics = metrics;
        scheduleFlush();
    }

    /**
     * Makes the writer report on itself: after every batch that carried data, it adds a point of
     * the {@code sink} measurement to its next batch, tagged {@code sink} and {@code subtask}, with
     * the batch's {@code written}, {@code rejected} and {@code retries} counts and {@code
     * latency_ms}. Batches that carry only such reports are not reported.
     */
    InfluxDbWriter<T> reportAs(String sinkName, int subtask) {
        this.reportSink = sinkName;
        this.reportSubtask = Integer.toString(subtask);
        return this;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        Point p = converter.toPoint(element);
        if (pending > 0) {
            buffer.append('\n');
        }
        LineProtocol.append(p, buffer);
        pending++;
        if (pending >= config.batchSize()) {
            send();
        }
    }

    @Override
    public void flush(boolean endOfInput) throws IOException, InterruptedException {
        send();
        send(); // the report on the batch just sent, if any
    }

    private void scheduleFlush() {
        long at = timers.getCurrentProcessingTime() + config.flushInterval().toMillis();
        timers.registerTimer(
                at,
                time -> {
                    send();
                    scheduleFlush();
                });
    }

    /** Sends every pending point; returns once InfluxDB has answered for each of them. */
    void send() throws IOException, InterruptedException {
        if (pending == 0) {
            return;
        }
        int count = pending;
        byte[] body = buffer.toString().getBytes(StandardCharsets.UTF_8);
        long started = clock.millis();
        int attempt = 0;
        while (true) {
            InfluxTransport.Response r = transport.send(body);
            WriteOutcome outcome = ResponseClassifier.classify(r.status());
            switch (outcome) {
                case SUCCESS -> {
                    done(count, 0, body.length, started);
                    return;
                }
                case REJECTED -> {
                    int rejected = rejectedPoints(r.body(), count);
                    LOG.warn(
                            "InfluxDB at {} rejected {} of {} points (HTTP {}); they are counted in"
                                    + " numRecordsSendErrors and not retried: {}",
                            transport.endpoint(),
                            rejected,
                            count,
                            r.status(),
                            clip(r.body()));
                    done(count, rejected, body.length, started);
                    return;
                }
                case FAIL ->
                        throw new IOException(
                                "InfluxDB at "
                                        + transport.endpoint()
                                        + " refused the write: "
                                        + ResponseClassifier.explain(r.status())
                                        + " ("
                                        + clip(r.body())
                                        + ")");
                case RETRY -> {
                    attempt++;
                    long elapsed = clock.millis() - started;
                    if (elapsed >= config.maxRetryDuration().toMillis()) {
                        throw new IOException(
                                "InfluxDB at "
                                        + transport.endpoint()
                                        + " still failing after "
                                        + attempt
                                        + " attempts over "
                                        + elapsed / 1000
                                        + " s (last: "
                                        + describe(r)
                                        + "); failing so that the job restarts from its last"
                                        + " checkpoint and nothing is lost");
                    }
                    Duration delay = config.backoff().delay(attempt, r.retryAfter(), random, clock);
                    metrics.retries().inc();
                    retriesThisBatch++;
                    LOG.warn(
                            "InfluxDB write of {} points failed ({}); retry {} in {} ms",
                            count,
                            describe(r),
                            attempt,
                            delay.toMillis());
                    sleeper.sleep(delay);
                }
            }
        }
    }

    private void done(int count, int rejected, int bytes, long started) {
        long latency = clock.millis() - started;
        metrics.pointsWritten().inc(count - rejected);
        metrics.pointsRejected().inc(rejected);
        metrics.bytesSent().inc(bytes);
        metrics.batches().inc();
        metrics.lastBatchLatencyMs().set(latency);
        buffer.setLength(0);
        pending = 0;
        int data = count - reportsPending;
        reportsPending = 0;
        long retries = retriesThisBatch;
        retriesThisBatch = 0;
        if (reportSink != null && data > 0) {
            report(Math.max(0, data - rejected), rejected, retries, latency);
        }
    }

    private void report(long written, long rejected, long retries, long latencyMs) {
        Point p =
                Point.measurement("sink")
                        .tag("sink", reportSink)
                        .tag("subtask", reportSubtask)
                        .field("written", written)
                        .field("rejected", rejected)
                        .field("retries", retries)
                        .field("latency_ms", latencyMs)
                        .time(clock.millis());
        LineProtocol.append(p, buffer);
        pending = 1;
        reportsPending = 1;
    }

    /**
     * How many points of a 400 answer were refused. InfluxDB 1.x names each unparseable line
     * ("unable to parse ...") and counts type conflicts ("dropped=N"); if the answer says neither,
     * the whole batch counts as refused, so nothing is under-reported.
     */
    static int rejectedPoints(String body, int batch) {
        if (body == null) {
            return batch;
        }
        int n = 0;
        Matcher m = DROPPED.matcher(body);
        while (m.find()) {
            n += Integer.parseInt(m.group(1));
        }
        for (int i = body.indexOf(UNPARSEABLE); i >= 0; i = body.indexOf(UNPARSEABLE, i + 1)) {
            n++;
        }
        return n == 0 ? batch : Math.min(n, batch);
    }

    private static String describe(InfluxTransport.Response r) {
        return r.status() == ResponseClassifier.NO_RESPONSE
                ? "no response: " + clip(r.body())
                : "HTTP " + r.status();
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    @Override
    public void close() throws Exception {
        transport.close();
    }
}
