package org.dustwatch.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Small strict parser for the dustwatch command lines: {@code --name value}, {@code --name=value},
 * boolean {@code --flag}, and positional arguments. Unknown options are errors, so a typo never
 * silently falls back to a default.
 */
public final class Args {
    private final Map<String, String> options = new LinkedHashMap<>();
    private final List<String> positional = new ArrayList<>();

    private Args() {}

    /**
     * @param valued options that take a value
     * @param flags options that take none
     */
    public static Args parse(String[] argv, Set<String> valued, Set<String> flags) {
        Args a = new Args();
        for (int i = 0; i < argv.length; i++) {
            String s = argv[i];
            if (s.equals("-h")) {
                s = "--help";
            }
            if (!s.startsWith("--") || s.equals("--")) {
                a.positional.add(s);
                continue;
            }
            String name = s.substring(2);
            String value = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                value = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            if (flags.contains(name) || name.equals("help")) {
                if (value != null) {
                    throw new UsageException("--" + name + " takes no value");
                }
                a.options.put(name, "true");
            } else if (valued.contains(name)) {
                if (value == null) {
                    if (i + 1 >= argv.length) {
                        throw new UsageException("--" + name + " needs a value");
                    }
                    value = argv[++i];
                }
                a.options.put(name, value);
            } else {
                throw new UsageException("unknown option --" + name + " (see --help)");
            }
        }
        return a;
    }

    public boolean help() {
        return options.containsKey("help");
    }

    public boolean flag(String name) {
        return options.containsKey(name);
    }

    public String string(String name, String fallback) {
        return options.getOrDefault(name, fallback);
    }

    public Path path(String name) {
        String v = options.get(name);
        return v == null ? null : Path.of(v);
    }

    public long longValue(String name, long fallback, long min, long max) {
        String v = options.get(name);
        if (v == null) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.replace("_", ""));
        } catch (NumberFormatException e) {
            throw new UsageException("--" + name + " must be a whole number, was '" + v + "'");
        }
        if (n < min || n > max) {
            throw new UsageException(
                    "--" + name + " must be in [" + min + ", " + max + "], was " + n);
        }
        return n;
    }

    public int intValue(String name, int fallback, int min, int max) {
        return (int) longValue(name, fallback, min, max);
    }

    public List<String> positional() {
        return positional;
    }
}
