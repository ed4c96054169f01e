package org.dustwatch.jobs.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.Configuration;
import org.dustwatch.jobs.settings.Timing;

/**
 * Loads the jobs' settings, each later source overriding the earlier:
 *
 * <ol>
 *   <li>the defaults in {@link DustwatchOptions};
 *   <li>the file given with {@code --config FILE}: one {@code key: value} per line (flat YAML),
 *       {@code #} comments;
 *   <li>environment variables: {@code DUSTWATCH_} + the key in upper case with dots and dashes as
 *       underscores, e.g. {@code DUSTWATCH_KAFKA_BOOTSTRAP};
 *   <li>flags: {@code --kafka.bootstrap HOST:PORT}.
 * </ol>
 *
 * Unknown keys are errors, so a typo never falls back to a default silently. Keys under {@code
 * kafka.properties.} pass through to the Kafka clients.
 */
public final class DustwatchConfig {

    /** Flags that are not settings. */
    static final Set<String> COMMAND_FLAGS = Set.of("config", "bounded", "help");

    private final Configuration configuration;
    private final Properties kafkaProperties;

    /** Loaded once: the sources, the sinks and the AQI settings all need it. */
    private org.dustwatch.model.ReferenceData reference;

    private DustwatchConfig(Configuration configuration, Properties kafkaProperties) {
        this.configuration = configuration;
        this.kafkaProperties = kafkaProperties;
    }

    public Configuration configuration() {
        return configuration;
    }

    public <T> T get(ConfigOption<T> option) {
        return configuration.get(option);
    }

    /** The district's reference data: the configured files, or the bundled district. */
    public synchronized org.dustwatch.model.ReferenceData reference() throws IOException {
        if (reference == null) {
            String checkpoints = get(DustwatchOptions.REFERENCE_CHECKPOINTS);
            String stations = get(DustwatchOptions.REFERENCE_STATIONS);
            reference =
                    org.dustwatch.model.ReferenceData.loadOrBundled(
                            checkpoints == null ? null : Path.of(checkpoints),
                            stations == null ? null : Path.of(stations));
        }
        return reference;
    }

    /** Kafka client properties from {@code kafka.properties.*}, prefix removed. */
    public Properties kafkaProperties() {
        Properties p = new Properties();
        p.putAll(kafkaProperties);
        return p;
    }

    /**
     * @param flags parsed {@code --key value} flags
     * @param env the environment
     * @throws IllegalArgumentException naming the bad key or value, and its source
     */
    public static DustwatchConfig load(Map<String, String> flags, Map<String, String> env)
            throws IOException {
        Map<String, String> known =
                DustwatchOptions.all().stream()
                        .collect(Collectors.toMap(ConfigOption::key, ConfigOption::key));
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> sources = new LinkedHashMap<>();

        String file = flags.get("config");
        if (file != null) {
            List<String> lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).strip();
                if (line.isEmpty() || line.startsWith("#")) {
                    continue;
                }
                int colon = line.indexOf(':');
                if (colon <= 0 || line.substring(0, colon).strip().matches(".*\\s.*")) {
                    throw new IllegalArgumentException(
                            file + ":" + (i + 1) + ": expected 'key: value'");
                }
                String key = line.substring(0, colon).strip();
                String value = unquote(line.substring(colon + 1).strip());
                put(values, sources, known, key, value, file + ":" + (i + 1));
            }
        }
        for (String key : known.keySet()) {
            String v = env.get(envName(key));
            if (v != null) {
                put(values, sources, known, key, v, "environment variable " + envName(key));
            }
        }
        for (Map.Entry<String, String> f : flags.entrySet()) {
            if (!COMMAND_FLAGS.contains(f.getKey())) {
                put(values, sources, known, f.getKey(), f.getValue(), "flag --" + f.getKey());
            }
        }

        Properties kafka = new Properties();
        Map<String, String> flink = new LinkedHashMap<>();
        values.forEach(
                (k, v) -> {
                    if (k.startsWith(KafkaOptions.KAFKA_PROPERTIES_PREFIX)) {
                        kafka.put(k.substring(KafkaOptions.KAFKA_PROPERTIES_PREFIX.length()), v);
                    } else {
                        flink.put(k, v);
                    }
                });
        Configuration conf = Configuration.fromMap(flink);
        for (ConfigOption<?> o : DustwatchOptions.all()) {
            try {
                conf.get(o);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        "bad value '"
                                + values.get(o.key())
                                + "' for "
                                + o.key()
                                + " (from "
                                + sources.get(o.key())
                                + "): "
                                + e.getMessage(),
                        e);
            }
        }
        if (conf.get(DustwatchOptions.DEDUP_HORIZON)
                        .compareTo(conf.get(DustwatchOptions.ALLOWED_LATENESS).plusMinutes(1))
                < 0) {
            throw new IllegalArgumentException(
                    "pipeline.dedup-horizon must be at least pipeline.allowed-lateness + 1 min, so"
                            + " that a repeat arriving after its key was forgotten is late anyway");
        }
        try {
            Timing.zone(conf.get(DustwatchOptions.TIME_ZONE));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    e.getMessage()
                            + " (from "
                            + sources.get(DustwatchOptions.TIME_ZONE.key())
                            + ")",
                    e);
        }
        return new DustwatchConfig(conf, kafka);
    }

    /**
     * The environment variable for a key: {@code kafka.group-id} → {@code
     * DUSTWATCH_KAFKA_GROUP_ID}.
     */
    public static String envName(String key) {
        return "DUSTWATCH_" + key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
    }

    private static void put(
            Map<String, String> values,
            Map<String, String> sources,
            Map<String, String> known,
            String key,
            String value,
            String source) {
        if (!known.containsKey(key) && !key.startsWith(KafkaOptions.KAFKA_PROPERTIES_PREFIX)) {
            throw new IllegalArgumentException(
                    "unknown setting '" + key + "' (" + source + "); see docs/configuration.md");
        }
        values.put(key, value);
        sources.put(key, source);
    }

    private static String unquote(String v) {
        if (v.length() >= 2
                && ((v.startsWith("\"") && v.endsWith("\""))
                        || (v.startsWith("'") && v.endsWith("'")))) {
            return v.substring(1, v.length() - 1);
        }
        return v;
    }
}
