package org.dustwatch.jobs.config;

import java.time.Duration;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.description.TextElement;
import org.apache.flink.util.TimeUtils;

/**
 * Renders the settings table of docs/configuration.md from {@link DustwatchOptions}. A test
 * compares the document with this output, so a new or changed option fails the build until the
 * document says the same. Regenerate with {@code java ... ConfigDocs}.
 */
public final class ConfigDocs {
    private ConfigDocs() {}

    public static void main(String[] args) {
        System.out.print(table());
    }

    public static String table() {
        StringBuilder b =
                new StringBuilder(
                        "| key | environment variable | default | meaning |\n|---|---|---|---|\n");
        for (ConfigOption<?> o : DustwatchOptions.all()) {
            b.append("| `")
                    .append(o.key())
                    .append("` | `")
                    .append(DustwatchConfig.envName(o.key()))
                    .append("` | ")
                    .append(o.hasDefaultValue() ? "`" + format(o.defaultValue()) + "`" : "unset")
                    .append(" | ")
                    .append(text(o).replace("|", "\\|"))
                    .append(" |\n");
        }
        return b.toString();
    }

    /** The option's description; ours are plain sentences, one text block each. */
    static String text(ConfigOption<?> o) {
        return o.description().getBlocks().stream()
                .map(block -> ((TextElement) block).getFormat())
                .reduce((x, y) -> x + " " + y)
                .orElse("");
    }

    static String format(Object value) {
        return value instanceof Duration d
                ? TimeUtils.formatWithHighestUnit(d)
                : String.valueOf(value);
    }
}
