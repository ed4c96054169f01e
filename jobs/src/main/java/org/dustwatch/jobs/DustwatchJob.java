package org.dustwatch.jobs;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.util.ParameterTool;
import org.dustwatch.jobs.config.DustwatchConfig;
import org.dustwatch.jobs.config.DustwatchOptions;
import org.dustwatch.jobs.io.KafkaPreflight;
import org.dustwatch.jobs.io.KafkaSources;
import org.dustwatch.jobs.io.ProductionSinks;
import org.dustwatch.jobs.settings.Settings;

/**
 * The dustwatch analytics job: inspections and air-quality readings from Kafka, validated and
 * enriched in the source, de-duplicated, aggregated in event-time windows of one minute, one hour
 * and one local day per checkpoint, road, township and station, and written to InfluxDB. Bad and
 * too-late records go to the dead-letter topic. docs/architecture.md explains the topology.
 *
 * <p>This is its {@code main}, what {@code flink run} and {@code bin/dustwatch run} call: it reads
 * the settings, checks the topics, and builds {@link Topology} between the Kafka sources and the
 * production sinks. Tests build the same topology between sources and sinks of their own.
 */
public final class DustwatchJob {
    private DustwatchJob() {}

    public static void main(String[] args) throws Exception {
        ParameterTool p = ParameterTool.fromArgs(args);
        if (p.has("help")) {
            System.out.print(Usage.text());
            return;
        }
        boolean bounded = p.has("bounded");
        // What a user can get wrong (a setting, a missing topic, an unreadable reference file)
        // is one line and exit 2; an error building the topology is a bug, with its stack trace.
        StreamExecutionEnvironment env;
        Sources sources;
        Sinks sinks;
        Settings settings;
        try {
            DustwatchConfig config = DustwatchConfig.load(p.toMap(), System.getenv());
            KafkaPreflight.checkTopics(config);
            env = JobEnvironment.create(config);
            sources = KafkaSources.of(config, bounded);
            sinks = ProductionSinks.of(config);
            settings = Settings.from(config);
        } catch (IllegalArgumentException | IllegalStateException | java.io.IOException e) {
            System.err.println("dustwatch: " + e.getMessage());
            System.exit(2);
            return;
        }
        Topology.build(env, sources, sinks, settings);
        env.execute(bounded ? "dustwatch (bounded)" : "dustwatch");
    }

    /** The --help text, generated from {@link DustwatchOptions}. */
    static final class Usage {
        static String text() {
            StringBuilder b =
                    new StringBuilder(
                            """
                            usage: DustwatchJob [--bounded] [--config FILE] [--KEY VALUE ...]

                              --bounded      read up to the offsets that are latest at start, fire
                                             every window, and exit (backfill and checks)
                              --config FILE  settings file, one 'key: value' per line

                            Settings (file < environment DUSTWATCH_KEY < --key flag):
                            """);
            for (var o : DustwatchOptions.all()) {
                b.append(
                        String.format(
                                "  %-28s %s%n",
                                o.key(), o.hasDefaultValue() ? o.defaultValue() : "(unset)"));
            }
            b.append("  kafka.properties.*           passed to the Kafka clients\n");
            b.append("See docs/configuration.md for what each one means.\n");
            return b.toString();
        }
    }
}
