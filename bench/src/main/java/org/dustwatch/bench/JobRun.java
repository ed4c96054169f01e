package org.dustwatch.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.api.common.JobID;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.dustwatch.jobs.JobEnvironment;
import org.dustwatch.jobs.Topology;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.settings.Settings;
import org.dustwatch.stack.Ports;

/**
 * The full dustwatch job, bounded, on an in-process MiniCluster: the same topology and sinks as
 * production, Kafka to InfluxDB. Measures wall time, CPU, heap (sampled) and GC, and reads the
 * checkpoint statistics from the cluster's REST API.
 */
final class JobRun {

    record Result(
            double seconds,
            double cpuSeconds,
            long peakHeapBytes,
            long maxHeapBytes,
            double gcSeconds,
            long checkpoints,
            long checkpointAvgMs,
            long checkpointMaxMs,
            long checkpointStateMaxBytes,
            double steadyEventsPerS,
            double steadyCpuSeconds,
            long steadyEvents) {}

    private JobRun() {}

    /**
     * Runs the job to its end; {@code progress} ticks with the records its Kafka sources have
     * passed on (Flink's vertex metrics, a few seconds behind).
     */
    static Result run(
            Map<String, String> settings,
            int parallelism,
            boolean bounded,
            long events,
            Progress progress)
            throws Exception {
        return measure(job(settings, parallelism, bounded), "dustwatch-bench", events, progress);
    }

    /**
     * Runs a job built on {@link #environment} to its end and measures it; the SQL peer's runs take
     * this path too, so both are measured alike.
     */
    static Result measure(
            StreamExecutionEnvironment env, String name, long events, Progress progress)
            throws Exception {
        var os =
                (com.sun.management.OperatingSystemMXBean)
                        ManagementFactory.getOperatingSystemMXBean();
        System.gc();
        long cpu0 = os.getProcessCpuTime();
        double gc0 = gcSeconds();
        HeapSampler heap = new HeapSampler();
        heap.start();
        long t0 = System.nanoTime();
        JobClient job = env.executeAsync(name);
        // the local cluster goes away with the job: read its checkpoint statistics while it runs
        long[] cp = {-1, -1, -1, -1};
        // the steady span: from a quarter of the input read to nine tenths, past the start-up
        // and the first compilations; {nanos, records, process CPU nanos} at each end
        long[] from = null;
        long[] to = null;
        var done = job.getJobExecutionResult();
        while (!done.isDone()) {
            long[] now = checkpoints(job.getJobID());
            if (now[0] >= 0) {
                cp = now;
            }
            long read = sourcesOut(job.getJobID());
            if (read >= 0) {
                progress.tick(read);
                long[] sample = {System.nanoTime(), read, os.getProcessCpuTime()};
                if (from == null && read >= events / 4) {
                    from = sample;
                } else if (from != null && to == null && read >= events * 9 / 10) {
                    to = sample;
                }
            }
            try {
                done.get(1, TimeUnit.SECONDS);
            } catch (java.util.concurrent.TimeoutException stillRunning) {
                // poll again
            }
        }
        done.get();
        double seconds = (System.nanoTime() - t0) / 1e9;
        progress.done("job finished");
        heap.finish();
        double cpu = (os.getProcessCpuTime() - cpu0) / 1e9;
        boolean steady = from != null && to != null && to[0] > from[0];
        return new Result(
                seconds,
                cpu,
                heap.peak,
                Runtime.getRuntime().maxMemory(),
                gcSeconds() - gc0,
                cp[0],
                cp[1],
                cp[2],
                cp[3],
                steady ? (to[1] - from[1]) / ((to[0] - from[0]) / 1e9) : Double.NaN,
                steady ? (to[2] - from[2]) / 1e9 : Double.NaN,
                steady ? to[1] - from[1] : 0);
    }

    /** An unbounded run for the freshness measurement; the caller cancels it. */
    static JobClient start(Map<String, String> settings, int parallelism) throws Exception {
        return job(settings, parallelism, false).executeAsync("dustwatch-freshness");
    }

