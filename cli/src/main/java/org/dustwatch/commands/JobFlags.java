package org.dustwatch.commands;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.util.ParameterTool;
import org.dustwatch.cli.UsageException;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.InfluxOptions;
import org.dustwatch.jobs.config.KafkaOptions;
import org.dustwatch.stack.Endpoints;
import picocli.CommandLine.Option;

/**
 * The job's settings and endpoints as {@code run} and {@code recompute} take them (a picocli
 * mixin): a settings file, the Kafka and InfluxDB endpoints (the local stack's unless given), and
 * the plate key (the local one unless configured). Each command adds its own flags and passes every
 * other {@code --KEY VALUE} through.
 */
final class JobFlags {

    @Option(
            names = "--config",
            paramLabel = "FILE",
            description = "settings file ('key: value' per line); see docs/configuration.md")
    Path config;

    @Option(
            names = "--kafka.bootstrap",
            paramLabel = "H:P",
            description = "Kafka brokers (default: the local stack's, else the setting)")
    String kafkaBootstrap;

    @Option(
            names = "--influx.url",
            paramLabel = "URL",
            description = "InfluxDB (default: the local stack's, else the setting)")
    String influxUrl;

    @Option(
            names = "--plates.key-file",
            paramLabel = "FILE",
            description = "the key plates are hashed under (default: $DUSTWATCH_HOME/plate.key)")
    Path plateKeyFile;

    @Option(
            names = "--plates.key-env",
            paramLabel = "VAR",
            description = "the variable that holds the key instead")
    String plateKeyEnv;

    Endpoints.Endpoint kafka(Endpoints endpoints) {
        return endpoints.kafka(kafkaBootstrap, "--kafka.bootstrap");
    }

    Endpoints.Endpoint influx(Endpoints endpoints) {
        return endpoints.influx(influxUrl, "--influx.url");
    }

    /** Whether a plate key is given (a flag, the settings file, DUSTWATCH_PLATE_KEY). */
    boolean plateKeyConfigured(Map<String, String> env) {
        return LocalPlateKey.configured(
                plateKeyFile != null || plateKeyEnv != null, config != null, env);
    }

    /**
     * Adds to {@code args} what the job gets of these flags, then {@code settings} unchanged: the
     * endpoints given or the stack's (without either, the job's settings decide), and the plate key
     * given or the local one under {@code home}.
     */
    void addTo(
            List<String> args,
            Path home,
            Map<String, String> env,
            Endpoints.Endpoint kafka,
            Endpoints.Endpoint influx,
            List<String> settings) {
        add(args, "--config", config);
        add(args, "--kafka.bootstrap", kafka.source() == Endpoints.Source.DEFAULT ? null : kafka);
        add(args, "--influx.url", influx.source() == Endpoints.Source.DEFAULT ? null : influx);
        add(
                args,
                "--plates.key-file",
                plateKeyConfigured(env) ? plateKeyFile : home.resolve("plate.key"));
        add(args, "--plates.key-env", plateKeyEnv);
        args.addAll(settings);
    }

    /** The job's settings as it will load them: a bad one is a usage error before any work. */
    static DustwatchConfig load(List<String> args, Map<String, String> env) {
        try {
            return DustwatchConfig.load(
                    ParameterTool.fromArgs(args.toArray(String[]::new)).toMap(), env);
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        } catch (IOException e) {
            throw new UsageException("cannot read " + e.getMessage());
        }
    }

    /** That the Kafka and InfluxDB the job will connect to answer, each in one line if not. */
    static void requireEndpoints(
            Endpoints.Endpoint kafka, Endpoints.Endpoint influx, DustwatchConfig job) {
        Endpoints.requireKafka(
                effective(kafka, job.get(KafkaOptions.KAFKA_BOOTSTRAP), Endpoints.DEFAULT_KAFKA),
                job.kafkaProperties());
        Endpoints.requireInflux(
                effective(influx, job.get(InfluxOptions.INFLUX_URL), Endpoints.DEFAULT_INFLUX));
    }

    /**
     * Where the job will connect: the endpoint passed to it, or, without one, the job's setting,
     * from --config, a DUSTWATCH_ variable or the job's default.
     */
    static Endpoints.Endpoint effective(
            Endpoints.Endpoint resolved, String setting, String localDefault) {
        if (resolved.source() != Endpoints.Source.DEFAULT || setting.equals(localDefault)) {
            return new Endpoints.Endpoint(setting, resolved.source(), resolved.origin());
        }
        return new Endpoints.Endpoint(
                setting, Endpoints.Source.GIVEN, "the job's settings: --config or DUSTWATCH_*");
    }

    static void add(List<String> args, String flag, Object value) {
        if (value instanceof Endpoints.Endpoint e) {
            value = e.address();
        }
        if (value != null) {
            args.add(flag);
            args.add(value.toString());
        }
    }
}
