package org.dustwatch.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real standalone Flink session cluster on 127.0.0.1: one JobManager process and N TaskManager
 * processes, each a separate JVM started from the class path that the {@code flink-dist} module
 * assembles from Maven Central, with JVM sizes computed by Flink's own {@code BashJavaUtils}, as
 * Flink's {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} do. Jobs are submitted with
 * Flink's own CLI, {@code CliFrontend}, exactly like {@code flink run}.
 */
public final class FlinkCluster implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(FlinkCluster.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String JOBMANAGER_MAIN =
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";
    private static final String TASKMANAGER_MAIN =
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

    /**
     * @param libDir Flink's class path (flink-dist/target/lib)
     * @param workDir configuration, logs and state of this cluster
     * @param taskManagers how many TaskManager processes
     * @param slotsPerTaskManager task slots in each
     */
    public record Config(Path libDir, Path workDir, int taskManagers, int slotsPerTaskManager) {}

    private final Config config;
    private final Path confDir;
    private final int restPort;
    private final ServiceProcess jobManager;
    private final List<ServiceProcess> taskManagers = new ArrayList<>();
    private final HttpClient http = HttpClient.newHttpClient();

    private FlinkCluster(Config config, Path confDir, int restPort, ServiceProcess jobManager) {
        this.config = config;
        this.confDir = confDir;
        this.restPort = restPort;
        this.jobManager = jobManager;
    }

    /** Starts the JobManager and the TaskManagers and waits until every slot is registered. */
    public static FlinkCluster start(Config config) {
        requireLib(config.libDir());
        int rpcPort = Ports.free();
        int restPort = Ports.free();
        Path conf = config.workDir().resolve("conf");
        try {
            Files.createDirectories(conf);
            Files.writeString(
                    conf.resolve("config.yaml"),
                    String.join(
                            "\n",
                            "# Written by dustwatch's test harness.",
                            "jobmanager.rpc.address: 127.0.0.1",
                            "jobmanager.rpc.port: " + rpcPort,
                            "jobmanager.bind-host: 127.0.0.1",
                            "jobmanager.memory.process.size: 768m",
                            "taskmanager.host: 127.0.0.1",
                            "taskmanager.bind-host: 127.0.0.1",
                            "taskmanager.memory.process.size: 1280m",
                            "taskmanager.memory.managed.fraction: 0.1",
                            "taskmanager.numberOfTaskSlots: " + config.slotsPerTaskManager(),
                            "rest.address: 127.0.0.1",
                            "rest.bind-address: 127.0.0.1",
                            "rest.port: " + restPort,
                            "parallelism.default: 2",
                            // A killed TaskManager is noticed within seconds, not the default 50 s.
                            "heartbeat.interval: 1000",
                            // Spread tasks over all TaskManagers, so that losing one matters.
                            "taskmanager.load-balance.mode: SLOTS",
                            "heartbeat.timeout: 5000",
                            "io.tmp.dirs: " + config.workDir().resolve("tmp"),
                            "state.checkpoints.dir: file://"
                                    + config.workDir().resolve("checkpoints"),
                            "state.savepoints.dir: file://"
                                    + config.workDir().resolve("savepoints"),
                            ""));
            Files.createDirectories(config.workDir().resolve("tmp"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        ServiceProcess jm =
                launch(config, conf, "GET_JM_RESOURCE_PARAMS", JOBMANAGER_MAIN, "flink-jobmanager");
        FlinkCluster cluster = new FlinkCluster(config, conf, restPort, jm);
        try {
            for (int i = 0; i < config.taskManagers(); i++) {
                cluster.taskManagers.add(
                        launch(
                                config,
                                conf,
                                "GET_TM_RESOURCE_PARAMS",
                                TASKMANAGER_MAIN,
                                "flink-taskmanager-" + i));
            }
            cluster.awaitSlots(config.taskManagers() * config.slotsPerTaskManager());
        } catch (RuntimeException e) {
            cluster.close();
            throw e;
        }
        LOG.info(
                "Flink cluster up: REST at {}, {} TaskManagers (pids {})",
                cluster.restUrl(),
                config.taskManagers(),
                cluster.taskManagers.stream().map(ServiceProcess::pid).toList());
        return cluster;
    }

    public String restUrl() {
        return "http://127.0.0.1:" + restPort;
    }

    /** The address for {@code flink run -m}. */
    public String address() {
        return "127.0.0.1:" + restPort;
    }

    public List<ServiceProcess> taskManagers() {
        return List.copyOf(taskManagers);
    }

    /**
     * Runs {@code flink run [options] jar [args]} with Flink's own CLI in a separate JVM and
     * returns its exit code; its output goes to the logger {@code dustwatch.flink-cli}.
     */
    public int run(List<String> options, Path jar, List<String> args, Duration timeout) {
        List<String> cmd = new ArrayList<>(javaCommand(config.libDir(), List.of("-Xmx256m")));
        cmd.add("org.apache.flink.client.cli.CliFrontend");
        cmd.add("run");
        cmd.add("-m");
        cmd.add(address());
        cmd.addAll(options);
        cmd.add(jar.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(config.workDir().toFile());
        pb.environment().put("FLINK_CONF_DIR", confDir.toString());
        ServiceProcess cli = ServiceProcess.startToLog("flink-cli", pb);
        if (!cli.awaitExit(timeout)) {
            cli.kill();
            throw new StackException(
                    "flink run did not finish within " + timeout + ":\n" + cli.tail());
        }
        return cli.exitCode();
    }

    /** Completed checkpoints of a job, from the JobManager's REST API. */
    public int completedCheckpoints(String jobId) {
        return get("/jobs/" + jobId + "/checkpoints").path("counts").path("completed").asInt();
    }

    /** The failures a job has recovered from, from the JobManager's exception history. */
    public int recoveredFailures(String jobId) {
        return get("/jobs/" + jobId + "/exceptions")
                .path("exceptionHistory")
                .path("entries")
                .size();
    }

    /**
     * Stops a job with a savepoint, as {@code flink stop [--drain] -p dir JOB} does, and returns
     * the savepoint's path once it is complete. With {@code drain}, the sources end the input
     * first: every open window fires and the sinks flush before the job finishes.
     */
    public String stopWithSavepoint(String jobId, boolean drain, Path dir, Duration timeout) {
        String body =
                JSON.createObjectNode()
                        .put("drain", drain)
                        .put("targetDirectory", dir.toUri().toString())
                        .put("formatType", "CANONICAL")
                        .toString();
        String trigger = send("POST", "/jobs/" + jobId + "/stop", body).path("request-id").asText();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode r = get("/jobs/" + jobId + "/savepoints/" + trigger);
            if (r.path("status").path("id").asText().equals("COMPLETED")) {
                JsonNode op = r.path("operation");
                if (op.has("failure-cause")) {
                    throw new StackException(
                            "stop with savepoint failed: "
                                    + op.path("failure-cause").path("stack-trace").asText());
                }
                return op.path("location").asText();
            }
            sleep(250);
        }
        throw new StackException("stop with savepoint did not complete within " + timeout);
    }

    /** The TaskManager process that runs a subtask of the job's first vertex, its first source. */
    public ServiceProcess taskManagerRunningSource(String jobId) {
        String vertex = get("/jobs/" + jobId).path("vertices").path(0).path("id").asText();
        for (JsonNode tm :
                get("/jobs/" + jobId + "/vertices/" + vertex + "/taskmanagers")
                        .path("taskmanagers")) {
            String id = tm.path("taskmanager-id").asText();
            for (ServiceProcess p : taskManagers) {
                if (p.name().equals(id) && p.isAlive()) {
                    return p;
                }
            }
        }
        throw new StackException(
                "no running TaskManager process runs the first source of " + jobId);
    }

    /** Jobs as the JobManager's REST API lists them: id and state. */
    public JsonNode jobs() {
        return get("/jobs/overview").path("jobs");
    }

    @Override
    public void close() {
        for (ServiceProcess tm : taskManagers) {
            tm.stop(Duration.ofSeconds(20));
        }
        jobManager.stop(Duration.ofSeconds(20));
    }

    private void awaitSlots(int slots) {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (System.nanoTime() < deadline) {
            jobManager.requireAlive();
            taskManagers.forEach(ServiceProcess::requireAlive);
            try {
                JsonNode overview = get("/overview");
                if (overview.path("slots-total").asInt() >= slots) {
                    return;
                }
            } catch (StackException notYet) {
                // REST endpoint not up yet
            }
            sleep(250);
        }
        throw new StackException(
                "the Flink cluster did not register "
                        + slots
                        + " slots within 120 s:\n"
                        + jobManager.tail());
    }

    private JsonNode get(String path) {
        return send("GET", path, null);
    }

    private JsonNode send(String method, String path, String json) {
        try {
            HttpResponse<String> r =
                    http.send(
                            HttpRequest.newBuilder(URI.create(restUrl() + path))
                                    .timeout(Duration.ofSeconds(5))
                                    .header("Content-Type", "application/json")
                                    .method(
                                            method,
                                            json == null
                                                    ? HttpRequest.BodyPublishers.noBody()
                                                    : HttpRequest.BodyPublishers.ofString(json))
                                    .build(),
                            HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() / 100 != 2) {
                throw new StackException(
                        "Flink REST "
                                + method
                                + " "
                                + path
                                + " answered "
                                + r.statusCode()
                                + ": "
                                + r.body());
            }
            return JSON.readTree(r.body());
        } catch (IOException e) {
            throw new StackException("Flink REST " + path + " unreachable: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    /** Sizes the JVM with Flink's BashJavaUtils, then starts {@code main} as its own process. */
    private static ServiceProcess launch(
            Config config, Path conf, String resourceCommand, String main, String name) {
        List<String> sizing = bashJavaUtils(config.libDir(), conf, resourceCommand);
        List<String> jvm = new ArrayList<>(Arrays.asList(sizing.get(0).split(" ")));
        List<String> cmd = new ArrayList<>(javaCommand(config.libDir(), jvm));
        cmd.add(main);
        cmd.add("--configDir");
        cmd.add(conf.toString());
        if (sizing.size() > 1) {
            cmd.addAll(Arrays.asList(sizing.get(1).trim().split(" ")));
        }
        if (main.equals(TASKMANAGER_MAIN)) {
            // The REST API names TaskManagers by this id: see taskManagerRunningSource.
            cmd.add("-D");
            cmd.add("taskmanager.resource-id=" + name);
        }
        return ServiceProcess.startToLog(
                name, new ProcessBuilder(cmd).directory(config.workDir().toFile()));
    }

    private static List<String> bashJavaUtils(Path lib, Path conf, String command) {
        List<String> cmd = new ArrayList<>(javaCommand(lib, List.of("-Xmx128m")));
        cmd.addAll(
                List.of(
                        "org.apache.flink.runtime.util.bash.BashJavaUtils",
                        command,
                        "--configDir",
                        conf.toString()));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            p.getOutputStream().close();
            String out = new String(p.getInputStream().readAllBytes());
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new StackException("Flink's BashJavaUtils " + command + " failed:\n" + out);
            }
            List<String> results = new ArrayList<>();
            for (String line : out.split("\n")) {
                if (line.startsWith("BASH_JAVA_UTILS_EXEC_RESULT:")) {
                    results.add(line.substring("BASH_JAVA_UTILS_EXEC_RESULT:".length()).trim());
                }
            }
            if (results.isEmpty()) {
                throw new StackException(
                        "Flink's BashJavaUtils " + command + " printed no result:\n" + out);
            }
            return results;
        } catch (IOException e) {
            throw new StackException("cannot run BashJavaUtils: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }

    private static List<String> javaCommand(Path lib, List<String> jvmOptions) {
        List<String> cmd = new ArrayList<>();
        cmd.add(ServiceProcess.javaBinary());
        cmd.addAll(jvmOptions);
        cmd.add("-XX:+UseSerialGC");
        cmd.add(
                "-Dlog4j2.configurationFile="
                        + lib.resolveSibling("config").resolve("log4j2.properties"));
        // Flink needs these opens on Java 17, as its own scripts add them.
        cmd.addAll(
                List.of(
                        "--add-opens=java.base/java.lang=ALL-UNNAMED",
                        "--add-opens=java.base/java.util=ALL-UNNAMED",
                        "--add-opens=java.base/java.net=ALL-UNNAMED",
                        "--add-opens=java.base/java.io=ALL-UNNAMED",
                        "--add-opens=java.base/java.nio=ALL-UNNAMED",
                        "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
                        "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
                        "--add-opens=java.base/java.text=ALL-UNNAMED",
                        "--add-opens=java.base/java.time=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
                        "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED"));
        cmd.add("-cp");
        cmd.add(lib.resolve("*").toString());
        return cmd;
    }

    private static void requireLib(Path lib) {
        boolean hasRuntime;
        try (var jars = Files.list(lib)) {
            hasRuntime =
                    jars.anyMatch(j -> j.getFileName().toString().startsWith("flink-runtime-"));
        } catch (IOException e) {
            hasRuntime = false;
        }
        if (!hasRuntime) {
            throw new StackException(
                    "no Flink class path at "
                            + lib
                            + ": build it with `mvn -pl flink-dist package`");
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StackException("interrupted", e);
        }
    }
}