    /**
     * The job exactly as {@code DustwatchJob.main} builds it, on a local cluster with a REST port.
     */
    private static StreamExecutionEnvironment job(
            Map<String, String> settings, int parallelism, boolean bounded) throws Exception {
        DustwatchConfig c = DustwatchConfig.load(settings, Map.of());
        StreamExecutionEnvironment env = environment(c, parallelism);
        Topology.build(env, KafkaSources.of(c, bounded), ProductionSinks.of(c), Settings.from(c));
        return env;
    }

    /**
     * The job's environment from its settings (checkpointing, state backend, object reuse), on a
     * local cluster with a REST port, network buffers for a topology of about 20 tasks and fresh
     * vertex metrics for the progress line.
     */
    static StreamExecutionEnvironment environment(DustwatchConfig c, int parallelism) {
        restPort = Ports.free();
        Configuration flink = new Configuration();
        flink.set(RestOptions.PORT, restPort);
        flink.set(RestOptions.BIND_PORT, Integer.toString(restPort));
        flink.set(RestOptions.ADDRESS, "127.0.0.1");
        flink.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
        // the MiniCluster's default 64 MB of network buffers is too little for this topology
        flink.set(
                org.apache.flink.configuration.TaskManagerOptions.NETWORK_MEMORY_MIN,
                org.apache.flink.configuration.MemorySize.parse("192m"));
        flink.set(
                org.apache.flink.configuration.TaskManagerOptions.NETWORK_MEMORY_MAX,
                org.apache.flink.configuration.MemorySize.parse("192m"));
        // the progress line reads the sources' record counts; Flink refreshes them every 10 s
        flink.set(
                org.apache.flink.configuration.MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL,
                java.time.Duration.ofSeconds(2));
        StreamExecutionEnvironment env = JobEnvironment.create(c, flink);
        env.setParallelism(parallelism);
        return env;
    }

    private static int restPort;

    /**
     * {completed checkpoints, average and maximum end-to-end duration in ms, the largest state size
     * in bytes}.
     */
    private static long[] checkpoints(JobID id) {
        JsonNode j = rest("/jobs/" + id + "/checkpoints");
        if (j == null) {
            return new long[] {-1, -1, -1, -1};
        }
        JsonNode e2e = j.path("summary").path("end_to_end_duration");
        return new long[] {
            j.path("counts").path("completed").asLong(),
            e2e.path("avg").asLong(),
            e2e.path("max").asLong(),
            j.path("summary").path("state_size").path("max").asLong(-1)
        };
    }

    /** Records the Kafka source tasks have sent on, valid and dead letters, or -1. */
    private static long sourcesOut(JobID id) {
        JsonNode j = rest("/jobs/" + id);
        if (j == null) {
            return -1;
        }
        long out = 0;
        for (JsonNode v : j.path("vertices")) {
            if (v.path("name").asText().startsWith("Source: ")) {
                out += v.path("metrics").path("write-records").asLong();
            }
        }
        return out;
    }

    /** A GET on the local cluster's REST API; null while it does not answer. */
    private static JsonNode rest(String path) {
        try {
            HttpResponse<String> r =
                    HTTP.send(
                            HttpRequest.newBuilder(
                                            URI.create("http://127.0.0.1:" + restPort + path))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200 ? JSON.readTree(r.body()) : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    static double gcSeconds() {
        long ms = 0;
        for (GarbageCollectorMXBean g : ManagementFactory.getGarbageCollectorMXBeans()) {
            ms += Math.max(0, g.getCollectionTime());
        }
        return ms / 1000.0;
    }

    /** Samples the heap in use every 100 ms. */
    static final class HeapSampler extends Thread {
        volatile boolean running = true;
        volatile long peak;

        HeapSampler() {
            super("heap-sampler");
            setDaemon(true);
        }

        @Override
        public void run() {
            var mem = ManagementFactory.getMemoryMXBean();
            while (running) {
                peak = Math.max(peak, mem.getHeapMemoryUsage().getUsed());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        void finish() {
            running = false;
        }
    }
}
