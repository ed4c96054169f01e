package org.dustwatch.connectors.influxdb;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.annotation.Internal;
import org.apache.flink.api.common.operators.MailboxExecutor;
import org.apache.flink.api.common.operators.ProcessingTimeService;
import org.apache.flink.api.connector.sink2.SinkWriter;
import org.apache.flink.api.connector.sink2.WriterInitContext;
import org.apache.flink.connector.base.sink.writer.AsyncSinkWriter;
import org.apache.flink.connector.base.sink.writer.BufferedRequestState;
import org.apache.flink.connector.base.sink.writer.ElementConverter;
import org.apache.flink.connector.base.sink.writer.RequestEntryWrapper;
import org.apache.flink.connector.base.sink.writer.ResultHandler;
import org.apache.flink.connector.base.sink.writer.config.AsyncSinkWriterConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buffers line protocol and sends it in batches, on Flink's {@link AsyncSinkWriter}: a batch goes
 * when {@code batchSize} lines are buffered or when the flush interval has passed, and at the end
 * of input {@link #flush flush(true)} sends everything. The task thread never waits for InfluxDB
 * except where waiting is the point: at a checkpoint (for the one request in flight), at the end of
 * input (for everything), and when {@code maxBufferedPoints} lines are buffered (back-pressure).
 *
 * <h2>Threads</h2>
 *
 * Each writer has one I/O thread of its own (a single-thread scheduled executor). {@code
 * submitRequestEntries} hands it the batch; it sends the request (bounded by the request timeout),
 * classifies the answer ({@link ResponseClassifier}) and completes the request through the {@link
 * ResultHandler}, whose actions run in the task's mailbox. A retry is completed ({@code
 * retryForEntries}) by the same thread after the backoff delay, so nothing sleeps in the task
 * thread: while InfluxDB fails, the mailbox keeps running timers and checkpoints.
 *
 * <h2>Checkpoints</h2>
 *
 * At a checkpoint, {@link #flush flush(false)} starts no new request and waits for the one in
 * flight: at most one attempt ({@code requestTimeout}) plus at most one backoff delay ({@code
 * backoff.max}, a {@code Retry-After} included; {@link InfluxDbSinkConfig#attemptBound}). The lines
 * not yet acknowledged, retried ones included, go into the checkpoint ({@link LineStateSerializer})
 * and are sent first after a restore. So a checkpoint completes while InfluxDB answers 503, as long
 * as the buffer has room: once {@code maxBufferedPoints} lines wait, {@code write} waits too, and a
 * barrier queued behind the input waits with it, until InfluxDB takes writes again or {@code
 * maxRetryDuration} fails the job.
 *
 * <h2>The ordering invariant</h2>
 *
 * InfluxDB keeps the last value written for a series, field and timestamp, so a corrected result is
 * only right if it is stored after the value it corrects. That holds when:
 *
 * <ol>
 *   <li>every result of one series reaches one writer subtask, in the order it was produced: the
 *       sink is connected by a forward edge to the operator that produces the series, at the same
 *       parallelism (no rebalance, no keyBy in between);
 *   <li>one writer has at most one request in flight ({@link OneRequestInFlight}), so a later batch
 *       never races an earlier one;
 *   <li>a failed batch goes back to the front of the buffer, ahead of every newer line, and is
 *       retried before anything else; a late correction is never overtaken by its stale original.
 *       After a failure with no answer (a timeout, a connection reset), InfluxDB may still apply
 *       the request it did not answer, late: so the retry carries exactly the retried lines and
 *       nothing newer (a correction of one of them would otherwise travel with it, and the late
 *       original could land after it); normal batching resumes with the request after it;
 *   <li>lines restored from a checkpoint are sent before any new line of the same writer.
 * </ol>
 *
 * A request that timed out and is applied after its own retry is harmless: it carries the same
 * lines. What HTTP cannot exclude is one applied later still, after the request that follows its
 * retry (which may carry a correction): the server would have to hold it for longer than the
 * backoff, the whole retry and the next send.
 *
 * <p>A rescale breaks (1) for restored lines only: Flink redistributes the writers' states, so a
 * subtask may restore lines whose series another subtask now produces. They are still sent first by
 * their new writer, but nothing orders them against the other subtask's new lines. That is harmless
 * unless, after the restore, the same series and timestamp get a newer value that is stored before
 * the restored line is: a late firing of a window whose earlier result was still buffered when the
 * savepoint was taken. Rescale from a savepoint taken while InfluxDB keeps up (the buffers then
 * hold under one flush interval of points), and this cannot outrun a restored line that is sent
 * first thing; see docs/reliability.md.
 *
 * <h2>Failures</h2>
 *
 * Retryable answers back off and retry, for at most {@code maxRetryDuration} from the first attempt
 * of the batch at the head; then the writer fails the job with a message naming the endpoint, the
 * attempts and the last answer, so that the job restarts from its last checkpoint. Fatal answers
 * fail the job at once. Points refused as invalid (400, 422) are counted, logged with InfluxDB's
 * message, and dropped.
 */
@Internal
final class InfluxDbWriter<T> extends AsyncSinkWriter<T, String> {

    private static final Logger LOG = LoggerFactory.getLogger(InfluxDbWriter.class);
    private static final Pattern DROPPED = Pattern.compile("dropped=(\\d+)");
    private static final String UNPARSEABLE = "unable to parse";

    /** The largest request body, and the largest line, in characters of line protocol. */
    static final long MAX_REQUEST_CHARS = 16L << 20;

    /** Stands in for an element when the flush interval passes: adds nothing (see LineBuffer). */
    private static final Object FLUSH_TICK = new Object();

    /** AsyncSinkWriter's own time-based flush is off: it would wait in the task thread. */
    private static final long NEVER_MS = TimeUnit.DAYS.toMillis(365L * 100);

    /**
     * Beyond its attempt bound a request is stuck, not slow: AsyncSinkWriter then fails the job (a
     * watchdog; the transports' own timeouts should always come first).
     */
    static final Duration WATCHDOG_SLACK = Duration.ofSeconds(60);

    private final InfluxDbSinkConfig config;
    private final InfluxTransport transport;
    private final ScheduledExecutorService io;
    private final boolean ownsIo;
    private final Clock clock;
    private final DoubleSupplier random;
    private final SinkMetrics metrics;
    private final MailboxExecutor mailbox;
    private final ProcessingTimeService timers;
    private final LineBuffer buffer;
    private final OneRequestInFlight strategy;
    private final LineBatchCreator batches;

    /** Self-report: after each batch of data, a point of {@code sink} (see {@link #reportAs}). */
    private volatile String reportSink;

    private volatile String reportSubtask;
    private volatile String reportPrefix;

    // Touched by the I/O thread only: the batch at the head of the buffer.
    private long batchStarted = -1;
    private int failures;

    private volatile boolean closed;

    /** A writer with its own I/O thread, the system clock and random jitter. */
    InfluxDbWriter(
            InfluxDbSinkConfig config,
            PointConverter<T> converter,
            InfluxTransport transport,
            WriterInitContext context,
            Collection<BufferedRequestState<String>> restored) {
        this(
                config,
                converter,
                transport,
                context,
                restored,
                ioThread(context.getTaskInfo().getIndexOfThisSubtask()),
                true,
                Clock.systemUTC(),
                () -> ThreadLocalRandom.current().nextDouble(),
                SinkMetrics.register(context.metricGroup()));
    }

    /** For tests: the I/O executor (which the writer does not shut down), clock and random. */
    InfluxDbWriter(
            InfluxDbSinkConfig config,
            PointConverter<T> converter,
            InfluxTransport transport,
            WriterInitContext context,
            Collection<BufferedRequestState<String>> restored,
            ScheduledExecutorService io,
            Clock clock,
            DoubleSupplier random,
            SinkMetrics metrics) {
        this(config, converter, transport, context, restored, io, false, clock, random, metrics);
    }

    private InfluxDbWriter(
            InfluxDbSinkConfig config,
            PointConverter<T> converter,
            InfluxTransport transport,
            WriterInitContext context,
            Collection<BufferedRequestState<String>> restored,
            ScheduledExecutorService io,
            boolean ownsIo,
            Clock clock,
            DoubleSupplier random,
            SinkMetrics metrics) {
        this(
                config,
                converter,
                transport,
                context,
                restored,
                io,
                ownsIo,
                clock,
                random,
                metrics,
                new LineBuffer(),
                new OneRequestInFlight(config.batchSize()),
                new LineBatchCreator(MAX_REQUEST_CHARS));
    }

    private InfluxDbWriter(
            InfluxDbSinkConfig config,
            PointConverter<T> converter,
            InfluxTransport transport,
            WriterInitContext context,
            Collection<BufferedRequestState<String>> restored,
            ScheduledExecutorService io,
            boolean ownsIo,
            Clock clock,
            DoubleSupplier random,
            SinkMetrics metrics,
            LineBuffer buffer,
            OneRequestInFlight strategy,
            LineBatchCreator batches) {
        super(
                new LineConverter<>(converter),
                context,
                configuration(config, strategy),
                restored, // added in order, before any new line
                batches,
                buffer);
        this.config = config;
        this.transport = transport;
        this.io = io;
        this.ownsIo = ownsIo;
        this.clock = clock;
        this.random = random;
        this.metrics = metrics;
        this.mailbox = context.getMailboxExecutor();
        this.timers = context.getProcessingTimeService();
        this.buffer = buffer;
        this.strategy = strategy;
        this.batches = batches;
        if (!buffer.isEmpty()) {
            LOG.info(
                    "InfluxDB writer restored {} unacknowledged lines; they are sent first",
                    buffer.size());
        }
        scheduleTick();
    }

    static AsyncSinkWriterConfiguration configuration(
            InfluxDbSinkConfig c, OneRequestInFlight strategy) {
        return AsyncSinkWriterConfiguration.builder()
                .setMaxBatchSize(c.batchSize())
                .setMaxBatchSizeInBytes(MAX_REQUEST_CHARS)
                .setMaxInFlightRequests(1)
                // The writer applies maxBufferedPoints itself (see write): AsyncSinkWriter's limit
                // would also make it start requests in the middle of a checkpoint.
                .setMaxBufferedRequests(Integer.MAX_VALUE)
                .setMaxTimeInBufferMS(NEVER_MS)
                .setMaxRecordSizeInBytes(MAX_REQUEST_CHARS)
                .setRequestTimeoutMS(c.attemptBound().plus(WATCHDOG_SLACK).toMillis())
                .setFailOnTimeout(true)
                .setRateLimitingStrategy(strategy)
                .build();
    }

    private static ScheduledExecutorService ioThread(int subtask) {
        return Executors.newSingleThreadScheduledExecutor(
                r -> {
                    Thread t = new Thread(r, "influxdb-writer-" + subtask);
                    t.setDaemon(true);
                    return t;
                });
    }

    /**
     * Makes the writer report on itself: after every batch that carried data, it adds a point of
     * the {@code sink} measurement to its buffer, tagged {@code sink} and {@code subtask}, with the
     * batch's {@code written}, {@code rejected} and {@code retries} counts and {@code latency_ms}.
     * Batches that carry only such reports are not reported.
     */
    InfluxDbWriter<T> reportAs(String sinkName, int subtask) {
        this.reportSubtask = Integer.toString(subtask);
        String probe =
                LineProtocol.toLine(
                        Point.measurement("sink")
                                .tag("sink", sinkName)
                                .tag("subtask", reportSubtask)
                                .field("written", 0L));
        this.reportPrefix = probe.substring(0, probe.indexOf(' ') + 1);
        this.reportSink = sinkName;
        return this;
    }

    @Override
    public void write(T element, Context context) throws IOException, InterruptedException {
        // Back-pressure: wait (running mails) while the buffer is full and a request is out. With
        // nothing in flight, the write below starts one.
        while (buffer.size() >= config.maxBufferedPoints() && strategy.inFlight() > 0) {
            mailbox.yield();
        }
        super.write(element, context);
    }

    /**
     * At a checkpoint ({@code false}), waits for the request in flight and starts no other, so the
     * barrier waits at most {@link InfluxDbSinkConfig#attemptBound}; what is not acknowledged goes
     * into the checkpoint. At the end of input ({@code true}), sends everything and returns once
     * every line is acknowledged.
     */
    @Override
    public void flush(boolean endOfInput) throws InterruptedException {
        if (endOfInput) {
            super.flush(true);
            return;
        }
        strategy.hold(true);
        try {
            super.flush(false);
        } finally {
            strategy.hold(false);
        }
    }

    private void scheduleTick() {
        timers.registerTimer(
                timers.getCurrentProcessingTime() + config.flushInterval().toMillis(),
                time -> {
                    tick();
                    scheduleTick();
                });
    }

    /** The flush interval passed: send what is buffered, without waiting for a whole batch. */
    @SuppressWarnings("unchecked")
    private void tick() throws IOException, InterruptedException {
        if (closed || buffer.isEmpty()) {
            return;
        }
        buffer.flushDue();
        // The only way into AsyncSinkWriter's non-blocking flush is a write; the tick adds nothing.
        super.write((T) FLUSH_TICK, null);
    }

    @Override
    protected long getSizeInBytes(String line) {
        return line == null ? 0 : line.length();
    }

    @Override
    protected void submitRequestEntries(List<String> lines, ResultHandler<String> handler) {
        io.execute(() -> attempt(lines, handler));
    }

    /** One attempt, in the I/O thread. */
    private void attempt(List<String> lines, ResultHandler<String> handler) {
        if (closed) {
            return;
        }
        try {
            if (batchStarted < 0) {
                batchStarted = clock.millis();
            }
            byte[] body = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
            InfluxTransport.Response r = transport.send(body);
            if (closed) {
                return;
            }
            switch (ResponseClassifier.classify(r)) {
                case SUCCESS -> done(lines, 0, body.length, handler);
                case NON_RETRYABLE -> {
                    int rejected = rejectedPoints(r.body(), lines.size());
                    LOG.warn(
                            "InfluxDB at {} rejected {} of {} points (HTTP {}); they are counted in"
                                    + " numRecordsSendErrors and not retried: {}",
                            transport.endpoint(),
                            rejected,
                            lines.size(),
                            r.status(),
                            clip(r.body()));
                    done(lines, rejected, body.length, handler);
                }
                case FATAL -> handler.completeExceptionally(new IOException(fatal(r), r.error()));
                case RETRYABLE -> retryLater(lines, r, handler);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt(); // closing
        } catch (Throwable e) {
            // Errors included (an AssertionError in a transport, an OutOfMemoryError): the executor
            // would swallow them, the request would never complete, and the next checkpoint would
            // wait for the watchdog, whose TimeoutException hides the cause. Fatal, with the cause.
            handler.completeExceptionally(
                    new IOException("InfluxDB writer failed unexpectedly: " + e, e));
        }
    }

    private void retryLater(
            List<String> lines, InfluxTransport.Response r, ResultHandler<String> handler) {
        failures++;
        long elapsed = clock.millis() - batchStarted;
        if (elapsed >= config.maxRetryDuration().toMillis()) {
            handler.completeExceptionally(
                    new IOException(
                            "InfluxDB at "
                                    + transport.endpoint()
                                    + " still failing after "
                                    + failures
                                    + " attempts over "
                                    + elapsed / 1000
                                    + " s (last: "
                                    + describe(r)
                                    + "); failing so that the job restarts from its last"
                                    + " checkpoint and nothing is lost",
                            r.error()));
            return;
        }
        Duration delay = config.backoff().delay(failures, r.retryAfter(), random, clock);
        metrics.retries().inc();
        LOG.warn(
                "InfluxDB write of {} points failed ({}); retry {} in {} ms",
                lines.size(),
                describe(r),
                failures,
                delay.toMillis());
        boolean noAnswer = r.error() != null || r.status() == ResponseClassifier.NO_RESPONSE;
        io.schedule(
                () -> {
                    if (closed) {
                        return;
                    }
                    if (noAnswer) {
                        // InfluxDB may still apply the request it did not answer: the retry
                        // carries exactly its lines, nothing newer. Set in the task thread before
                        // the completion puts them back (same mailbox, FIFO); no batch can start
                        // in between, since this request is still in flight until then.
                        int n = lines.size();
                        mailbox.execute(
                                () -> batches.nextBatchAtMost(n),
                                "InfluxDB sink: retry after no answer");
                    }
                    handler.retryForEntries(lines);
                },
                delay.toMillis(),
                TimeUnit.MILLISECONDS);
    }

    private void done(List<String> lines, int rejected, int bytes, ResultHandler<String> handler) {
        long latency = clock.millis() - batchStarted;
        int count = lines.size();
        metrics.pointsWritten().inc(count - rejected);
        metrics.pointsRejected().inc(rejected);
        metrics.bytesSent().inc(bytes);
        metrics.batches().inc();
        metrics.lastBatchLatencyMs().set(latency);
        long retries = failures;
        batchStarted = -1;
        failures = 0;
        String prefix = reportPrefix;
        if (reportSink != null) {
            int reports = 0;
            for (String line : lines) {
                if (line.startsWith(prefix)) {
                    reports++;
                }
            }
            int data = count - reports;
            if (data > 0) {
                String report = report(Math.max(0, data - rejected), rejected, retries, latency);
                // Into the buffer from the task thread, before the completion (same mailbox, FIFO).
                mailbox.execute(
                        () -> buffer.add(new RequestEntryWrapper<>(report, report.length()), false),
                        "InfluxDB sink self-report");
            }
        }
        handler.complete();
    }

    private String report(long written, long rejected, long retries, long latencyMs) {
        return LineProtocol.toLine(
                Point.measurement("sink")
                        .tag("sink", reportSink)
                        .tag("subtask", reportSubtask)
                        .field("written", written)
                        .field("rejected", rejected)
                        .field("retries", retries)
                        .field("latency_ms", latencyMs)
                        .time(clock.millis()));
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

    private String fatal(InfluxTransport.Response r) {
        if (r.error() != null) {
            return "InfluxDB at "
                    + transport.endpoint()
                    + " cannot be written to, not retried: "
                    + ResponseClassifier.explain(r.error());
        }
        return "InfluxDB at "
                + transport.endpoint()
                + " refused the write: "
                + ResponseClassifier.explain(r.status())
                + " ("
                + clip(r.body())
                + ")";
    }

    private static String describe(InfluxTransport.Response r) {
        return r.error() != null || r.status() == ResponseClassifier.NO_RESPONSE
                ? "no response: " + clip(r.body())
                : "HTTP " + r.status();
    }

    private static String clip(String s) {
        if (s == null) {
            return "";
        }
        return s.length() > 2000 ? s.substring(0, 2000) + "…" : s;
    }

    /** Requests in flight (0 or 1); for tests. */
    int inFlight() {
        return strategy.inFlight();
    }

    /** Lines buffered, not yet sent or to be sent again; for tests. */
    int buffered() {
        return buffer.size();
    }

    @Override
    public void close() {
        closed = true;
        if (ownsIo) {
            io.shutdownNow();
        }
        try {
            transport.close();
        } catch (IOException e) {
            LOG.warn("closing the InfluxDB transport failed", e);
        }
        super.close();
    }

    /** Element to line; the flush tick becomes no line at all. */
    static final class LineConverter<T> implements ElementConverter<T, String> {
        private final PointConverter<T> points;

        LineConverter(PointConverter<T> points) {
            this.points = points;
        }

        @Override
        public String apply(T element, SinkWriter.Context context) {
            return element == FLUSH_TICK ? null : LineProtocol.toLine(points.toPoint(element));
        }
    }
}
