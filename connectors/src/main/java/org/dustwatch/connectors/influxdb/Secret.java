package org.dustwatch.connectors.influxdb;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A password or token. Read from the environment or a file, never from a command line; its {@code
 * toString} never shows the value, so it cannot leak into logs or exception messages.
 */
public final class Secret implements Serializable {
    private static final long serialVersionUID = 1L;

    private final String value;
    private final String source;

    private Secret(String value, String source) {
        this.value = Objects.requireNonNull(value);
        this.source = source;
    }

    /** The value of environment variable {@code name}; fails if it is unset or empty. */
    public static Secret fromEnv(String name) {
        String v = System.getenv(name);
        if (v == null || v.isEmpty()) {
            throw new IllegalArgumentException("environment variable " + name + " is not set");
        }
        return new Secret(v, "env:" + name);
    }

    /** The first line of {@code file}, trimmed; fails if the file is missing or empty. */
    public static Secret fromFile(Path file) {
        try {
            String v = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (v.isEmpty()) {
                throw new IllegalArgumentException("secret file " + file + " is empty");
            }
            int nl = v.indexOf('\n');
            return new Secret(nl < 0 ? v : v.substring(0, nl).strip(), "file:" + file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read secret file " + file, e);
        }
    }

    /** For tests and for callers that already hold the value (e.g. from a secret store). */
    public static Secret of(String value, String description) {
        return new Secret(value, description);
    }

    public String reveal() {
        return value;
    }

    @Override
    public String toString() {
        return "****(" + source + ")";
    }
}
